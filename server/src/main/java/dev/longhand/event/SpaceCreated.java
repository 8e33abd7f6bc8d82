package dev.longhand.event;

/** A space was made in a workspace. */
public record SpaceCreated(long spaceId, long workspaceId) implements DomainEvent {}
