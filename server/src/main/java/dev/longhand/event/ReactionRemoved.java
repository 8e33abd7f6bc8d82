package dev.longhand.event;

/** Someone took back a reaction. */
public record ReactionRemoved(long threadId, long postId, long accountId, String emoji) implements DomainEvent {}
