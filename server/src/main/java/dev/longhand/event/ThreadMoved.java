package dev.longhand.event;

/** An admin moved a thread, with its replies, to another space of the same workspace. */
public record ThreadMoved(long threadId, long fromSpaceId, long toSpaceId, long actorId) implements DomainEvent {}
