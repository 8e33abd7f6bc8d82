package dev.longhand.http;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * What every page template needs besides its own model: who is reading (and so which zone times
 * are shown in), the CSRF token for forms, and a one-line notice to show.
 */
public record PageContext(Optional<Viewer> viewer, String csrfToken, String path, Optional<String> notice) {
  private static final DateTimeFormatter SAME_YEAR = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  public ZoneId zone() {
    return viewer.map(Viewer::zone).orElse(ZoneId.of("UTC"));
  }

  public boolean signedIn() {
    return viewer.isPresent();
  }

  public String viewerName() {
    return viewer.map(Viewer::name).orElse("");
  }

  /** An instant as the reader reads it: in their own zone. */
  public String time(long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone());
    return (t.getYear() == ZonedDateTime.now(zone()).getYear() ? SAME_YEAR : OTHER_YEAR).format(t);
  }

  /** An instant in a given zone, as pages write it. */
  public static String format(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    return (z.getYear() == ZonedDateTime.now(zone).getYear() ? SAME_YEAR : OTHER_YEAR).format(z);
  }

  /** The same instant for a machine-readable {@code <time datetime>} attribute. */
  public String isoTime(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis).atZone(zone()));
  }
}
