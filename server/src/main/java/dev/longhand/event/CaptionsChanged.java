package dev.longhand.event;

/** A recording's captions were replaced (the number of cues). */
public record CaptionsChanged(long recordingId, int cues) implements DomainEvent {}
