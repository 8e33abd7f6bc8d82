package dev.longhand.event;

/** An idea was added to a brainstorm. Ideas are anonymous: the event names no one. */
public record BrainstormIdeaAdded(long brainstormId, long ideaId) implements DomainEvent {}
