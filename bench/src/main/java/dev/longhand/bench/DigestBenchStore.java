package dev.longhand.bench;

import org.jdbi.v3.core.Handle;

/** The digest benchmark's SQL besides its seeding: making the pending digests due, and counting what they made. */
final class DigestBenchStore {
  private DigestBenchStore() {}

  /** Every pending digest falls due at {@code at}; returns how many. */
  static long makeDue(Handle h, long at) {
    return h.createUpdate("UPDATE due_work SET due_at = ? WHERE kind = 'digest'").bind(0, at).execute();
  }

  /**
   * Whether any digest due by {@code at} is not yet composed: the earliest pending digest, the first entry of the
   * index by kind. Asked ten times a second while the server composes: counting them all walked up to 100,000 index
   * entries each time (20 ms of PostgreSQL's CPU), and asking for any one due by {@code at} was planned as a scan of
   * the table (13 ms).
   */
  static boolean anyDigestDue(Handle h, long at) {
    Long earliest = h.createQuery("SELECT MIN(due_at) FROM due_work WHERE kind = 'digest'").mapTo(Long.class).one();
    return earliest != null && earliest <= at;
  }

  /** Digests due by {@code at} and not yet composed (a composed one's next is tomorrow). */
  static long digestsDue(Handle h, long at) {
    return h.createQuery("SELECT COUNT(*) FROM due_work WHERE kind = 'digest' AND due_at <= ?").bind(0, at).mapTo(Long.class).one();
  }

  static long digests(Handle h) {
    return h.createQuery("SELECT COUNT(*) FROM digests").mapTo(Long.class).one();
  }

  /** Mail waiting in the queue (due work of kind mail). */
  static long mails(Handle h) {
    return h.createQuery("SELECT COUNT(*) FROM due_work WHERE kind = 'mail'").mapTo(Long.class).one();
  }
}
