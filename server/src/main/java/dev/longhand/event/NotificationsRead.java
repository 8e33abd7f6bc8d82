package dev.longhand.event;

/** Someone's delivered notifications were read (one, a thread's group, or all): their unread count fell. */
public record NotificationsRead(long accountId) implements DomainEvent {}
