package dev.longhand.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times written in messages as {@code <t:2026-12-01T15:00Z>} (an ISO instant with a Z or an offset), shown to each
 * reader in their own zone.
 *
 * <p>A marker is {@code <t:}, a date-time {@code yyyy-MM-ddTHH:mm} with optional {@code :ss}, then {@code Z} or an
 * offset {@code +HH:MM} / {@code -HH:MM}, then {@code >}. Anything else, and dates that do not exist
 * ({@code 2026-02-30}), stays plain text.
 */
public final class TimeMarkup {
  private TimeMarkup() {}

  private static final String ISO = "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2})?(?:Z|[+-]\\d{2}:\\d{2}))";
  private static final Pattern MARKER = Pattern.compile("<t:" + ISO + ">");
  private static final Pattern ESCAPED = Pattern.compile("&lt;t:" + ISO + "&gt;");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

  /** One time found in a text: where it is ({@code end} exclusive), and the instant it names. */
  public record Found(int start, int end, Instant instant) {}

  /** Every well-formed time marker in {@code text}, in order; malformed ones are left as text. */
  public static List<Found> find(String text) {
    return find(MARKER, text);
  }

  /**
   * The same for HTML in which the markers were escaped ({@code &lt;t:2026-12-01T15:00Z&gt;}), as they are after
   * Markdown rendering; positions are in the HTML.
   */
  public static List<Found> findEscaped(String html) {
    return find(ESCAPED, html);
  }

  private static List<Found> find(Pattern pattern, String text) {
    if (text.indexOf("t:") < 0) return List.of();
    List<Found> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      try {
        Instant instant = OffsetDateTime.parse(m.group(1), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        out.add(new Found(m.start(), m.end(), instant));
      } catch (DateTimeException notATime) {
        // 2026-13-01, 25:00, +19:00: left as text
      }
    }
    return out;
  }

  /**
   * The marker for an instant, as the composer writes it: {@code <t:2026-12-01T15:00Z>}, in UTC, with seconds only
   * when they are not zero. Fractions of a second are dropped.
   *
   * @throws IllegalArgumentException for instants outside the years 0000-9999
   */
  public static String marker(Instant instant) {
    OffsetDateTime utc;
    try {
      utc = instant.atOffset(ZoneOffset.UTC);
    } catch (DateTimeException tooFar) {
      throw new IllegalArgumentException("no marker for " + instant, tooFar);
    }
    if (utc.getYear() < 0 || utc.getYear() > 9999) throw new IllegalArgumentException("no marker for " + instant);
    return "<t:" + (utc.getSecond() == 0 ? MINUTES : SECONDS).format(utc) + ">";
  }
}
