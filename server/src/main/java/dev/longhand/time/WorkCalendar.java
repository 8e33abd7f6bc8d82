package dev.longhand.time;

import static dev.longhand.time.LocalHours.DAY;
import static dev.longhand.time.LocalHours.NONE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * When one person works: an IANA zone, working hours per weekday in local time (several a day,
 * possibly crossing midnight), away periods and holidays (whole local days in their zone).
 * Immutable and thread-safe; all answers are instants.
 *
 * <h2>What counts as working</h2>
 * A range such as Monday 09:00-17:00 covers the instants from the first moment the person's wall clock shows
 * Monday 09:00 until the first moment it shows Monday 17:00. So a day whose hours do not contain a clock change is
 * exactly as long as it says (09:00-17:00 is 8 hours on a daylight-saving day too); a range that starts or ends in
 * a spring-forward gap starts or ends at the transition instant (not an hour later, as {@link ZonedDateTime} would
 * resolve it); a start in a fall-back overlap takes the earlier offset, and a night shift across a change is an hour
 * shorter or longer, as it is on the wall. Ranges that overlap or touch (09:00-12:00 and 12:00-17:00, or Monday
 * 22:00-24:00 and Tuesday 00:00-06:00) make one period. Away periods and holidays remove whole local days, cutting
 * any range at local midnight. Times are kept to the second.
 *
 * <h2>Horizon</h2>
 * Searches for a next or previous period look at most {@link #HORIZON} ahead or back: {@link #addWorking} throws
 * {@link NoWorkingTimeException} when no working time starts within it, and a period longer than it (hours every
 * day of the week) is cut at it.
 */
public final class WorkCalendar {
  /** How far searches for working time look: about ten years. */
  public static final Duration HORIZON = Duration.ofDays(3653);
  private static final long HORIZON_SECONDS = HORIZON.toSeconds();
  private static final long NANOS = 1_000_000_000L;

  private final ZoneId zone;
  private final List<WorkingRange> week;
  private final List<AwayPeriod> away;
  private final List<LocalDate> holidays;
  private final ZoneTimeline timeline;
  private final LocalHours hours;

  private WorkCalendar(ZoneId zone, List<WorkingRange> week, List<AwayPeriod> away, List<LocalDate> holidays) {
    this.zone = zone;
    this.week = week;
    this.away = away;
    this.holidays = holidays;
    this.timeline = ZoneTimeline.of(zone);
    List<long[]> blocked = new ArrayList<>();
    for (AwayPeriod a : away) blocked.add(LocalHours.days(a.from(), a.returns()));
    for (LocalDate h : holidays) blocked.add(LocalHours.days(h, h.plusDays(1)));
    this.hours = new LocalHours(week, blocked);
  }

  public static WorkCalendar of(ZoneId zone, Collection<WorkingRange> week, Collection<AwayPeriod> away,
      Collection<LocalDate> holidays) {
    List<AwayPeriod> awaySorted = new ArrayList<>(away);
    awaySorted.sort((a, b) -> a.from().compareTo(b.from()));
    return new WorkCalendar(zone, List.copyOf(week), List.copyOf(awaySorted),
        holidays.stream().distinct().sorted().toList());
  }

  public ZoneId zone() {
    return zone;
  }

  public List<WorkingRange> week() {
    return week;
  }

  /** Away periods, earliest first. */
  public List<AwayPeriod> away() {
    return away;
  }

  /** Holidays, earliest first. */
  public List<LocalDate> holidays() {
    return holidays;
  }

  /** Working time in an ordinary week, with no away days or holidays. */
  public Duration weeklyHours() {
    return Duration.ofSeconds(hours.secondsPerWeek);
  }

  /** True when {@code t} falls inside a working period. */
  public boolean isWorking(Instant t) {
    return hours.contains(timeline.localOf(t.getEpochSecond()));
  }

  /** The whole working period containing {@code t}, contiguous ranges merged. */
  public Optional<Interval> periodAt(Instant t) {
    long x = timeline.localOf(t.getEpochSecond());
    if (!hours.contains(x)) return Optional.empty();
    long start = extendBack(hours.pieceStart(x), x - HORIZON_SECONDS);
    Forward rest = extendForward(hours.pieceEnd(x), x + HORIZON_SECONDS);
    return Optional.of(interval(start, rest.end));
  }

  /** The first working period that starts after {@code t} (after the current one, when working). */
  public Optional<Interval> nextPeriod(Instant t) {
    Span next = nextSpan(timeline.localOf(t.getEpochSecond()));
    return next == null ? Optional.empty() : Optional.of(interval(next.start, next.end));
  }

  /**
   * When the person's next working day starts, seen from {@code t}: the start of the first period of {@code t}'s own
   * local day when none of that day's periods has started yet (at 06:00, with hours from 09:00, that is 09:00 today),
   * else the start of the first period on a later local day (at 13:00 between 09:00-12:00 and 14:00-18:00 it is
   * tomorrow's 09:00, not 14:00: the day has begun). Empty when no working time starts within {@link #HORIZON}.
   */
  public Optional<Instant> nextDayStart(Instant t) {
    LocalDate today = t.atZone(zone).toLocalDate();
    Optional<Interval> first = nextPeriod(today.atStartOfDay(zone).toInstant().minusSeconds(1));
    if (first.isPresent() && first.get().start().isAfter(t) && first.get().start().atZone(zone).toLocalDate().equals(today)) {
      return Optional.of(first.get().start());
    }
    return nextPeriod(today.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1)).map(Interval::start);
  }

  /** The last working period that ends at or before {@code t} (before the current one, when working). */
  public Optional<Interval> previousPeriod(Instant t) {
    long x = timeline.localOf(t.getEpochSecond());
    long limit = x - HORIZON_SECONDS;
    long before = x;
    if (hours.contains(x)) {
      before = hours.pieceStart(x);
      while (true) {
        long p = hours.previousEnd(before, limit);
        if (p == NONE || timeline.instantOf(p) != timeline.instantOf(before)) break;
        before = hours.pieceStart(p - 1);
      }
    }
    long p = hours.previousEnd(before, limit);
    while (p != NONE) {
      long a = hours.pieceStart(p - 1);
      if (timeline.instantOf(a) != timeline.instantOf(p)) {
        return Optional.of(interval(extendBack(a, limit), timeline.instantOf(p)));
      }
      p = hours.previousEnd(a, limit); // an hour lost to a spring-forward gap: nothing to work
    }
    return Optional.empty();
  }

  /** Working periods overlapping {@code [from, to)}, clipped to it, contiguous ranges merged, in order. */
  public List<Interval> periods(Instant from, Instant to) {
    if (from.isAfter(to)) throw new IllegalArgumentException("periods: from is after to");
    PeriodList list = new PeriodList();
    long toCeil = to.getNano() == 0 ? to.getEpochSecond() : to.getEpochSecond() + 1;
    collectPeriods(from.getEpochSecond(), toCeil, list);
    List<Interval> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Instant s = Instant.ofEpochSecond(list.start(i));
      Instant e = Instant.ofEpochSecond(list.end(i));
      out.add(new Interval(s.isBefore(from) ? from : s, e.isAfter(to) ? to : e));
    }
    return out;
  }

  /** Adds to {@code out} the working periods overlapping {@code [from, to)} (epoch seconds), clipped and merged. */
  void collectPeriods(long from, long to, PeriodList out) {
    if (to <= from) return;
    long x = timeline.localOf(from);
    long limit = timeline.localOf(to - 1);
    long curStart = 0, curEnd = 0;
    boolean open = false;
    long a;
    if (hours.contains(x)) {
      long e = hours.pieceEnd(x);
      curStart = from;
      curEnd = timeline.instantOf(e);
      open = true;
      a = hours.nextStart(e, limit);
    } else {
      a = hours.nextStart(x, limit);
    }
    while (a != NONE) {
      long e = hours.pieceEnd(a);
      long s = timeline.instantOf(a);
      long end = timeline.instantOf(e);
      if (s != end) {
        if (open && s == curEnd) {
          curEnd = end;
        } else {
          if (open) out.add(curStart, Math.min(curEnd, to));
          curStart = s;
          curEnd = end;
          open = true;
        }
      }
      a = hours.nextStart(e, limit);
    }
    if (open) out.add(curStart, Math.min(curEnd, to));
  }

  /**
   * The instant at which {@code amount} of working time has passed since {@code from}: the earliest instant
   * {@code r} with {@code workingBetween(from, r) == amount}. Nights, weekends, away days and holidays are skipped.
   *
   * <p>When the amount runs out exactly at the end of a period the answer is that end (8 hours from Monday 09:00
   * in a 09:00-17:00 week is Monday 17:00, not Tuesday 09:00). A zero amount gives the first working instant at or
   * after {@code from}: {@code from} itself when working, else the start of the next period. So the answer is always
   * inside working hours or at the end of a period; {@code workingBetween(from, addWorking(from, d)) == d}; and
   * {@code addWorking(t, workingBetween(t, x)) == x} for any {@code x} inside a period but not at its very start
   * (for a period's start, or a non-working {@code x}, the same working time was already reached at the end of an
   * earlier period, and that end is the answer; a zero amount gives the next working instant instead).
   *
   * @throws IllegalArgumentException when the amount is negative
   * @throws ArithmeticException when the amount is longer than about 292 years
   * @throws NoWorkingTimeException when no working time starts within {@link #HORIZON} of where the search stands
   */
  public Instant addWorking(Instant from, Duration amount) {
    if (amount.isNegative()) throw new IllegalArgumentException("cannot add a negative amount of working time");
    long remaining = amount.toNanos();
    long s = from.getEpochSecond();
    long n = from.getNano();
    long x = timeline.localOf(s);
    long e;
    if (hours.contains(x)) {
      e = hours.pieceEnd(x);
    } else {
      long a = hours.nextStart(x, x + HORIZON_SECONDS);
      if (a == NONE) throw noWorkingTime(from);
      s = timeline.instantOf(a);
      n = 0;
      e = hours.pieceEnd(a);
    }
    while (true) {
      long available = (timeline.instantOf(e) - s) * NANOS - n;
      if (remaining < available || (remaining == available && remaining > 0)) {
        return Instant.ofEpochSecond(s, n + remaining);
      }
      remaining -= available;
      long a = hours.nextStart(e, e + HORIZON_SECONDS);
      if (a == NONE) throw noWorkingTime(Instant.ofEpochSecond(timeline.instantOf(e)));
      s = timeline.instantOf(a);
      n = 0;
      e = hours.pieceEnd(a);
    }
  }

  /**
   * Working time inside {@code [from, to)}. Additive: {@code workingBetween(a, b) + workingBetween(b, c) ==
   * workingBetween(a, c)}.
   *
   * @throws IllegalArgumentException when {@code from} is after {@code to}
   */
  public Duration workingBetween(Instant from, Instant to) {
    if (from.isAfter(to)) throw new IllegalArgumentException("workingBetween: from is after to");
    long fs = from.getEpochSecond();
    long ts = to.getEpochSecond();
    long x = timeline.localOf(fs);
    long limit = timeline.localOf(ts);
    long seconds = 0;
    long nanos = 0;
    long a;
    if (hours.contains(x)) {
      long e = hours.pieceEnd(x);
      long end = timeline.instantOf(e);
      if (end > ts) return Duration.ofSeconds(ts - fs, (long) to.getNano() - from.getNano());
      seconds = end - fs;
      nanos = -from.getNano();
      a = hours.nextStart(e, limit);
    } else {
      a = hours.nextStart(x, limit);
    }
    while (a != NONE) {
      long e = hours.pieceEnd(a);
      long s = timeline.instantOf(a);
      long end = timeline.instantOf(e);
      if (end > ts) {
        seconds += ts - s;
        nanos += to.getNano();
        break;
      }
      seconds += end - s;
      a = hours.nextStart(e, limit);
    }
    return Duration.ofSeconds(seconds, nanos);
  }

  /** What to show beside a name: local time now, working or not, and when that changes. */
  public LocalStatus statusAt(Instant now) {
    long x = timeline.localOf(now.getEpochSecond());
    boolean working = hours.contains(x);
    Optional<Instant> changesAt;
    if (working) {
      Forward rest = extendForward(hours.pieceEnd(x), x + HORIZON_SECONDS);
      changesAt = rest.open ? Optional.empty() : Optional.of(Instant.ofEpochSecond(rest.end));
    } else {
      Span next = nextSpan(x);
      changesAt = next == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(next.start));
    }
    LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(x, DAY));
    Optional<AwayPeriod> awayNow = away.stream()
        .filter(p -> !today.isBefore(p.from()) && today.isBefore(p.returns())).findFirst();
    return new LocalStatus(now.atZone(zone), working, changesAt, awayNow);
  }

  /** The local date at instant {@code t} (epoch seconds), as an epoch day. */
  long localDay(long t) {
    return Math.floorDiv(timeline.localOf(t), DAY);
  }

  /**
   * @param localNow the person's local time
   * @param working inside working hours now
   * @param changesAt when the current period ends (working) or the next one starts (not working); empty when never
   * @param away the away period covering now, if any
   */
  public record LocalStatus(ZonedDateTime localNow, boolean working, Optional<Instant> changesAt,
      Optional<AwayPeriod> away) {}

  // --- walking pieces (local seconds) and merging them into periods (instants) ---

  /** A period in epoch seconds; open when it was cut at the horizon. */
  private record Span(long start, long end, boolean open) {}

  /** The period after local time {@code x}: after the one holding it, when working. */
  private Span nextSpan(long x) {
    long limit = x + HORIZON_SECONDS;
    long from = hours.contains(x) ? extendForward(hours.pieceEnd(x), limit).localEnd : x;
    long a = hours.nextStart(from, limit);
    while (a != NONE) {
      long e = hours.pieceEnd(a);
      long s = timeline.instantOf(a);
      if (s != timeline.instantOf(e)) {
        Forward rest = extendForward(e, limit);
        return new Span(s, rest.end, rest.open);
      }
      a = hours.nextStart(e, limit); // an hour lost to a spring-forward gap: nothing to work
    }
    return null;
  }

  /** Follows pieces from the local piece end {@code e} while they touch in time. */
  private Forward extendForward(long e, long limit) {
    long end = timeline.instantOf(e);
    while (true) {
      long a = hours.nextStart(e, limit);
      if (a == NONE) return new Forward(end, e, e > limit);
      if (timeline.instantOf(a) != end) return new Forward(end, e, false);
      e = hours.pieceEnd(a);
      end = timeline.instantOf(e);
    }
  }

  /** The end of a period in epoch seconds, the local piece end it was found at, and whether the horizon cut it. */
  private record Forward(long end, long localEnd, boolean open) {}

  /** Follows pieces back from the local piece start {@code a} while they touch in time; the period's start. */
  private long extendBack(long a, long limit) {
    long start = timeline.instantOf(a);
    while (true) {
      long p = hours.previousEnd(a, limit);
      if (p == NONE || timeline.instantOf(p) != start) return start;
      a = hours.pieceStart(p - 1);
      start = timeline.instantOf(a);
    }
  }

  private static Interval interval(long start, long end) {
    return new Interval(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
  }

  private static NoWorkingTimeException noWorkingTime(Instant after) {
    return new NoWorkingTimeException("no working time within " + HORIZON.toDays() + " days after " + after);
  }
}
