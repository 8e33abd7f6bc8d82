package dev.longhand.event;

/** A document comment's conversation was resolved. */
public record DocumentCommentResolved(long documentId, long commentId) implements DomainEvent {}
