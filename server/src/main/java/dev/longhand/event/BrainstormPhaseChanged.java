package dev.longhand.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A brainstorm moved to its next phase at its time: {@code voting}, or {@code closed} with {@code replyId}, the reply
 * of the starter's that filed the ranked ideas in the thread (absent when it could not be filed).
 */
public record BrainstormPhaseChanged(long brainstormId, String phase,
                                     @MayBeAbsent @JsonInclude(JsonInclude.Include.NON_NULL) Long replyId) implements DomainEvent {}
