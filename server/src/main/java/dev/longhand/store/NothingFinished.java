package dev.longhand.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the last read of the outbox that found nothing knows, shared by the dispatcher's consumers. An idle consumer
 * polls four times a second (on PostgreSQL the horizon can move without a wake: a transaction that wrote no event
 * ends; on SQLite another process may have written rows), and a dozen of them each asked the database the same
 * question: an idle node made about 50 queries a second. A consumer whose cursor is at or past a position where a
 * read found nothing finished, with no wake since and less than {@code fresh} ago, takes that answer instead of
 * asking again. Every commit here wakes the dispatcher, so only what another process wrote waits for a poll.
 */
final class NothingFinished {
  /** A read about to ask: the wakes so far and the time, taken before the query. */
  record Asking(long wakes, long atNanos) {}

  private record Found(long after, long wakes, long atNanos) {}

  private final AtomicLong wakes = new AtomicLong();
  private final AtomicReference<Found> last = new AtomicReference<>();
  private final long freshNanos;

  NothingFinished(long freshNanos) {
    this.freshNanos = freshNanos;
  }

  /** A commit here, or another node's announcement: what was found before may have changed. */
  void woken() {
    wakes.incrementAndGet();
  }

  Asking asking() {
    return new Asking(wakes.get(), System.nanoTime());
  }

  /** Whether nothing is finished after {@code from}, by a read recent enough and not outdated by a wake. */
  boolean knownAfter(long from) {
    Found f = last.get();
    return f != null && from >= f.after() && f.wakes() == wakes.get() && System.nanoTime() - f.atNanos() < freshNanos;
  }

  /** A read that started as {@code asking} found nothing finished after {@code after}. */
  void foundNothingAfter(long after, Asking asking) {
    last.set(new Found(after, asking.wakes(), asking.atNanos()));
  }
}
