package dev.longhand.time;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * One range of working hours on a weekday, in local time. When {@code end} is not after
 * {@code start} the range runs past midnight into the next day (a night shift, 22:00-06:00).
 */
public record WorkingRange(DayOfWeek day, LocalTime start, LocalTime end) {
  public WorkingRange {
    if (start.equals(end)) throw new IllegalArgumentException("a working range cannot start and end at the same time");
  }

  public boolean crossesMidnight() {
    return !end.isAfter(start);
  }

  /** Length in minutes, counting a midnight crossing. */
  public int minutes() {
    int s = start.toSecondOfDay() / 60;
    int e = end.toSecondOfDay() / 60;
    return crossesMidnight() ? (24 * 60 - s) + e : e - s;
  }
}
