package dev.longhand.event;

/** A resolved document comment was reopened. */
public record DocumentCommentReopened(long documentId, long commentId) implements DomainEvent {}
