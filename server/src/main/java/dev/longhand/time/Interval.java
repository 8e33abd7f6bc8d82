package dev.longhand.time;

import java.time.Duration;
import java.time.Instant;

/** A half-open span of time {@code [start, end)}. */
public record Interval(Instant start, Instant end) {
  public Interval {
    if (end.isBefore(start)) throw new IllegalArgumentException("an interval cannot end before it starts");
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
