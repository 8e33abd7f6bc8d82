package dev.longhand.event;

/** A comment was pinned to a moment of a recording. */
public record RecordingCommented(long recordingId, long commentId) implements DomainEvent {}
