package dev.longhand.bench;

import org.jdbi.v3.core.Handle;

/** The digest benchmark's SQL besides its seeding: making the pending digests due, and counting what they made. */
final class DigestBenchStore {
  private DigestBenchStore() {}

  /** Every pending digest falls due at {@code at}; returns how many. */
  static long makeDue(Handle h, long at) {
    return h.createUpdate("UPDATE due_work SET due_at = ? WHERE kind = 'digest'").bind(0, at).execute();
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
