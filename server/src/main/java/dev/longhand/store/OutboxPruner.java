package dev.longhand.store;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes outbox events that nobody needs any more: every durable consumer has saved its cursor past them
 * ({@link OutboxDispatcher#passedByAll}) and they are older than the retention, which leaves time to look at
 * recent events and for a reindex to replay them. Runs every {@link #EVERY} on its own thread, a few thousand rows
 * per transaction so that SQLite's one writer is never held for long.
 */
public final class OutboxPruner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxPruner.class);
  /** Rows deleted per transaction. */
  static final int BATCH = 5_000;
  static final Duration EVERY = Duration.ofMinutes(10);

  private final Database db;
  private final OutboxDispatcher dispatcher;
  private final Clock clock;
  private final Duration retention;
  private Thread thread;

  public OutboxPruner(Database db, OutboxDispatcher dispatcher, Clock clock, Duration retention) {
    this.db = db;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.retention = retention;
  }

  /** Deletes what every durable consumer has passed and is older than the retention; returns how many rows. */
  public long prune() {
    long passed = dispatcher.passedByAll();
    long before = clock.millis() - retention.toMillis();
    long deleted = 0;
    boolean byTransaction = db.dialect() == Database.Dialect.POSTGRESQL;
    while (passed > OutboxStore.start(byTransaction)) {
      int n = db.write(h -> OutboxStore.prune(h, byTransaction, passed, before, BATCH));
      deleted += n;
      if (n < BATCH) break;
    }
    return deleted;
  }

  public synchronized void start() {
    thread = Thread.ofVirtual().name("outbox-pruner").start(this::run);
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(EVERY);
        long deleted = prune();
        if (deleted > 0) log.info("pruned {} outbox events older than {}", deleted, retention);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("could not prune the outbox; trying again in {}", EVERY, e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (thread == null) return;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
