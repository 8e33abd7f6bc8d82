package dev.longhand.event;

/** A decision was recorded, with its number in the workspace. */
public record DecisionRecorded(long decisionId, long spaceId, int number) implements DomainEvent {}
