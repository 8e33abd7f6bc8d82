package dev.longhand.event;

/** A comment was made on a document. */
public record DocumentCommented(long documentId, long commentId) implements DomainEvent {}
