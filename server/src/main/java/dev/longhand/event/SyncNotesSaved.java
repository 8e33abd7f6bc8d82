package dev.longhand.event;

/** Someone saved the live notes of a sync session's agenda items; open session pages fetch them again. */
public record SyncNotesSaved(long sessionId, long savedBy) implements DomainEvent {}
