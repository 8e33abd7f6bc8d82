package dev.longhand.ask;

import java.util.List;

/**
 * An explicit request from one person (the asker) to another (the assignee), made by a post, with a deadline in
 * the assignee's working time. Open until the assignee marks which of their replies answers it, or marks it done,
 * or its asker withdraws it.
 *
 * @param within the window as given, ISO-8601 style in working days and hours ({@link Within})
 * @param doneAt when it was done, or 0 while open
 * @param doneHow "answered" (a reply marked as the answer), "marked", "withdrawn" (by its asker), "deleted" (with its
 *     post), or "reply" (closed by the assignee's next reply, as asks were before answers were marked) once done, else empty
 * @param answerId the reply that answers it, when {@code doneHow} is "answered", else 0
 */
public record Ask(long id, long workspaceId, long spaceId, long threadId, long postId, long askerId, long assigneeId,
                  String within, long createdAt, long dueAt, long doneAt, String doneHow, long answerId) {

  /** The {@code doneHow} of an ask its asker withdrew. */
  public static final String WITHDRAWN = "withdrawn";
  /** The {@code doneHow} of an ask its assignee answered with a reply they marked. */
  public static final String ANSWERED = "answered";

  /** The {@code doneHow} of an ask whose post (or thread) was deleted: withdrawn with it, and listed nowhere. */
  public static final String DELETED = "deleted";

  public boolean isAnswered() {
    return ANSWERED.equals(doneHow);
  }

  /** The thread page address of the reply that answers it; empty when none does. */
  public String answerPath() {
    return answerId == 0 ? "" : dev.longhand.http.PostLinks.reply(threadId, answerId);
  }

  public boolean isWithdrawn() {
    return WITHDRAWN.equals(doneHow);
  }

  public boolean isDone() {
    return doneAt > 0;
  }

  /** The thread page address of the post that asked. */
  public String path() {
    return postId == threadId ? "/threads/" + threadId : dev.longhand.http.PostLinks.reply(threadId, postId);
  }

  public record Person(long id, String name, String handle) {}

  /** An ask with what a page or the API shows beside it: thread title and both people. */
  public record Row(Ask ask, String threadTitle, Person asker, Person assignee) {}

  /**
   * An ask as one viewer sees it: the deadline in their zone and the assignee's, and its age in the assignee's
   * working time.
   *
   * @param dueYours the deadline in the viewer's zone, "Tue 8 Dec 13:00"
   * @param dueTheirs the deadline in the assignee's zone with their place, "21:00 in Seoul", or empty when it
   *     is the viewer's own zone
   * @param dueLine "due Tue 8 Dec 13:00 your time · 21:00 in Seoul"
   * @param ageMinutes working minutes of the assignee since it was asked (until it was done)
   * @param age "5 h of working time"
   * @param overdue open and past its deadline
   */
  public record View(Row row, String dueYours, String dueTheirs, String dueLine, long ageMinutes, String age,
                     boolean overdue) {
    public Ask ask() {
      return row.ask();
    }
  }

  /** A person's queue: open asks, overdue first then by deadline, and the last few done ones. */
  public record Queue(String name, List<View> open, List<View> recentlyDone) {}
}
