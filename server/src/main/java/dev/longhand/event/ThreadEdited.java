package dev.longhand.event;

import java.util.List;

/**
 * A thread's opening post or title was edited by its author; {@code mentioned} are the people the edit newly
 * mentions (told once, as for a new post), never those the post already mentioned.
 */
public record ThreadEdited(long threadId, long spaceId, long editorId, int revision, List<Long> mentioned) implements DomainEvent {}
