package dev.longhand.brainstorm;

import java.util.List;
import java.util.Optional;

/**
 * A brainstorm on a thread: a prompt, an anonymous idea phase until {@code ideasUntil}, dot-voting until
 * {@code votesUntil} with {@code dots} dots each, then closed with the ranked ideas filed as a reply
 * ({@code replyId}). Who wrote an idea is never part of these records.
 */
public record Brainstorm(long id, long workspaceId, long threadId, long startedBy, String prompt, int dots, long ideasUntil,
                         long votesUntil, Phase phase, Optional<Long> replyId, long createdAt) {

  /** The phases, in order; each moves to the next at its time (due work). */
  public enum Phase {
    IDEAS("ideas"), VOTING("voting"), CLOSED("closed");

    private final String key;

    Phase(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    static Phase of(String key) {
      for (Phase p : values()) if (p.key.equals(key)) return p;
      throw new IllegalStateException("unknown brainstorm phase " + key);
    }
  }

  public String path() {
    return "/brainstorms/" + id;
  }

  /** Where the filed result is read: the thread's page from that reply on (however long the thread). */
  public Optional<String> resultPath() {
    return replyId.map(r -> "/threads/" + threadId + "?after=" + (r - 1) + "#reply-" + r);
  }

  /** The thread a brainstorm is started on, with its space's name (for the start form's trail). */
  public record Origin(dev.longhand.thread.Thread thread, String spaceName) {}

  /** What a person asked for when starting one. */
  public record Start(String prompt, long ideasUntil, long votesUntil, int dots) {}

  /**
   * An idea as one reader sees it: {@code mine} while the brainstorm is open; {@code votes} only once it is closed;
   * {@code myDots}, the reader's own dots on it, only during voting.
   */
  public record Idea(long id, String text, boolean mine, Optional<Integer> votes, Optional<Integer> myDots) {}

  /**
   * A brainstorm as one reader sees it. In the idea phase {@code ideas} holds only the reader's own ideas and
   * {@code ideaCount} counts everyone's; during voting all ideas in an order of the reader's own; closed, ranked by
   * votes. {@code dotsLeft} only during voting.
   */
  public record View(Brainstorm brainstorm, String threadTitle, long spaceId, String spaceName, String starterName,
                     int ideaCount, List<Idea> ideas, Optional<Integer> dotsLeft) {
    public Phase phase() {
      return brainstorm.phase();
    }
  }

  /** One line of a thread's section: a brainstorm, its phase and how many ideas it has. */
  public record Line(Brainstorm brainstorm, int ideaCount) {}
}
