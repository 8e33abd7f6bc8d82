package dev.longhand.event;

/** Someone reacted to a post (the thread's opening post or a reply) with an emoji. */
public record ReactionAdded(long threadId, long postId, long accountId, String emoji) implements DomainEvent {}
