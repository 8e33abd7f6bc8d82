package dev.longhand.event;

/** A new revision of a document was saved. */
public record DocumentSaved(long documentId, int revision) implements DomainEvent {}
