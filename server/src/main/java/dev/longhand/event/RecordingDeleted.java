package dev.longhand.event;

/** A recording was deleted. */
public record RecordingDeleted(long recordingId, long spaceId) implements DomainEvent {}
