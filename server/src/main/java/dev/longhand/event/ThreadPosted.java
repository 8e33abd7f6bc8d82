package dev.longhand.event;

/** A thread was started; its opening post has the thread's id. */
public record ThreadPosted(long threadId, long spaceId, long authorId) implements DomainEvent {}
