package dev.longhand.event;

import java.util.List;

/** A reply was edited by its author; {@code mentioned} are the people the edit newly mentions. */
public record ReplyEdited(long threadId, long replyId, long spaceId, long editorId, int revision, List<Long> mentioned)
    implements DomainEvent {}
