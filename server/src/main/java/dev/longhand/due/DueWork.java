package dev.longhand.due;

import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Work that falls due at an instant (held deliveries, digests, nudges, scheduled posts, reminders, mail), stored as
 * rows and claimed by a ticker in batches. Nothing lives only in memory: a restart runs what fell due while the
 * server was down. A handler runs inside the transaction that marks its row done, so its database effects happen
 * exactly once.
 */
public final class DueWork implements AutoCloseable {

  /** Runs one due item inside the claiming transaction; throwing rolls it back and retries it later. */
  @FunctionalInterface
  public interface Handler {
    void run(Handle h, Item item, Instant now);
  }

  /** A row of due work: what to do ({@code kind}), about what ({@code subjectId}), when, with an optional payload. */
  public record Item(long id, String kind, long subjectId, long dueAt, String payload, int attempts) {}

  public DueWork(Database db, Ids ids, Clock clock) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Registers the handler for a kind; before {@link #start}. */
  public void register(String kind, Handler handler) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Stores an item, in the caller's transaction; returns its id. */
  public long schedule(Handle h, String kind, long subjectId, Instant dueAt, String payload) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Cancels the pending items of a kind for a subject, in the caller's transaction; returns how many. */
  public int cancel(Handle h, String kind, long subjectId) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Claims and runs everything due by the clock now, batch after batch; returns how many items ran. For tests too. */
  public int runDue() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Starts the ticker thread, which runs due work about once a second and when woken. */
  public void start() {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("skeleton");
  }
}
