package dev.longhand.event;

/** A post asked someone to answer within working time. */
public record AskCreated(long askId, long threadId, long assigneeId, long askerId) implements DomainEvent {}
