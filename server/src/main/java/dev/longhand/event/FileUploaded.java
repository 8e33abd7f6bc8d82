package dev.longhand.event;

/** A file was uploaded into a space. */
public record FileUploaded(long fileId, long spaceId) implements DomainEvent {}
