package dev.longhand.event;

/** Someone marked a thread unread again. */
public record ThreadMarkedUnread(long threadId, long accountId) implements DomainEvent {}
