package dev.longhand.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The events last read, shared: every stored event with {@code after < position <= upTo}, in position order. A
 * dozen consumers follow the outbox a few milliseconds apart, and each read the same rows (payloads and all) for
 * itself; now the first to pass reads them and the others take them from here ({@link OutboxDispatcher}). The range
 * is complete for good because it ends at or below the settled horizon ({@link Outbox#horizon()}), or, on
 * PostgreSQL, below the oldest open transaction.
 */
record OutboxWindow(long after, long upTo, List<Outbox.Stored> events) {
  static final OutboxWindow EMPTY = new OutboxWindow(0, 0, List.of());

  /** At most this many events are kept in the window: four of the dispatcher's batches. */
  static final int MOST = 4 * OutboxDispatcher.BATCH;

  /**
   * The window's events after {@code from}, at most {@code batch} of them, ending with all the events at its last
   * position (a transaction's, with PostgreSQL; positions are ids with SQLite) unless one position alone holds more;
   * empty when the window does not hold {@code from}.
   */
  List<Outbox.Stored> heldAfter(long from, int batch) {
    if (from < after || from >= upTo) return List.of();
    int lo = 0;
    int hi = events.size();
    while (lo < hi) { // the first event with position > from
      int mid = (lo + hi) >>> 1;
      if (events.get(mid).position() <= from) lo = mid + 1;
      else hi = mid;
    }
    int end = Math.min(events.size(), lo + batch);
    if (end < events.size() && events.get(end).position() == events.get(end - 1).position()) {
      long split = events.get(end - 1).position();
      int back = end;
      while (back > lo && events.get(back - 1).position() == split) back--;
      if (back > lo) end = back;
      else while (end < events.size() && events.get(end).position() == split) end++;
    }
    return events.subList(lo, end);
  }

  /** This window with a range just read: appended when it continues the window, else in its place; the oldest trimmed. */
  OutboxWindow joined(long readAfter, long readUpTo, List<Outbox.Stored> read) {
    if (readUpTo <= upTo) return this; // the window already reaches as far
    if (readAfter < after || readAfter > upTo) return new OutboxWindow(readAfter, readUpTo, List.copyOf(read)); // no overlap
    List<Outbox.Stored> joined = new ArrayList<>(events.size() + read.size());
    joined.addAll(events);
    for (Outbox.Stored s : read) if (s.position() > upTo) joined.add(s);
    long start = after;
    if (joined.size() > MOST) {
      int drop = joined.size() - MOST;
      while (drop < joined.size() && joined.get(drop).position() == joined.get(drop - 1).position()) drop++; // whole positions
      start = joined.get(drop - 1).position();
      joined = joined.subList(drop, joined.size());
    }
    return new OutboxWindow(start, readUpTo, List.copyOf(joined));
  }
}
