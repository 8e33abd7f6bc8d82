package dev.longhand.event;

/** A reply was deleted, for everyone, by its author or an admin, or with its thread. */
public record ReplyDeleted(long threadId, long replyId, long spaceId, long actorId) implements DomainEvent {}
