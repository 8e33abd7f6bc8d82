package dev.longhand.store;

/** One domain event as stored in the outbox: what happened, in which workspace, as JSON. */
public record OutboxEvent(long id, long workspaceId, String kind, String payload, long createdAt) {}
