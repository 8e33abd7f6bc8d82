package dev.longhand.ask;

import dev.longhand.time.PersonTime;
import dev.longhand.time.WorkCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Asks as one viewer reads them: deadlines in the viewer's zone and the assignee's, ages in working time. */
final class AskViews {
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private AskViews() {}

  /**
   * The row as {@code viewerZone} sees it at {@code now}; {@code calendars} must hold the assignee's calendar
   * (without it, as for someone who left, the deadline shows in the viewer's zone only and the age is zero).
   */
  static Ask.View view(Ask.Row row, ZoneId viewerZone, Map<Long, WorkCalendar> calendars, Instant now) {
    Ask a = row.ask();
    WorkCalendar assignee = calendars.get(a.assigneeId());
    Instant due = Instant.ofEpochMilli(a.dueAt());
    ZonedDateTime yours = due.atZone(viewerZone);
    String dueYours = DAY_TIME.format(yours);
    String dueTheirs = "";
    if (assignee != null && !assignee.zone().normalized().equals(viewerZone.normalized())) {
      ZonedDateTime theirs = due.atZone(assignee.zone());
      boolean sameDay = theirs.toLocalDate().equals(yours.toLocalDate());
      dueTheirs = (sameDay ? TIME : DAY_TIME).format(theirs) + " in " + PersonTime.place(assignee.zone());
    }
    String line = "due " + dueYours + " your time" + (dueTheirs.isEmpty() ? "" : " · " + dueTheirs);
    Instant created = Instant.ofEpochMilli(a.createdAt());
    Instant until = a.isDone() ? Instant.ofEpochMilli(a.doneAt()) : now;
    long ageMinutes = assignee == null || until.isBefore(created) ? 0 : assignee.workingBetween(created, until).toMinutes();
    boolean overdue = !a.isDone() && now.isAfter(due);
    String age = workingTime(ageMinutes);
    if (overdue && assignee != null) age += ", overdue by " + workingTime(assignee.workingBetween(due, now).toMinutes());
    return new Ask.View(row, dueYours, dueTheirs, line, ageMinutes, age, overdue);
  }

  /** "under a minute of working time", "35 min of working time", "5 h of working time", "5 h 20 min of working time". */
  static String workingTime(long minutes) {
    String amount;
    if (minutes < 1) amount = "under a minute";
    else if (minutes < 60) amount = minutes + " min";
    else if (minutes % 60 == 0) amount = minutes / 60 + " h";
    else amount = minutes / 60 + " h " + minutes % 60 + " min";
    return amount + " of working time";
  }

  /** A deadline in one person's zone, for a notice: "Tue 8 Dec 21:00". */
  static String at(long epochMillis, ZoneId zone) {
    return DAY_TIME.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
  }

  static Duration half(Duration d) {
    return d.dividedBy(2);
  }
}
