package dev.longhand.store;

import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on its own thread, about once a
 * second while writes come in, so the one writer does not. By default SQLite checkpoints inside
 * the commit that takes the log past 1,000 pages: under load that was a quarter of the writer's
 * system calls (read each page from the log, write it to the database, fsync), all on the
 * critical path of every write waiting behind it. A PASSIVE checkpoint runs beside the writer
 * (SQLite allows one checkpointer alongside the writer and the readers) and, done less often,
 * copies a page that many commits changed once rather than once per 1,000 pages of log.
 *
 * <p>Durability does not depend on it: a write is durable once its log frames are synced (by the
 * {@link GroupCommitWriter}'s syncer, before anyone is told); a checkpoint only moves them, and
 * SQLite syncs the log before it copies and the database file after. The connections keep a large
 * automatic checkpoint ({@link Database}) as a backstop, should this thread fall behind.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
  static final long INTERVAL_MS = 1000;

  private final Jdbi jdbi;
  private final AtomicLong commits = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  WalCheckpointer(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.thread = Thread.ofPlatform().name("sqlite-checkpointer").daemon().start(this::run);
  }

  /** Called after each commit: there is log to copy. */
  void committed() {
    commits.incrementAndGet();
  }

  private void run() {
    long done = 0;
    while (running) {
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
      long seen = commits.get();
      if (seen == done) continue;
      try {
        jdbi.useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().list());
        done = seen;
      } catch (RuntimeException e) {
        if (running) log.warn("SQLite checkpoint failed; the next one retries", e);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
