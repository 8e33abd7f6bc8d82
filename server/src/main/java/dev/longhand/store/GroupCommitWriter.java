package dev.longhand.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's one writer, with group commit. Writes queue up; a single thread takes every write
 * waiting, runs each inside its own savepoint of one transaction, and commits them together, so
 * one fsync makes a whole batch durable. A write that fails rolls back to its savepoint and
 * fails alone; the others commit. Callers still see one write = one atomic transaction, and
 * return only after their write is durable.
 *
 * <p>Durable commits per second are bounded by the disk's fsync rate (about 900/s here); group
 * commit lets concurrent writers share them.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final int MAX_BATCH = 256;

  private final Jdbi jdbi;
  private final Runnable afterCommit;
  private final LinkedBlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  private record Job<T>(HandleCallback<T, RuntimeException> work, CompletableFuture<T> done) {}

  GroupCommitWriter(Jdbi jdbi, Runnable afterCommit) {
    this.jdbi = jdbi;
    this.afterCommit = afterCommit;
    this.writer = Thread.ofPlatform().name("sqlite-writer").daemon().start(this::run);
  }

  <T> T write(HandleCallback<T, RuntimeException> work) {
    if (Thread.currentThread() == writer) throw new IllegalStateException("a write cannot start another write");
    Job<T> job = new Job<>(work, new CompletableFuture<>());
    queue.add(job);
    try {
      return job.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a write", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  private void run() {
    List<Job<?>> batch = new ArrayList<>(MAX_BATCH);
    while (running) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Job<?>> batch) {
    List<Object> results = new ArrayList<>(batch.size());
    List<Throwable> failures = new ArrayList<>(batch.size());
    try (Handle h = jdbi.open()) {
      h.begin();
      try {
        for (int i = 0; i < batch.size(); i++) runInSavepoint(h, "w" + i, batch.get(i), results, failures);
        h.commit();
      } catch (RuntimeException e) {
        safeRollback(h);
        for (Job<?> job : batch) job.done().completeExceptionally(e);
        return;
      }
    } catch (RuntimeException e) {
      log.error("the SQLite writer could not open or close a connection", e);
      for (Job<?> job : batch) job.done().completeExceptionally(e);
      return;
    }
    // The handle is closed (its cleanables ran) before anyone learns of the commit.
    afterCommit.run();
    for (int i = 0; i < batch.size(); i++) complete(batch.get(i), results.get(i), failures.get(i));
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

  @Override
  public void close() {
    running = false;
    writer.interrupt();
  }
}
