package dev.longhand.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shortest edit script between two sequences (Myers, "An O(ND) Difference Algorithm", 1986),
 * after trimming their common start and end. Its trace keeps the furthest reach of every round,
 * so memory grows with the square of the number of differences; past {@link #MAX_ROUNDS} rounds
 * (two texts with thousands of differing lines) the rest of the middle is reported as removed and
 * added whole, which is still a correct, if coarser, script. Pure and thread-safe.
 */
final class Myers {
  static final int MAX_ROUNDS = 2000;

  enum Op { EQUAL, DELETE, INSERT }

  /** One step of the script: the element {@code a[aIndex]} kept or removed, or {@code b[bIndex]} added. */
  record Edit(Op op, int aIndex, int bIndex) {}

  private Myers() {}

  /** The script turning {@code a} into {@code b}, in order; elements are compared with {@code equals}. */
  static <T> List<Edit> diff(List<T> a, List<T> b) {
    Map<T, Integer> codes = new HashMap<>();
    return diff(encode(a, codes), encode(b, codes));
  }

  private static <T> int[] encode(List<T> items, Map<T, Integer> codes) {
    int[] out = new int[items.size()];
    for (int i = 0; i < out.length; i++) out[i] = codes.computeIfAbsent(items.get(i), k -> codes.size());
    return out;
  }

  static List<Edit> diff(int[] a, int[] b) {
    int n = a.length;
    int m = b.length;
    int start = 0;
    while (start < n && start < m && a[start] == b[start]) start++;
    int endA = n;
    int endB = m;
    while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) {
      endA--;
      endB--;
    }
    List<Edit> out = new ArrayList<>(Math.max(n, m) + 8);
    for (int i = 0; i < start; i++) out.add(new Edit(Op.EQUAL, i, i));
    middle(a, b, start, endA, start, endB, out);
    for (int i = endA, j = endB; i < n; i++, j++) out.add(new Edit(Op.EQUAL, i, j));
    return out;
  }

  /** The script for a[aFrom, aTo) against b[bFrom, bTo), appended to {@code out}. */
  private static void middle(int[] a, int[] b, int aFrom, int aTo, int bFrom, int bTo, List<Edit> out) {
    int n = aTo - aFrom;
    int m = bTo - bFrom;
    if (n == 0 || m == 0) {
      wholesale(aFrom, aTo, bFrom, bTo, out);
      return;
    }
    int max = n + m;
    int offset = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    int rounds = Math.min(max, MAX_ROUNDS);
    for (int d = 0; d <= rounds; d++) {
      int[] snapshot = new int[2 * d + 3];
      for (int k = -d - 1; k <= d + 1; k++) snapshot[k + d + 1] = v[offset + k];
      trace.add(snapshot);
      for (int k = -d; k <= d; k += 2) {
        int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a[aFrom + x] == b[bFrom + y]) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) {
          backtrack(trace, d, n, m, aFrom, bFrom, out);
          return;
        }
      }
    }
    wholesale(aFrom, aTo, bFrom, bTo, out); // too many differences to trace: remove and add the middle whole
  }

  private static void backtrack(List<int[]> trace, int rounds, int n, int m, int aFrom, int bFrom, List<Edit> out) {
    List<Edit> reversed = new ArrayList<>();
    int x = n;
    int y = m;
    for (int d = rounds; d > 0; d--) {
      int[] v = trace.get(d); // the reach after round d - 1, for k in [-d - 1, d + 1]
      int k = x - y;
      boolean down = k == -d || (k != d && at(v, d, k - 1) < at(v, d, k + 1));
      int prevK = down ? k + 1 : k - 1;
      int prevX = at(v, d, prevK);
      int prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        x--;
        y--;
        reversed.add(new Edit(Op.EQUAL, aFrom + x, bFrom + y));
      }
      if (down) {
        y--;
        reversed.add(new Edit(Op.INSERT, aFrom + x, bFrom + y));
      } else {
        x--;
        reversed.add(new Edit(Op.DELETE, aFrom + x, bFrom + y));
      }
    }
    while (x > 0 && y > 0) {
      x--;
      y--;
      reversed.add(new Edit(Op.EQUAL, aFrom + x, bFrom + y));
    }
    Collections.reverse(reversed);
    out.addAll(reversed);
  }

  private static int at(int[] snapshot, int d, int k) {
    return snapshot[k + d + 1];
  }

  private static void wholesale(int aFrom, int aTo, int bFrom, int bTo, List<Edit> out) {
    for (int i = aFrom; i < aTo; i++) out.add(new Edit(Op.DELETE, i, bFrom));
    for (int j = bFrom; j < bTo; j++) out.add(new Edit(Op.INSERT, aTo, j));
  }
}
