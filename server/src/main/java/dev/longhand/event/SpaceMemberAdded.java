package dev.longhand.event;

/** Someone was added to a private space. */
public record SpaceMemberAdded(long spaceId, long accountId) implements DomainEvent {}
