package dev.longhand.time;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The working time of one person in their local wall-clock time, as local epoch seconds (seconds since
 * 1970-01-01T00:00 local): the weekly pattern minus blocked days (away periods and holidays).
 *
 * <p>It is walked in <em>pieces</em>: runs of working time cut at week boundaries and at blocked days. A piece
 * never contains a blocked second; two pieces touch only at a week boundary.
 */
final class LocalHours {
  static final long DAY = 86_400;
  static final long WEEK = 7 * DAY;
  /** 1970-01-01 was a Thursday; the Monday before it starts a week. */
  private static final long MONDAY = -3 * DAY;
  static final long NONE = Long.MIN_VALUE;

  /** Working ranges in seconds of the week from Monday 00:00, sorted, disjoint and not touching. */
  private final long[] starts;
  private final long[] ends;
  /** Blocked local seconds, sorted, disjoint and not touching. */
  private final long[] blockedFrom;
  private final long[] blockedTo;
  final long secondsPerWeek;

  LocalHours(Collection<WorkingRange> week, List<long[]> blockedDays) {
    List<long[]> ranges = new ArrayList<>();
    for (WorkingRange r : week) {
      long day = (r.day().getValue() - 1) * DAY;
      long s = day + r.start().toSecondOfDay();
      long e = (r.crossesMidnight() ? day + DAY : day) + r.end().toSecondOfDay();
      if (e > WEEK) {
        ranges.add(new long[] {s, WEEK});
        ranges.add(new long[] {0, e - WEEK});
      } else {
        ranges.add(new long[] {s, e});
      }
    }
    List<long[]> merged = merge(ranges);
    starts = new long[merged.size()];
    ends = new long[merged.size()];
    long total = 0;
    for (int i = 0; i < starts.length; i++) {
      starts[i] = merged.get(i)[0];
      ends[i] = merged.get(i)[1];
      total += ends[i] - starts[i];
    }
    secondsPerWeek = total;
    List<long[]> blocked = merge(blockedDays);
    blockedFrom = new long[blocked.size()];
    blockedTo = new long[blocked.size()];
    for (int i = 0; i < blockedFrom.length; i++) {
      blockedFrom[i] = blocked.get(i)[0] * DAY;
      blockedTo[i] = blocked.get(i)[1] * DAY;
    }
  }

  /** Whole local days {@code [from, returns)} as epoch days. */
  static long[] days(LocalDate from, LocalDate returns) {
    return new long[] {from.toEpochDay(), returns.toEpochDay()};
  }

  private static List<long[]> merge(List<long[]> ranges) {
    List<long[]> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    List<long[]> out = new ArrayList<>();
    for (long[] r : sorted) {
      long[] last = out.isEmpty() ? null : out.getLast();
      if (last != null && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.add(new long[] {r[0], r[1]});
    }
    return out;
  }

  boolean isEmpty() {
    return starts.length == 0;
  }

  private static long weekStart(long x) {
    return Math.floorDiv(x - MONDAY, WEEK) * WEEK + MONDAY;
  }

  /** First range index whose end is after {@code sow} (may be starts.length). */
  private int rangeEndingAfter(long sow) {
    int i = 0;
    while (i < ends.length && ends[i] <= sow) i++;
    return i;
  }

  /** Last range index whose start is at or before {@code sow} (may be -1). */
  private int rangeStartingBy(long sow) {
    int i = starts.length - 1;
    while (i >= 0 && starts[i] > sow) i--;
    return i;
  }

  /** First blocked index whose end is after {@code x} (may be blockedFrom.length). */
  private int blockEndingAfter(long x) {
    int lo = 0, hi = blockedTo.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (blockedTo[mid] <= x) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Last blocked index whose start is at or before {@code x} (may be -1). */
  private int blockStartingBy(long x) {
    int lo = 0, hi = blockedFrom.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (blockedFrom[mid] <= x) lo = mid + 1; else hi = mid;
    }
    return lo - 1;
  }

  private boolean blocked(long x) {
    if (blockedFrom.length == 0) return false;
    int j = blockEndingAfter(x);
    return j < blockedFrom.length && blockedFrom[j] <= x;
  }

  boolean contains(long x) {
    long base = weekStart(x);
    long sow = x - base;
    int i = rangeEndingAfter(sow);
    return i < starts.length && starts[i] <= sow && !blocked(x);
  }

  /** {@code x} when it is working time, else the start of the next piece; {@link #NONE} if that is after limit. */
  long nextStart(long x, long limit) {
    if (starts.length == 0) return NONE;
    while (x <= limit) {
      long base = weekStart(x);
      long sow = x - base;
      int i = rangeEndingAfter(sow);
      long a = i == starts.length ? base + WEEK + starts[0] : base + Math.max(starts[i], sow);
      if (blockedFrom.length > 0) {
        int j = blockEndingAfter(a);
        if (j < blockedFrom.length && blockedFrom[j] <= a) {
          x = blockedTo[j];
          continue;
        }
      }
      return a <= limit ? a : NONE;
    }
    return NONE;
  }

  /** The end of the piece holding working second {@code x}. */
  long pieceEnd(long x) {
    long base = weekStart(x);
    long e = base + ends[rangeEndingAfter(x - base)];
    if (blockedFrom.length > 0) {
      int j = blockEndingAfter(x);
      if (j < blockedFrom.length && blockedFrom[j] < e) e = blockedFrom[j];
    }
    return e;
  }

  /** The start of the piece holding working second {@code x}. */
  long pieceStart(long x) {
    long base = weekStart(x);
    long s = base + starts[rangeStartingBy(x - base)];
    if (blockedFrom.length > 0) {
      int j = blockStartingBy(x);
      if (j >= 0 && blockedTo[j] > s) s = blockedTo[j];
    }
    return s;
  }

  /**
   * {@code x} when the second before it is working time, else the end of the last piece before {@code x};
   * {@link #NONE} if that is before limit.
   */
  long previousEnd(long x, long limit) {
    if (starts.length == 0) return NONE;
    while (x >= limit) {
      long y = x - 1;
      long base = weekStart(y);
      int i = rangeStartingBy(y - base);
      long e;
      if (i < 0) e = base - WEEK + ends[ends.length - 1];
      else e = base + Math.min(ends[i], y - base + 1);
      if (blockedFrom.length > 0) {
        int j = blockStartingBy(e - 1);
        if (j >= 0 && blockedTo[j] > e - 1) {
          x = blockedFrom[j];
          continue;
        }
      }
      return e >= limit ? e : NONE;
    }
    return NONE;
  }
}
