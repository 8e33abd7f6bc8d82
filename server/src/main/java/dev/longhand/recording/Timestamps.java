package dev.longhand.recording;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times within a recording as people write them: "12:30", "1:02:03", "754" or "754.5" seconds. */
final class Timestamps {
  private static final Pattern CLOCK = Pattern.compile("(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{2})(?:\\.(\\d{1,3}))?");
  private static final Pattern SECONDS = Pattern.compile("(\\d{1,7})(?:\\.(\\d{1,3}))?");
  /** A day: long enough for any recording, small enough that arithmetic never overflows. */
  static final long MAX_MS = 24L * 3600 * 1000;

  private Timestamps() {}

  /** Milliseconds from the start, or empty when the text is not a time. */
  static Optional<Long> parse(String raw) {
    if (raw == null) return Optional.empty();
    String s = raw.strip();
    Matcher c = CLOCK.matcher(s);
    long ms;
    if (c.matches()) {
      long h = c.group(1) == null ? 0 : Long.parseLong(c.group(1));
      long m = Long.parseLong(c.group(2));
      long sec = Long.parseLong(c.group(3));
      if (sec > 59 || (c.group(1) != null && m > 59)) return Optional.empty();
      ms = ((h * 60 + m) * 60 + sec) * 1000 + fraction(c.group(4));
    } else {
      Matcher n = SECONDS.matcher(s);
      if (!n.matches()) return Optional.empty();
      ms = Long.parseLong(n.group(1)) * 1000 + fraction(n.group(2));
    }
    return ms > MAX_MS ? Optional.empty() : Optional.of(ms);
  }

  private static long fraction(String digits) {
    if (digits == null) return 0;
    return Long.parseLong((digits + "00").substring(0, 3));
  }

  /** "12:30" or "1:02:03", as chapters and comments show a time. */
  static String format(long ms) {
    long total = Math.max(0, ms) / 1000;
    long h = total / 3600;
    long m = total % 3600 / 60;
    long s = total % 60;
    return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
  }

  /** Whole seconds, for {@code ?t=} links and media fragments. */
  static long seconds(long ms) {
    return Math.max(0, ms) / 1000;
  }

  /** "00:01:02.500", as WebVTT writes a time. */
  static String vtt(long ms) {
    return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
  }
}
