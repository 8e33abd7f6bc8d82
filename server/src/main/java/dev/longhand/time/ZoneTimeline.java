package dev.longhand.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One zone's offsets as arrays, to convert between instants and local wall-clock time in epoch seconds without
 * allocating. Built once per zone from {@link ZoneRules} for 1900-2200; outside those years it asks the rules.
 *
 * <p>Two conversions, both monotone:
 * <ul>
 *   <li>{@link #instantOf(long) instantOf(x)}: the first instant at which the wall clock shows {@code x} or later.
 *   In a spring-forward gap that is the transition instant; in a fall-back overlap it is the earlier offset.
 *   <li>{@link #localOf(long) localOf(t)}: the wall clock at {@code t}, except that while a fall-back repeats an
 *   hour it stays at the last second before the change (the clock "waits" for the hour it already showed).
 * </ul>
 * They are exact inverses in the sense that matters: {@code t >= instantOf(x)} if and only if
 * {@code localOf(t) >= x}. So the instants whose {@code localOf} lies in a local range {@code [a, b)} are exactly
 * {@code [instantOf(a), instantOf(b))}.
 */
final class ZoneTimeline {
  private static final ConcurrentHashMap<ZoneId, ZoneTimeline> CACHE = new ConcurrentHashMap<>();
  private static final long TABLE_FROM = ZonedDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
  private static final long TABLE_TO = ZonedDateTime.of(2200, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
  /** More than any offset (18 h), so that table lookups near its edges stay inside it. */
  private static final long MARGIN = 2 * 86_400;

  private final ZoneRules rules;
  private final boolean fixed;
  /** Transition instants, ascending; segment k runs from transitions[k-1] to transitions[k]. */
  private final long[] transitions;
  /** Offset in seconds of each segment; one more than transitions. */
  private final int[] offsets;
  /** Running maximum of the local time at which each segment ends: transitions[k] + offsets[k]. */
  private final long[] localEnds;

  private ZoneTimeline(ZoneRules rules) {
    this.rules = rules;
    this.fixed = rules.isFixedOffset();
    long[] ts = new long[64];
    int[] offs = new int[65];
    int n = 0;
    offs[0] = rules.getOffset(Instant.ofEpochSecond(TABLE_FROM)).getTotalSeconds();
    if (!fixed) {
      ZoneOffsetTransition tr = rules.nextTransition(Instant.ofEpochSecond(TABLE_FROM));
      while (tr != null && tr.toEpochSecond() < TABLE_TO) {
        if (n == ts.length) {
          ts = Arrays.copyOf(ts, n * 2);
          offs = Arrays.copyOf(offs, n * 2 + 1);
        }
        ts[n] = tr.toEpochSecond();
        offs[n + 1] = tr.getOffsetAfter().getTotalSeconds();
        n++;
        tr = rules.nextTransition(tr.getInstant());
      }
    }
    transitions = Arrays.copyOf(ts, n);
    offsets = Arrays.copyOf(offs, n + 1);
    localEnds = new long[n];
    long max = Long.MIN_VALUE;
    for (int k = 0; k < n; k++) {
      max = Math.max(max, transitions[k] + offsets[k]);
      localEnds[k] = max;
    }
  }

  static ZoneTimeline of(ZoneId zone) {
    return CACHE.computeIfAbsent(zone, z -> new ZoneTimeline(z.getRules()));
  }

  /** Wall-clock time at instant {@code t} (both epoch seconds), held back during a repeated hour. */
  long localOf(long t) {
    if (fixed) return t + offsets[0];
    if (t < TABLE_FROM + MARGIN || t >= TABLE_TO) return localOfByRules(t);
    // k = number of transitions at or before t = the segment holding t
    int lo = 0, hi = transitions.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (transitions[mid] <= t) lo = mid + 1; else hi = mid;
    }
    long local = t + offsets[lo];
    return lo == 0 ? local : Math.max(local, localEnds[lo - 1] - 1);
  }

  /** The first instant (epoch seconds) at which the wall clock shows local time {@code x} or later. */
  long instantOf(long x) {
    if (fixed) return x - offsets[0];
    if (x < TABLE_FROM + MARGIN || x >= TABLE_TO - MARGIN) return instantOfByRules(x);
    // k = first segment whose local end is after x
    int lo = 0, hi = localEnds.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (localEnds[mid] <= x) lo = mid + 1; else hi = mid;
    }
    long t = x - offsets[lo];
    return lo == 0 ? t : Math.max(t, transitions[lo - 1]);
  }

  private long localOfByRules(long t) {
    Instant at = Instant.ofEpochSecond(t);
    long local = t + rules.getOffset(at).getTotalSeconds();
    ZoneOffsetTransition prev = rules.previousTransition(Instant.ofEpochSecond(t + 1));
    if (prev != null && prev.isOverlap()) local = Math.max(local, prev.toEpochSecond() + prev.getOffsetBefore().getTotalSeconds() - 1);
    return local;
  }

  private long instantOfByRules(long x) {
    LocalDateTime ldt = LocalDateTime.ofEpochSecond(x, 0, ZoneOffset.UTC);
    ZoneOffsetTransition tr = rules.getTransition(ldt);
    if (tr == null) return x - rules.getOffset(ldt).getTotalSeconds();
    if (tr.isGap()) return tr.toEpochSecond();
    return x - tr.getOffsetBefore().getTotalSeconds();
  }
}
