package dev.longhand.event;

/** Someone read a thread to its end: their inbox row is read. */
public record ThreadRead(long threadId, long accountId) implements DomainEvent {}
