package dev.longhand.time;

import java.util.Arrays;

/** A growable list of working periods as pairs of epoch seconds, so hot loops need no objects per period. */
final class PeriodList {
  private long[] edges = new long[32];
  private int size;

  void add(long start, long end) {
    if (2 * size + 2 > edges.length) edges = Arrays.copyOf(edges, edges.length * 2);
    edges[2 * size] = start;
    edges[2 * size + 1] = end;
    size++;
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  long start(int i) {
    return edges[2 * i];
  }

  long end(int i) {
    return edges[2 * i + 1];
  }

  /** Index of the first period ending after {@code t}, or {@link #size()} if none. */
  int firstEndingAfter(long t) {
    int lo = 0, hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[2 * mid + 1] <= t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Working seconds inside {@code [from, to)}. */
  long secondsWithin(long from, long to) {
    long total = 0;
    for (int i = firstEndingAfter(from); i < size && start(i) < to; i++) {
      total += Math.min(end(i), to) - Math.max(start(i), from);
    }
    return total;
  }
}
