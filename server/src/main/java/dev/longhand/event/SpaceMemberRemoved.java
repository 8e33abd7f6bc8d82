package dev.longhand.event;

/** An owner or admin took someone off a space's members; they still read it if it is public and they are no guest. */
public record SpaceMemberRemoved(long spaceId, long accountId, long removedBy) implements DomainEvent {}
