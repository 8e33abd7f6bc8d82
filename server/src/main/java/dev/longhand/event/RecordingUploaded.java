package dev.longhand.event;

/** A recording was uploaded. */
public record RecordingUploaded(long recordingId, long spaceId) implements DomainEvent {}
