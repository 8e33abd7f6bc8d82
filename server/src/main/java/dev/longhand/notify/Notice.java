package dev.longhand.notify;

/**
 * What happened, for whom: the input to {@link Notifications#notify}.
 *
 * @param kind a short product word: "mention", "reply", "acknowledged", "ask", "ask-nudge", "ask-overdue", "urgent"
 * @param threadId the thread it is about (0 when none)
 * @param actorId who caused it (0 for Longhand itself, e.g. a nudge)
 * @param text one line for the notification centre, e.g. "Bo asked you to review “Launch plan” by Tue 10:00"
 * @param reason the written reason of an urgent notification, else empty
 */
public record Notice(long recipientId, long workspaceId, Level level, String kind, long threadId, long actorId,
    String text, String reason) {}
