package dev.longhand.event;

/** A document was created. */
public record DocumentCreated(long documentId, long spaceId) implements DomainEvent {}
