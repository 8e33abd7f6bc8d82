package dev.longhand.event;

import java.util.List;

/** Asks were done: answered by a reply, marked done, or withdrawn. */
public record AsksDone(List<Long> askIds, long threadId) implements DomainEvent {}
