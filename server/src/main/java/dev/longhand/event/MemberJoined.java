package dev.longhand.event;

/** Someone joined a workspace by invitation, with a role key (owner, admin, member, guest). */
public record MemberJoined(long workspaceId, long accountId, String role) implements DomainEvent {}
