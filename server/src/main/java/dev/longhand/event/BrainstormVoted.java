package dev.longhand.event;

/** A dot was put on an idea of a brainstorm. Dots are anonymous: the event names no one. */
public record BrainstormVoted(long brainstormId, long ideaId) implements DomainEvent {}
