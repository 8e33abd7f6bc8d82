package dev.longhand.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * What Longhand shows beside a person's name: their local time now and whether they are inside
 * their working hours, or when their day starts ("02:10 in Seoul · starts in 8 h"). No presence,
 * no "last seen": only what their calendar says.
 *
 * @param localTime their clock now, {@code HH:mm}
 * @param place the city of their zone ("Seoul", "Buenos Aires", "UTC")
 * @param working inside working hours now
 * @param away on an away period now
 * @param summary one line for pages: "14:05 in Seoul · working", "02:10 in Seoul · starts in 8 h"
 * @param changesAt when the working period ends or the next starts, if ever
 */
public record PersonTime(String zoneId, String localTime, String place, boolean working, boolean away, String summary,
    Optional<Instant> changesAt) {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  public static PersonTime of(WorkCalendar calendar, Instant now) {
    WorkCalendar.LocalStatus s = calendar.statusAt(now);
    String time = HOUR.format(s.localNow());
    String place = place(calendar.zone());
    String state;
    if (s.away().isPresent()) {
      state = "away until " + DAY.format(s.away().get().returns());
    } else if (s.working()) {
      state = "working";
    } else {
      state = s.changesAt().map(at -> "starts " + inWords(Duration.between(now, at), at.atZone(calendar.zone())))
          .orElse("no working hours set");
    }
    return new PersonTime(calendar.zone().getId(), time, place, s.working(), s.away().isPresent(),
        time + " in " + place + " · " + state, s.changesAt());
  }

  /** The city a zone is named after: Europe/Lisbon is "Lisbon", America/Argentina/Buenos_Aires "Buenos Aires". */
  public static String place(ZoneId zone) {
    String id = zone.getId();
    return id.substring(id.lastIndexOf('/') + 1).replace('_', ' ');
  }

  /**
   * A stretch of time away from someone's day, from its near to its far end in minutes: "7–9 h", "20–50 min",
   * "6 h 30 min to 8 h 30 min", or "the 2 h" when it touches their day (near is 0).
   */
  public static String distance(long nearMinutes, long farMinutes) {
    if (nearMinutes <= 0) return "the " + length(farMinutes);
    if (nearMinutes % 60 == 0 && farMinutes % 60 == 0) return nearMinutes / 60 + "–" + farMinutes / 60 + " h";
    if (farMinutes < 60) return nearMinutes + "–" + farMinutes + " min";
    return length(nearMinutes) + " to " + length(farMinutes);
  }

  private static String length(long minutes) {
    long h = minutes / 60;
    long m = minutes % 60;
    if (h == 0) return m + " min";
    return m == 0 ? h + " h" : h + " h " + m + " min";
  }

  private static String inWords(Duration d, ZonedDateTime at) {
    long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
    if (minutes < 60) return "in " + minutes + " min";
    if (minutes < 24 * 60) return "in " + Math.round(minutes / 60.0) + " h";
    return at.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " " + HOUR.format(at);
  }
}
