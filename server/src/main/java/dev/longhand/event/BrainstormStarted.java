package dev.longhand.event;

/** A brainstorm was started on a thread by {@code startedBy}: its idea phase is open. */
public record BrainstormStarted(long brainstormId, long threadId, long startedBy) implements DomainEvent {}
