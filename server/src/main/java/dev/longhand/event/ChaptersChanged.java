package dev.longhand.event;

/** A recording's chapters were replaced (the number of chapters). */
public record ChaptersChanged(long recordingId, int chapters) implements DomainEvent {}
