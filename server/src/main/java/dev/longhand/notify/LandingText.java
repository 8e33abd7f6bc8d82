package dev.longhand.notify;

import dev.longhand.time.PersonTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** "tomorrow 10:00 in Seoul (in 14 h)": when a held message lands, in the recipient's own time. */
final class LandingText {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  private LandingText() {}

  static String when(Instant at, ZoneId zone, Instant now) {
    ZonedDateTime local = at.atZone(zone);
    long days = java.time.temporal.ChronoUnit.DAYS.between(now.atZone(zone).toLocalDate(), local.toLocalDate());
    String day = days == 0 ? "today" : days == 1 ? "tomorrow" : DAY.format(local);
    long minutes = Duration.between(now, at).toMinutes();
    String in = minutes < 60 ? minutes + " min" : Math.round(minutes / 60.0) + " h";
    return day + " " + HOUR.format(local) + " their time in " + PersonTime.place(zone) + " (in " + in + ")";
  }
}
