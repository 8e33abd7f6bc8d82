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

  private record Found(long after, long wakes, long atNanos, long freshNanos, boolean held) {}

  private final AtomicLong wakes = new AtomicLong();
  private final AtomicReference<Found> last = new AtomicReference<>();
  private final long freshNanos;
  /** How long an answer holds when events were held above the horizon: just under a consumer's first read again. */
  private final long heldFreshNanos;

  NothingFinished(long freshNanos, long heldFreshNanos) {
    this.freshNanos = freshNanos;
    this.heldFreshNanos = heldFreshNanos;
  }

  /** A commit here, or another node's announcement: what was found before may have changed. */
  void woken() {
    wakes.incrementAndGet();
  }

  Asking asking() {
    return new Asking(wakes.get(), System.nanoTime());
  }

  /** Whether the last answer found events held above the horizon (see {@link #foundNothingAfter}). */
  boolean held() {
    Found f = last.get();
    return f != null && f.held();
  }

  /** Whether nothing is finished after {@code from}, by a read recent enough and not outdated by a wake. */
  boolean knownAfter(long from) {
    Found f = last.get();
    return f != null && from >= f.after() && f.wakes() == wakes.get() && System.nanoTime() - f.atNanos() < f.freshNanos();
  }

  /**
   * A read that started as {@code asking} found nothing finished after {@code after}; {@code held}: while events that
   * have committed wait above the horizon, the answer holds only briefly, so that consumers reading again soon for
   * them ask the database, one for all.
   */
  void foundNothingAfter(long after, Asking asking, boolean held) {
    last.set(new Found(after, asking.wakes(), asking.atNanos(), held ? heldFreshNanos : freshNanos, held));
  }
}
