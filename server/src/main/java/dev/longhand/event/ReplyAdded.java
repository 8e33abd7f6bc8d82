package dev.longhand.event;

/** A reply was posted in a thread. */
public record ReplyAdded(long threadId, long replyId, long spaceId, long authorId) implements DomainEvent {}
