package dev.longhand.time;

import java.time.Instant;
import java.util.List;

/**
 * Times written in messages as {@code <t:2026-12-01T15:00Z>} (an ISO instant with a Z or an offset), shown to each
 * reader in their own zone.
 */
public final class TimeMarkup {
  private TimeMarkup() {}

  /** One time found in a text: where it is, and the instant it names. */
  public record Found(int start, int end, Instant instant) {}

  /** Every well-formed time marker in {@code text}, in order; malformed ones are left as text. */
  public static List<Found> find(String text) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The marker for an instant, as the composer writes it: {@code <t:2026-12-01T15:00Z>}. */
  public static String marker(Instant instant) {
    throw new UnsupportedOperationException("skeleton");
  }
}
