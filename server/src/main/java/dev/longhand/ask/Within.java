package dev.longhand.ask;

import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an ask gives its assignee, in their working time: whole working days plus working minutes.
 *
 * <p>A working day is the assignee's average working day: their weekly working hours divided by the number of
 * weekdays that have hours. Bo works 10:00-19:00 Monday to Friday, so his working day is 9 h and "2 working days"
 * is 18 h of his working time; someone who works 4 h on six days has 4 h working days. Written ISO-8601 style,
 * where {@code D} means a working day and {@code H}, {@code M} working hours and minutes: {@code P2D},
 * {@code PT4H}, {@code P1DT4H}.
 */
public record Within(int days, int minutes) {
  public static final int MAX_DAYS = 30;
  public static final int MAX_HOURS = 240;
  private static final Pattern ISO = Pattern.compile("P(?:(\\d{1,3})D)?(?:T(?:(\\d{1,4})H)?(?:(\\d{1,5})M)?)?");
  private static final Pattern WORDS = Pattern.compile("(\\d{1,4})\\s+working\\s+(days?|hours?)");

  public static Within days(int days) {
    return new Within(days, 0);
  }

  public static Within hours(int hours) {
    return new Within(0, hours * 60);
  }

  /** "P2D", "PT16H", "P1DT4H30M", or as a post says it, "2 working days"; empty for anything else or out of bounds. */
  public static Optional<Within> parse(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    Matcher iso = ISO.matcher(t);
    Within w = null;
    if (iso.matches() && !t.equals("P") && !t.endsWith("T")) {
      w = new Within(number(iso.group(1)), number(iso.group(2)) * 60 + number(iso.group(3)));
    } else {
      Matcher words = WORDS.matcher(text.strip().toLowerCase(Locale.ROOT));
      if (words.matches()) {
        int n = Integer.parseInt(words.group(1));
        w = words.group(2).startsWith("day") ? days(n) : hours(n);
      }
    }
    return Optional.ofNullable(w).filter(Within::inBounds);
  }

  /** More than nothing, at most {@link #MAX_DAYS} working days and {@link #MAX_HOURS} working hours. */
  public boolean inBounds() {
    return days >= 0 && minutes >= 0 && days + minutes > 0 && days <= MAX_DAYS && minutes <= MAX_HOURS * 60;
  }

  /** The working time this gives in a calendar; zero when the calendar has no working hours. */
  public Duration in(WorkCalendar calendar) {
    return workingDay(calendar).multipliedBy(days).plusMinutes(minutes);
  }

  /** A person's average working day: weekly working hours over the number of weekdays with hours. */
  public static Duration workingDay(WorkCalendar calendar) {
    long weekdays = calendar.week().stream().map(WorkingRange::day).distinct().count();
    if (weekdays == 0) return Duration.ZERO;
    return calendar.weeklyHours().dividedBy(weekdays);
  }

  public String iso() {
    StringBuilder s = new StringBuilder("P");
    if (days > 0) s.append(days).append('D');
    if (minutes > 0) {
      s.append('T');
      if (minutes / 60 > 0) s.append(minutes / 60).append('H');
      if (minutes % 60 > 0) s.append(minutes % 60).append('M');
    }
    return s.toString();
  }

  /** "2 working days", "4 working hours", "1 working day and 30 working minutes". */
  public String words() {
    StringBuilder s = new StringBuilder();
    if (days > 0) s.append(days).append(days == 1 ? " working day" : " working days");
    int h = minutes / 60;
    int m = minutes % 60;
    if (h > 0) s.append(s.isEmpty() ? "" : " and ").append(h).append(h == 1 ? " working hour" : " working hours");
    if (m > 0) s.append(s.isEmpty() ? "" : " and ").append(m).append(m == 1 ? " working minute" : " working minutes");
    return s.toString();
  }

  private static int number(String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }
}
