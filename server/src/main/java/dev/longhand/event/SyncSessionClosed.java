package dev.longhand.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A sync session was closed with its written outcome. {@code threadId} is the thread it was proposed from (absent for
 * one proposed from a space) and {@code replyId} the summary reply closing posted there; the signals that led to it
 * count as answered.
 */
public record SyncSessionClosed(long sessionId,
                                @MayBeAbsent @JsonInclude(JsonInclude.Include.NON_NULL) Long threadId,
                                @MayBeAbsent @JsonInclude(JsonInclude.Include.NON_NULL) Long replyId,
                                long closedBy) implements DomainEvent {}
