package dev.longhand.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dispatcher's read of the outbox in flight, if any. Its consumers wake together on every commit, and each used
 * to read the same new events from the database on its own: a dozen reads for one event. A consumer about to read
 * after a position that a read in flight also covers (it reads from there or earlier) waits for that read instead,
 * and then finds the events in the window the read filled (or, on PostgreSQL, its answer that nothing was finished).
 */
final class ReadInFlight {
  /** A read of the events after {@code after}; done once the window holds what it found. */
  record Flight(long after, CompletableFuture<Void> done) {}

  private final AtomicReference<Flight> current = new AtomicReference<>();
  private final long waitNanos;

  ReadInFlight(long waitNanos) {
    this.waitNanos = waitNanos;
  }

  /** A read about to start; {@link #end} it when what it found is in the window, whatever happened. */
  Flight begin(long after) {
    Flight f = new Flight(after, new CompletableFuture<>());
    current.set(f);
    return f;
  }

  void end(Flight f) {
    f.done().complete(null);
    current.compareAndSet(f, null);
  }

  /**
   * Waits, up to the bound given at creation, for a read in flight that covers the events after {@code after}; true
   * when there was one and it ended in time (read the window again), false when the caller should read itself.
   */
  boolean awaitCovering(long after) {
    Flight f = current.get();
    if (f == null || f.after() > after) return false;
    try {
      f.done().get(waitNanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the worker is stopping: it sees the flag on its next wait
      return false;
    }
  }
}
