package dev.longhand.thread;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The follow and mute levels that bear on the threads posted to lately (their space's rows and their own), each with
 * the space's readers version they were read at ({@link Subscriptions.Levels#readAt}). Every change of a level counts
 * a version of the space (of the thread's space, for a thread's level), and so does moving a thread into a space, so
 * rows read at the version a post reads with the thread are the rows still. Each node keeps its own; the version is
 * read from the database with every post.
 */
final class LevelMemory {
  /** Threads remembered at most; past it the memory starts over (the rows are one read away). */
  static final int MAX_THREADS = 4096;

  /** A thread in its space; thread 0 is a new one, which only the space's rows bear on. */
  record Place(long spaceId, long threadId) {}

  private record Known(long version, List<SubscriptionStore.Row> rows) {}

  private final Map<Place, Known> known = new ConcurrentHashMap<>();

  /** The rows remembered for the place at this version; null when they must be read. */
  List<SubscriptionStore.Row> get(Place place, long version) {
    Known k = known.get(place);
    return k != null && k.version() == version ? k.rows() : null;
  }

  void put(Place place, long version, List<SubscriptionStore.Row> rows) {
    if (known.size() >= MAX_THREADS) known.clear();
    // rows read at an older version than those remembered (a read that began before a change) replace nothing newer
    known.merge(place, new Known(version, List.copyOf(rows)), (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
  }
}
