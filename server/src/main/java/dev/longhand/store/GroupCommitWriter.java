package dev.longhand.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's one writer, with group commit and a pipelined sync. Writes queue up; the writer thread
 * takes every write waiting, runs each inside its own savepoint of one transaction and commits them
 * together. A write that fails rolls back to its savepoint and fails alone; the others commit.
 *
 * <p>The commit writes the batch's log frames to the operating system ({@code synchronous=NORMAL}:
 * SQLite itself does not wait for the disk). A second thread, the syncer, then fsyncs the log file
 * ({@code fdatasync}) and only after that tells the batch's callers, closes the batch's handle (its
 * cleanables run, which lets outbox consumers see the batch's events) and wakes the commit
 * listeners. Callers therefore still return only once their write is on disk, as with
 * {@code synchronous=FULL}; what changes is that the writer already runs the next batch while the
 * disk syncs the last one, instead of waiting for it. One fsync covers every batch committed before
 * it started. At most {@link #IN_FLIGHT} batches hold a connection at a time, so a slow disk slows
 * writers down rather than taking every connection from the readers.
 *
 * <p>Between a batch's commit and its sync, another connection can already read the batch (SQLite
 * publishes a commit to readers when its frames are written). A power cut in that window (well
 * under a millisecond) loses writes that a reader saw but no writer was told were kept; a crash
 * of the process (kill -9) loses nothing, since the frames are already in the operating system.
 *
 * <p>A failed fsync is final, as it is for PostgreSQL (which stops): after it the kernel may have dropped the dirty
 * pages and cleared the error, so a later fsync that succeeds proves nothing. The writer then refuses every write,
 * those waiting and those to come, with a 503 "storage unavailable" until the server is restarted and SQLite
 * recovers from its log. When the log file first appears (or is made anew), its directory is fsynced too, so the
 * file's name survives a power cut along with its contents.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final int MAX_BATCH = 256;
  /** Batches that may hold a connection at once: one being written, one waiting for the disk. */
  static final int IN_FLIGHT = 2;

  private final Jdbi jdbi;
  private final Runnable afterCommit;
  private final Path walFile;
  private final WriteQueue<Job<?>> queue = new WriteQueue<>();
  private final LinkedBlockingQueue<Committed> unsynced = new LinkedBlockingQueue<>();
  private final Semaphore connections = new Semaphore(IN_FLIGHT);
  private final Thread writer;
  private final Thread syncer;
  private final LogSync logSync;
  private volatile boolean running = true;
  private volatile boolean broken;
  /** The log file whose directory entry is known to be on disk (its file key), or null before the first sync. */
  private Object syncedLogFile;

  /** Told each batch's size, for metrics. */
  private volatile IntConsumer batchSizes = size -> {};

  /** Makes the log durable: fsync of the file, or, for the directory, of the directory holding it. */
  @FunctionalInterface
  interface LogSync {
    void force(Path path, boolean directory) throws IOException;
  }

  /**
   * How writers made without one of their own sync: fdatasync. Only KillNineTest's server replaces it, to note how
   * much of the log each sync made durable.
   */
  static volatile LogSync defaultSync = GroupCommitWriter::force;

  private record Job<T>(HandleCallback<T, RuntimeException> work, CompletableFuture<T> done) {}

  /** A committed batch waiting for its log to reach the disk, with the handle it was written on. */
  private record Committed(Handle handle, List<Job<?>> jobs, List<Object> results, List<Throwable> failures) {}

  /**
   * What the writer leaves last when it stops: everything it committed is ahead of it, so the syncer ends when it takes
   * it (it waited up to a poll's 100 ms to notice, which was most of closing a test's server).
   */
  private static final Committed WRITER_STOPPED = new Committed(null, List.of(), List.of(), List.of());

  /**
   * @param walFile the write-ahead log file to fsync after each commit, or {@code null} when the
   *     database has none (in memory): then a commit is complete when SQLite returns
   */
  GroupCommitWriter(Jdbi jdbi, Path walFile, Runnable afterCommit) {
    this(jdbi, walFile, afterCommit, defaultSync);
  }

  /** With the sync call given: tests make it fail. */
  GroupCommitWriter(Jdbi jdbi, Path walFile, Runnable afterCommit, LogSync logSync) {
    this.jdbi = jdbi;
    this.logSync = logSync;
    this.walFile = walFile;
    this.afterCommit = afterCommit;
    this.writer = Thread.ofPlatform().name("sqlite-writer").daemon().start(this::write);
    this.syncer = Thread.ofPlatform().name("sqlite-syncer").daemon().start(this::sync);
  }

  void observeBatchSizes(IntConsumer sizes) {
    this.batchSizes = sizes;
  }

  <T> T write(HandleCallback<T, RuntimeException> work) {
    if (Thread.currentThread() == writer) throw new IllegalStateException("a write cannot start another write");
    if (broken) throw unavailable();
    Job<T> job = new Job<>(work, new CompletableFuture<>());
    if (!queue.add(job)) throw closing();
    return Futures.await(job.done());
  }

  private void write() {
    try {
      writeUntilClosed();
    } finally {
      queue.stop().forEach(job -> job.done().completeExceptionally(closing()));
      unsynced.add(WRITER_STOPPED);
    }
  }

  private void writeUntilClosed() {
    while (running) {
      List<Job<?>> batch = new ArrayList<>();
      try {
        batch.add(queue.take());
        connections.acquire();
      } catch (InterruptedException e) {
        batch.forEach(job -> job.done().completeExceptionally(closing()));
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      if (broken) {
        connections.release();
        batch.forEach(job -> job.done().completeExceptionally(unavailable()));
        continue;
      }
      batchSizes.accept(batch.size());
      commit(batch);
    }
  }

  private void commit(List<Job<?>> batch) {
    List<Object> results = new ArrayList<>(batch.size());
    List<Throwable> failures = new ArrayList<>(batch.size());
    Handle h;
    try {
      h = jdbi.open();
    } catch (RuntimeException e) {
      log.error("the SQLite writer could not open a connection", e);
      connections.release();
      for (Job<?> job : batch) job.done().completeExceptionally(e);
      return;
    }
    try {
      transactionMode(h, SQLiteConfig.TransactionMode.IMMEDIATE);
      h.begin();
      for (int i = 0; i < batch.size(); i++) runInSavepoint(h, "w" + i, batch.get(i), results, failures);
      h.commit();
    } catch (RuntimeException e) {
      safeRollback(h);
      close(h);
      connections.release();
      for (Job<?> job : batch) job.done().completeExceptionally(e);
      return;
    }
    unsynced.add(new Committed(h, batch, results, failures));
  }

  /** Syncs the log for every batch committed so far, then tells them; one fsync for all of them. */
  private void sync() {
    List<Committed> batches = new ArrayList<>();
    // Until the writer has stopped too: a batch it commits while closing is still synced and told.
    for (boolean writerStopped = false; !writerStopped; ) {
      try {
        batches.add(unsynced.take());
      } catch (InterruptedException e) {
        continue; // only the writer's mark ends the syncer
      }
      unsynced.drainTo(batches);
      writerStopped = batches.getLast() == WRITER_STOPPED;
      if (writerStopped) batches.removeLast();
      if (batches.isEmpty()) continue;
      RuntimeException failed = broken ? unavailable() : fsync(); // after a failed sync, nothing is reported kept
      for (Committed c : batches) {
        close(c.handle()); // its cleanables run before anyone learns of the commit
        connections.release();
      }
      afterCommit.run();
      for (Committed c : batches) {
        for (int i = 0; i < c.jobs().size(); i++) {
          complete(c.jobs().get(i), c.results().get(i), failed != null ? failed : c.failures().get(i));
        }
      }
      batches.clear();
    }
  }

  private RuntimeException fsync() {
    if (walFile == null) return null;
    try {
      logSync.force(walFile, false);
      Object file = Files.readAttributes(walFile, BasicFileAttributes.class).fileKey();
      if (syncedLogFile == null || !Objects.equals(file, syncedLogFile)) {
        logSync.force(walFile.toAbsolutePath().getParent(), true); // the log is new: its name must be durable too
        syncedLogFile = file == null ? walFile : file;
      }
      return null;
    } catch (IOException | RuntimeException e) {
      broken = true;
      log.error("could not sync the SQLite log {}; this batch is reported failed and no write is taken until restart", walFile, e);
      return unavailable();
    }
  }

  private static void force(Path path, boolean directory) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(directory);
    }
  }

  private static IllegalStateException closing() {
    return new IllegalStateException("the database is closing");
  }

  private static StorageUnavailable unavailable() {
    return new StorageUnavailable("The server could not make writes durable and takes none until it is restarted.");
  }

  private static void runInSavepoint(Handle h, String name, Job<?> job, List<Object> results, List<Throwable> failures) {
    h.savepoint(name);
    try {
      results.add(job.work().withHandle(h));
      failures.add(null);
      h.release(name);
    } catch (RuntimeException | Error e) {
      h.rollbackToSavepoint(name); // undoes this write only; the savepoint ends with the transaction
      results.add(null);
      failures.add(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Job<T> job, Object result, Throwable failure) {
    if (failure != null) job.done().completeExceptionally(failure);
    else job.done().complete((T) result);
  }

  private static void safeRollback(Handle h) {
    try {
      h.rollback();
    } catch (RuntimeException ignored) {
      // The connection is closed next; SQLite discards an open transaction then.
    }
  }

  /**
   * The writer's transactions take SQLite's write lock as they begin (BEGIN IMMEDIATE), waiting out the busy timeout
   * for it. A deferred one that read first failed at its first write, at once and without waiting (SQLITE_BUSY), when
   * another process had written to the file in between (a second server, or a command beside the server): a read
   * snapshot that is no longer the newest cannot become a write. The connection goes back to the pool deferred, as
   * the readers expect.
   */
  private static void transactionMode(Handle h, SQLiteConfig.TransactionMode mode) {
    try {
      h.getConnection().unwrap(SQLiteConnection.class).getConnectionConfig().setTransactionMode(mode);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("the SQLite writer's connection is not SQLite's", e);
    }
  }

  private static void close(Handle h) {
    try (h) {
      transactionMode(h, SQLiteConfig.TransactionMode.DEFERRED);
    } catch (RuntimeException e) {
      log.warn("the SQLite writer could not close a connection", e);
    }
  }

  /** Stops taking writes; batches already committed are still synced and told. */
  @Override
  public void close() {
    running = false;
    writer.interrupt();
    try {
      writer.join(5000);
      syncer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
