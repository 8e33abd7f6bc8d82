package dev.longhand.notify;

/**
 * What happened, for whom: the input to {@link Notifications#notify}.
 *
 * @param kind a short product word: "mention", "reply", "acknowledged", "ask", "ask-nudge", "ask-overdue", "urgent", "comment"
 * @param threadId the thread it is about (0 when none)
 * @param actorId who caused it (0 for Longhand itself, e.g. a nudge)
 * @param text one line for the notification centre, e.g. "Bo asked you to review “Launch plan” by Tue 10:00"
 * @param reason the written reason of an urgent notification, else empty
 * @param link the page it leads to when that is not its thread, e.g. "/documents/12#comment-34"; else empty
 */
public record Notice(long recipientId, long workspaceId, Level level, String kind, long threadId, long actorId,
    String text, String reason, String link) {

  /** A notice about a thread (or about nothing to open), whose page is the thread's. */
  public Notice(long recipientId, long workspaceId, Level level, String kind, long threadId, long actorId, String text, String reason) {
    this(recipientId, workspaceId, level, kind, threadId, actorId, text, reason, "");
  }
}
