package dev.longhand.event;

/** A workspace was made; its owner is its first member. */
public record WorkspaceCreated(long workspaceId, long ownerId) implements DomainEvent {}
