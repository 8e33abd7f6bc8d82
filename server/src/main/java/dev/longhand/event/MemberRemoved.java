package dev.longhand.event;

/** An owner or admin removed someone from a workspace (and so from its spaces); what they wrote stays, under their name. */
public record MemberRemoved(long workspaceId, long accountId, long removedBy) implements DomainEvent {}
