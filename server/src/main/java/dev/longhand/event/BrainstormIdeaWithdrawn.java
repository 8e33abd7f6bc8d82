package dev.longhand.event;

/** An idea was withdrawn by its (anonymous) author during the idea phase. */
public record BrainstormIdeaWithdrawn(long brainstormId, long ideaId) implements DomainEvent {}
