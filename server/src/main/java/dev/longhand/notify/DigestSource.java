package dev.longhand.notify;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** A feature that contributes a section to people's digests (asks waiting on them, later decisions). */
public interface DigestSource {
  /** One line of a digest: text and a link (a path such as /threads/123). */
  record Line(String text, String path) {}

  /** The section's heading, e.g. "Asks waiting on you". */
  String heading();

  /** Lines for this person covering {@code (since, now]}, or what is still open now; empty for no section. */
  List<Line> linesFor(Handle h, long accountId, Instant since, Instant now);
}
