package dev.longhand.event;

/** Someone acknowledged a thread ("seen, nothing to add"). */
public record ThreadAcknowledged(long threadId, long accountId) implements DomainEvent {}
