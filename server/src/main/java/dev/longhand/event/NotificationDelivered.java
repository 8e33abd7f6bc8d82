package dev.longhand.event;

/** A notification reached its recipient (now, or when a held one came due). */
public record NotificationDelivered(long accountId, long notificationId) implements DomainEvent {}
