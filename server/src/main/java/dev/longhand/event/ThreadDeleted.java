package dev.longhand.event;

/** A thread was deleted, for everyone, by its author or an admin; each of its replies gets a {@link ReplyDeleted} too. */
public record ThreadDeleted(long threadId, long spaceId, long actorId) implements DomainEvent {}
