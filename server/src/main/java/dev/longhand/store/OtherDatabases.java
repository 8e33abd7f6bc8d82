package dev.longhand.store;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * PostgreSQL: the open transactions that hold the outbox's horizon but run in another database of the same cluster
 * (transaction ids are the cluster's), which the outbox's reads leave out of it ({@link OutboxStore#readFinished}):
 * none of them can write this outbox, and a long one (a migration, a bulk load, another application's session left
 * open) held every node's consumers here until it ended.
 *
 * <p>Looked up only when a read finds events held above the horizon, at most every {@link #LOOK_EVERY_NANOS}: the
 * lookup reads the lock table and every backend's status ({@code pg_locks}, {@code pg_stat_get_activity}; 0.26 ms
 * here), which the reads, many a second under load, need not pay. A transaction id found here stays true however old
 * the finding: an id names one transaction, run by one backend connected to one database. Every role may read both
 * views; a transaction the lookup cannot place stays in the horizon, as before.
 */
final class OtherDatabases {
  static final long LOOK_EVERY_NANOS = 100_000_000L;

  /** The transactions found, as the outbox's read takes them: ids separated by commas ("" for none). */
  private volatile String list = "";
  private volatile long lookedAt = System.nanoTime() - LOOK_EVERY_NANOS;

  String list() {
    return list;
  }

  /** After a read that found events held: looks again if the last look is old enough; whether the list changed. */
  boolean lookIfDue(Database db) {
    long now = System.nanoTime();
    if (now - lookedAt < LOOK_EVERY_NANOS) return false;
    lookedAt = now;
    long[] found = db.read(OutboxStore::otherDatabasesTransactions);
    String before = list;
    list = Arrays.stream(found).mapToObj(Long::toString).collect(Collectors.joining(","));
    return !list.equals(before);
  }
}
