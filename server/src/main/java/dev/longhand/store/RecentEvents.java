package dev.longhand.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The outbox events read lately, kept for the other consumers: every consumer reads the same newest events, each on
 * its own cursor, and a dozen consumers reading each event from the database was a tenth of the work of a reply.
 * Holds one span of ids, {@code (after, upTo]}, whose events are all here: a read of the outbox that returned fewer
 * rows than asked for holds every event up to the safe horizon it was bounded by, a full read every event up to its
 * last. A read that starts inside the span is answered from it, and from the database only for what lies beyond;
 * one that starts before it (a consumer far behind) reads the database alone. At most {@link #KEPT} events are kept,
 * the oldest dropped first.
 */
final class RecentEvents {
  static final int KEPT = 5_000;

  /** Reads the outbox: events with ids in {@code (after, upTo]}, in id order, at most {@code limit}. */
  @FunctionalInterface
  interface Source {
    List<Outbox.Stored> read(long after, long upTo, int limit);
  }

  private final Source source;
  private final ArrayList<Outbox.Stored> events = new ArrayList<>();
  private long after = -1;
  private long upTo = -1;

  RecentEvents(Source source) {
    this.source = source;
  }

  /** The events with ids in {@code (from, horizon]}, in id order, at most {@code limit}: all of them when fewer. */
  List<Outbox.Stored> read(long from, long horizon, int limit) {
    List<Outbox.Stored> out = new ArrayList<>();
    long next = from;
    synchronized (this) {
      if (after >= 0 && from >= after && from <= upTo) {
        int i = firstAfter(from);
        while (i < events.size() && out.size() < limit && events.get(i).id() <= horizon) out.add(events.get(i++));
        if (out.size() == limit || horizon <= upTo) return out;
        next = upTo;
      }
    }
    List<Outbox.Stored> read = source.read(next, horizon, limit - out.size());
    out.addAll(read);
    keep(next, read.size() < limit - out.size() + read.size() ? horizon : read.getLast().id(), read);
    return out;
  }

  /** Takes in a read's events, complete for {@code (from, end]}: extends the span when it adjoins it, else replaces it. */
  private synchronized void keep(long from, long end, List<Outbox.Stored> read) {
    if (end <= from) return;
    if (after >= 0 && from >= after && from <= upTo) {
      if (end <= upTo) return;
      for (Outbox.Stored s : read) if (s.id() > upTo) events.add(s);
      upTo = end;
    } else {
      events.clear();
      events.addAll(read);
      after = from;
      upTo = end;
    }
    int drop = events.size() - KEPT;
    if (drop > 0) {
      after = events.get(drop - 1).id();
      events.subList(0, drop).clear();
    }
  }

  /** The index of the first kept event with an id above {@code id}. */
  private int firstAfter(long id) {
    int lo = 0;
    int hi = events.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (events.get(mid).id() <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
