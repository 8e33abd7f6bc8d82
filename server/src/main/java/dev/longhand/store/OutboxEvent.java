package dev.longhand.store;

import dev.longhand.event.DomainEvent;

/** One committed domain event as consumers get it: its outbox id, its workspace, the event, when it was appended. */
public record OutboxEvent(long id, long workspaceId, DomainEvent event, long createdAt) {
  /** The event's stored kind name. */
  public String kind() {
    return DomainEvent.kind(event.getClass());
  }
}
