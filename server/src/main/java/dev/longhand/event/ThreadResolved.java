package dev.longhand.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A thread was resolved: outcome {@code decision} (with the decision's id), {@code answer} or {@code dropped}. */
public record ThreadResolved(long threadId, String outcome, long accountId,
                             @MayBeAbsent @JsonInclude(JsonInclude.Include.NON_NULL) Long decisionId) implements DomainEvent {}
