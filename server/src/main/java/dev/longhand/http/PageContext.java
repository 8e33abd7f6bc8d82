package dev.longhand.http;

import java.time.Clock;
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
public record PageContext(Optional<Viewer> viewer, String csrfToken, String path, Optional<String> notice, Clock clock) {
  private static final DateTimeFormatter SAME_YEAR = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter WEEKDAY_HOUR = DateTimeFormatter.ofPattern("EEE, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_OTHER_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH);

  /** A page read now by the system's clock. */
  public PageContext(Optional<Viewer> viewer, String csrfToken, String path, Optional<String> notice) {
    this(viewer, csrfToken, path, notice, Clock.systemUTC());
  }

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
    return (t.getYear() == clock.instant().atZone(zone()).getYear() ? SAME_YEAR : OTHER_YEAR).format(t);
  }

  /** An instant in a given zone, as pages write it. */
  public static String format(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    return (z.getYear() == ZonedDateTime.now(zone).getYear() ? SAME_YEAR : OTHER_YEAR).format(z);
  }

  /**
   * When something happened (or will), as every page says it beside a thing, relative to now in the reader's
   * zone: "just now", "12 min ago", "today, 14:05", "yesterday, 09:30", "Tue, 16:00", "Thu 3 Dec", "Thu 3 Dec 2025";
   * ahead: "in 20 min", "tomorrow, 09:00", ... Written through {@code when.jte}, with {@link #fullTime} as its title.
   */
  public String when(long epochMillis) {
    ZonedDateTime now = clock.instant().atZone(zone());
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone());
    long minutes = java.time.Duration.between(now, t).toMinutes();
    if (Math.abs(minutes) < 1) return "just now";
    if (Math.abs(minutes) < 60) return minutes < 0 ? -minutes + " min ago" : "in " + minutes + " min";
    long days = java.time.temporal.ChronoUnit.DAYS.between(now.toLocalDate(), t.toLocalDate());
    if (days == 0) return "today, " + HOUR.format(t);
    if (days == -1) return "yesterday, " + HOUR.format(t);
    if (days == 1) return "tomorrow, " + HOUR.format(t);
    if (Math.abs(days) < 7) return WEEKDAY_HOUR.format(t);
    if (t.getYear() != now.getYear()) return (days > 0 ? OTHER_YEAR : DAY_OTHER_YEAR).format(t);
    return (days > 0 ? SAME_YEAR : DAY).format(t);
  }

  /** The whole instant in the reader's zone, for a title: "Thursday 3 December 2026, 14:05 (Europe/Lisbon)". */
  public String fullTime(long epochMillis) {
    return FULL.format(Instant.ofEpochMilli(epochMillis).atZone(zone())) + " (" + zone().getId() + ")";
  }

  /** A calendar day as pages write it: "Mon 1 Mar", with the year when it is not this year's. */
  public String date(java.time.LocalDate day) {
    return (day.getYear() == clock.instant().atZone(zone()).getYear() ? DAY : DAY_OTHER_YEAR).format(day);
  }

  /** The same instant for a machine-readable {@code <time datetime>} attribute. */
  public String isoTime(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis).atZone(zone()));
  }
}
