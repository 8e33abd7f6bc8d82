package dev.longhand.event;

/** A resolved thread was reopened. */
public record ThreadReopened(long threadId, long accountId) implements DomainEvent {}
