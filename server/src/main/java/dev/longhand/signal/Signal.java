package dev.longhand.signal;

import dev.longhand.time.WorkCalendar;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An escalation signal of a thread: which one ({@code id}, one of {@link SignalRules}' kinds), how strong (0 to 1),
 * why in a sentence, and the evidence: the posts it comes from with the text span that made it (the opening post's
 * id is the thread's).
 */
public record Signal(String id, double score, String explanation, List<Evidence> evidence) {

  /** A post that gave rise to a signal and the span of its text that did. */
  public record Evidence(long replyId, String text) {}

  /** A post as the rules read it: its id (the thread's for the opening post), who wrote it, when, and its Markdown. */
  public record Post(long id, long authorId, String authorName, long at, String body) {}

  /** An open ask of the thread: the post that made it, whom it waits on and when it is due. */
  public record OpenAsk(long askId, long postId, String assigneeName, long dueAt) {}

  /**
   * What the rules read of a thread: its posts oldest first (the opening post first), its open asks, whether it is
   * resolved, its author, the working calendars of the people who wrote, and the instant of the computation.
   */
  public record Snapshot(long threadId, long authorId, List<Post> posts, List<OpenAsk> openAsks, boolean resolved,
                         Map<Long, WorkCalendar> calendars, Instant now) {}

  /** What a thread suggests: {@code sync}, {@code brainstorm} or {@code slow-mode}, with its reasons. */
  public record Suggestion(String kind, List<String> reasons) {}

  /** A signal heard before: dismissed or answered at a score. */
  public record Quiet(String signalId, double score, String why, String reason) {}

  /** A thread's signals as stored, what they suggest now, and the last dismissal's reason (empty if none). */
  public record View(long threadId, List<Signal> signals, Suggestion suggestion, String dismissedBecause) {}
}
