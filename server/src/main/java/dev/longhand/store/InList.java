package dev.longhand.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The values of an {@code IN (<list>)}, padded to a power of two by repeating the last one. JDBI writes one
 * placeholder per value, so every length is a new SQL text: JDBI parses it again and SQLite compiles it again, and
 * both caches fill with texts used once. Padding keeps a query to a dozen texts at most; repeating a value changes
 * nothing an {@code IN} or a {@code NOT IN} means.
 */
public final class InList {
  private InList() {}

  public static <T> List<T> of(Collection<T> values) {
    int n = values.size();
    if (n <= 1) return List.copyOf(values);
    int size = Integer.highestOneBit(n - 1) << 1;
    List<T> padded = new ArrayList<>(size);
    padded.addAll(values);
    T last = padded.get(n - 1);
    while (padded.size() < size) padded.add(last);
    return padded;
  }
}
