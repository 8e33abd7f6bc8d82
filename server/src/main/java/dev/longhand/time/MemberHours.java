package dev.longhand.time;

import static dev.longhand.time.LocalHours.DAY;
import static dev.longhand.time.LocalHours.NONE;

import java.time.Instant;

/**
 * One member's working periods around a search range, in epoch seconds, to answer quick questions about candidate
 * windows: how much of it they work, and how far it is from their day. Periods a week either side of the range are
 * kept, so the nearest edge of someone's day is almost always found without asking the calendar again.
 */
final class MemberHours {
  private static final long MARGIN = 8 * DAY;

  final OverlapFinder.Member member;
  private final PeriodList periods = new PeriodList();

  MemberHours(OverlapFinder.Member member, long from, long to) {
    this.member = member;
    member.calendar().collectPeriods(from - MARGIN, to + MARGIN, periods);
  }

  PeriodList periods() {
    return periods;
  }

  /** Working seconds in {@code [from, to)}, which must lie inside the search range. */
  long workingSeconds(long from, long to) {
    return periods.secondsWithin(from, to);
  }

  /** The end of the last period ending at or before {@code t}, or {@link LocalHours#NONE}. */
  long previousEnd(long t) {
    int i = periods.firstEndingAfter(t) - 1;
    if (i >= 0) return periods.end(i);
    return member.calendar().previousPeriod(Instant.ofEpochSecond(t))
        .map(p -> p.end().getEpochSecond()).orElse(NONE);
  }

  /** The start of the first period starting at or after {@code t}, or {@link LocalHours#NONE}. */
  long nextStart(long t) {
    int i = periods.firstEndingAfter(t);
    if (i < periods.size() && periods.start(i) < t) i++;
    if (i < periods.size()) return periods.start(i);
    Instant at = Instant.ofEpochSecond(t);
    if (member.calendar().isWorking(at)) return t;
    return member.calendar().nextPeriod(at).map(p -> p.start().getEpochSecond()).orElse(NONE);
  }

  /**
   * Where {@code [from, to)} falls for this member, who works {@code working} seconds of it. Someone who works part
   * of it is 0 minutes from their day: BEFORE_DAY when their day starts inside it, else AFTER_DAY.
   */
  OverlapFinder.Outside outside(long from, long to, long working) {
    long outsideMinutes = minutes(to - from - working);
    if (working > 0) {
      int i = periods.firstEndingAfter(from);
      OverlapFinder.Position position = periods.start(i) > from ? OverlapFinder.Position.BEFORE_DAY
          : OverlapFinder.Position.AFTER_DAY;
      return new OverlapFinder.Outside(member.id(), outsideMinutes, 0, position);
    }
    long prev = previousEnd(from);
    long next = nextStart(to);
    WorkCalendar calendar = member.calendar();
    boolean before = next != NONE && calendar.localDay(next) == calendar.localDay(to - 1);
    boolean after = prev != NONE && calendar.localDay(prev - 1) == calendar.localDay(from);
    long toNext = next == NONE ? Long.MAX_VALUE : next - to;
    long sincePrev = prev == NONE ? Long.MAX_VALUE : from - prev;
    OverlapFinder.Position position;
    if (before && (!after || toNext <= sincePrev)) position = OverlapFinder.Position.BEFORE_DAY;
    else if (after) position = OverlapFinder.Position.AFTER_DAY;
    else position = OverlapFinder.Position.DAY_OFF;
    long distance = switch (position) {
      case BEFORE_DAY -> toNext;
      case AFTER_DAY -> sincePrev;
      case DAY_OFF -> Math.min(toNext, sincePrev);
    };
    return new OverlapFinder.Outside(member.id(), outsideMinutes, distance == Long.MAX_VALUE ? Long.MAX_VALUE : distance / 60,
        position);
  }

  /** The farthest a stretch is counted: beyond a day away from one's hours, every slot is as bad. */
  static final long MAX_STRETCH_GAP_MINUTES = 24 * 60;

  /**
   * How far this member's day must stretch to take part in {@code [from, to)}, in minutes: 0 inside their hours; the
   * minutes outside when the slot touches their day; otherwise the minutes outside plus the gap to the nearest edge of
   * their day (capped at a day). A 30-minute call ending where someone's day starts costs them 30; the same call at
   * 03:00 for someone who starts at 09:00 costs 360.
   */
  long stretchMinutes(long from, long to) {
    long working = workingSeconds(from, to);
    long outside = minutes(to - from - working);
    if (outside == 0 || working > 0) return outside;
    long prev = previousEnd(from);
    long next = nextStart(to);
    long gap = Math.min(next == NONE ? Long.MAX_VALUE : next - to, prev == NONE ? Long.MAX_VALUE : from - prev);
    return outside + Math.min(gap == Long.MAX_VALUE ? Long.MAX_VALUE : gap / 60, MAX_STRETCH_GAP_MINUTES);
  }

  /** Whole minutes, counting a started minute: outside time is never rounded away. */
  static long minutes(long seconds) {
    return (seconds + 59) / 60;
  }
}
