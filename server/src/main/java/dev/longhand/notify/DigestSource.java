package dev.longhand.notify;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A feature that contributes a section to people's digests (new threads and replies grouped by thread, documents
 * and decisions that changed, asks waiting on them): each line is one thing (a thread, a document, a decision) with
 * a line of context and, as Discourse's summary emails do, who wrote what, with excerpts.
 */
public interface DigestSource {
  /**
   * One thing that happened to a line's subject: who, when, what they did ("replied", "saved revision 3"; empty
   * for a plain post) and a plain-text excerpt with its links ({@link Excerpt}; may be empty).
   */
  record Entry(String who, long at, String what, Excerpt excerpt) {}

  /**
   * One line of a digest: text and a link (a path such as /threads/123), a line of context ("Product · 7 new
   * replies from Ana, Bo"; may be empty), the latest entries, and how many more there were than shown.
   */
  record Line(String text, String path, String meta, List<Entry> entries, int more) {
    public Line(String text, String path) {
      this(text, path, "", List.of(), 0);
    }
  }

  /** The section's heading, e.g. "Asks waiting on you". */
  String heading();

  /** Lines for this person covering {@code (since, now]}, or what is still open now; empty for no section. */
  List<Line> linesFor(Handle h, long accountId, Instant since, Instant now);

  /**
   * Lines for each of a batch's people, each covering {@code (their since, now]}: by default each person's
   * {@link #linesFor} in turn; a source may read them for everyone at once.
   */
  default java.util.Map<Long, List<Line>> linesForEach(Handle h, java.util.Map<Long, Instant> since, Instant now) {
    java.util.Map<Long, List<Line>> out = new java.util.HashMap<>();
    since.forEach((person, from) -> out.put(person, linesFor(h, person, from, now)));
    return out;
  }

  /**
   * Whether nothing this source shows happened to anyone in {@code (since, now]}, so that no one's section would have
   * a line: a batch of digests asks once and then skips the source for each person. False when unsure (the default).
   */
  default boolean quietBetween(Handle h, Instant since, Instant now) {
    return false;
  }

  /** A few words for the digest's subject line, e.g. "7 new replies in 2 threads"; by default the heading and a count. */
  default String summary(List<Line> lines) {
    return heading() + " (" + lines.size() + ")";
  }

  /** "1 thread", "2 threads". */
  static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
