package dev.longhand.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * When one person works: an IANA zone, working hours per weekday in local time (several a day,
 * possibly crossing midnight), away periods and holidays (whole local days in their zone).
 * Immutable and thread-safe; all answers are instants.
 */
public final class WorkCalendar {

  public static WorkCalendar of(ZoneId zone, Collection<WorkingRange> week, Collection<AwayPeriod> away,
      Collection<LocalDate> holidays) {
    throw new UnsupportedOperationException("skeleton");
  }

  public ZoneId zone() {
    throw new UnsupportedOperationException("skeleton");
  }

  public List<WorkingRange> week() {
    throw new UnsupportedOperationException("skeleton");
  }

  public List<AwayPeriod> away() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** True when {@code t} falls inside a working period. */
  public boolean isWorking(Instant t) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The whole working period containing {@code t}, contiguous ranges merged. */
  public Optional<Interval> periodAt(Instant t) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The first working period that starts after {@code t} (after the current one, when working). */
  public Optional<Interval> nextPeriod(Instant t) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Working periods overlapping {@code [from, to)}, clipped to it, contiguous ranges merged, in order. */
  public List<Interval> periods(Instant from, Instant to) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The instant at which {@code amount} of working time has passed since {@code from}. */
  public Instant addWorking(Instant from, Duration amount) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Working time inside {@code [from, to)}. */
  public Duration workingBetween(Instant from, Instant to) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** What to show beside a name: local time now, working or not, and when that changes. */
  public LocalStatus statusAt(Instant now) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * @param localNow the person's local time
   * @param working inside working hours now
   * @param changesAt when the current period ends (working) or the next one starts (not working); empty when never
   * @param away the away period covering now, if any
   */
  public record LocalStatus(ZonedDateTime localNow, boolean working, Optional<Instant> changesAt,
      Optional<AwayPeriod> away) {}
}
