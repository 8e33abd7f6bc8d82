package dev.longhand.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Concurrent writes of one kind, written together: whatever arrived while the previous batch was
 * being written is handed over as one batch, which reads what it needs in one read and writes in
 * one transaction of multi-row statements. For the hot write (a reply) that turns a dozen
 * statements per write into a dozen per batch; on PostgreSQL, where every statement costs both
 * ends CPU, that is most of a reply's cost. Made by {@link Database#batchWriter}, which closes it.
 *
 * <p>A caller waits for its own item, as with {@link Database#write}, and gets its own result. A
 * batch that throws is written again one item at a time with {@code alone}, so a failure stays
 * with the write that caused it and the others still land. Both functions must therefore be safe
 * to run again after a rollback: they write, and change nothing outside the database. A result
 * may itself carry an item's failure (a thread it may not see), which the batch then need not
 * throw for.
 *
 * <p>At most {@link #IN_FLIGHT} batches are written at once: one can be read and written while the
 * other waits for the disk (on SQLite, its one writer commits a batch while the disk syncs the
 * previous). More made smaller batches and cost more CPU per write on PostgreSQL under the load
 * bench; one alone left the CPU idle while a commit waited for the disk. Batches that write at once
 * must take their row locks in one order (replies: their threads' rows first, by id), or two of
 * them could deadlock; PostgreSQL would then fail one, which is written again item by item.
 *
 * <p>Given what each item locks ({@code lockKey}: a reply, its thread), a batch leaves out the items whose key the
 * batch being written holds: they wait for the next, in their order, rather than in the database for that batch's
 * commit, holding a connection and the batch's other items' locks while they do. When every item taken waits on it,
 * the taker waits for it to end, or for another item.
 */
public final class BatchWriter<T, R> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
  /** Batches written at once at most. */
  static final int IN_FLIGHT = 2;

  /** Writes every item, typically in one transaction; one result per item, in order. */
  @FunctionalInterface
  public interface Together<T, R> {
    List<R> write(List<T> items);
  }

  /** Writes one item: the path of a batch that threw. */
  @FunctionalInterface
  public interface Alone<T, R> {
    R write(T item);
  }

  private record Job<T, R>(T item, CompletableFuture<R> done) {}

  private final String name;
  private final int maxBatch;
  /** What an item locks, or null: items are taken as they come. */
  private final Function<T, Object> lockKey;
  /** Guards {@link #locked}; told when a batch ends. */
  private final Object writing = new Object();
  /** The keys of the items of the batches being written, counted. */
  private final Map<Object, Integer> locked = new HashMap<>();
  private final Together<T, R> together;
  private final Alone<T, R> alone;
  private final WriteQueue<Job<T, R>> queue = new WriteQueue<>();
  private final int slots;
  private final Semaphore inFlight;
  private final Thread taker;
  private volatile boolean running = true;
  /** Told each batch's size, for metrics. */
  private volatile IntConsumer batchSizes = size -> {};

  BatchWriter(String name, int maxBatch, int inFlight, Together<T, R> together, Alone<T, R> alone) {
    this(name, maxBatch, inFlight, null, together, alone);
  }

  BatchWriter(String name, int maxBatch, int inFlight, Function<T, Object> lockKey, Together<T, R> together, Alone<T, R> alone) {
    this.name = name;
    this.maxBatch = maxBatch;
    this.lockKey = lockKey;
    this.together = together;
    this.alone = alone;
    this.slots = inFlight;
    this.inFlight = new Semaphore(inFlight);
    this.taker = Thread.ofVirtual().name("batch-" + name).start(this::take);
  }

  /** Writes the item with whatever else is waiting; returns once it is durably committed. */
  public R write(T item) {
    Job<T, R> job = new Job<>(item, new CompletableFuture<>());
    if (!running || !queue.add(job)) throw new IllegalStateException("the database is closing");
    if (lockKey != null) {
      synchronized (writing) {
        writing.notifyAll(); // a taker waiting for its held jobs' keys takes this one meanwhile, should it be free
      }
    }
    return Futures.await(job.done());
  }

  void observeBatchSizes(IntConsumer sizes) {
    this.batchSizes = sizes;
  }

  /** Writes waiting to be taken into a batch; for tests. */
  int waiting() {
    return queue.size();
  }

  private void take() {
    List<Job<T, R>> held = new ArrayList<>(); // taken, and left out of the last batch: they go first in the next
    while (running) {
      List<Job<T, R>> batch = new ArrayList<>(held);
      held.clear();
      try {
        if (batch.isEmpty()) batch.add(queue.take());
        inFlight.acquire();
      } catch (InterruptedException e) {
        batch.forEach(BatchWriter::closing);
        break;
      }
      queue.drainTo(batch, maxBatch - batch.size());
      List<Job<T, R>> free = lockKey == null ? batch : free(batch, held);
      if (free.isEmpty()) {
        inFlight.release();
        try {
          awaitUnlocked(held);
        } catch (InterruptedException e) {
          break;
        }
        continue;
      }
      batchSizes.accept(free.size());
      Thread.ofVirtual().name("batch-" + name + "-write").start(() -> {
        try {
          write(free);
        } finally {
          unlock(free);
          inFlight.release();
        }
      });
    }
    held.forEach(BatchWriter::closing);
    queue.stop().forEach(BatchWriter::closing);
  }

  /** The jobs no batch being written locks, their keys now locked; the others added to {@code held}, in order. */
  private List<Job<T, R>> free(List<Job<T, R>> batch, List<Job<T, R>> held) {
    List<Job<T, R>> free = new ArrayList<>(batch.size());
    synchronized (writing) {
      for (Job<T, R> job : batch) (locked.containsKey(lockKey.apply(job.item())) ? held : free).add(job);
      for (Job<T, R> job : free) locked.merge(lockKey.apply(job.item()), 1, Integer::sum);
    }
    return free;
  }

  /** Waits until one of these jobs' keys is no longer locked, or another job arrives. */
  private void awaitUnlocked(List<Job<T, R>> jobs) throws InterruptedException {
    synchronized (writing) {
      while (running && queue.size() == 0 && jobs.stream().allMatch(job -> locked.containsKey(lockKey.apply(job.item())))) {
        writing.wait();
      }
    }
  }

  private void unlock(List<Job<T, R>> batch) {
    if (lockKey == null) return;
    synchronized (writing) {
      for (Job<T, R> job : batch) locked.computeIfPresent(lockKey.apply(job.item()), (k, n) -> n == 1 ? null : n - 1);
      writing.notifyAll();
    }
  }

  private void write(List<Job<T, R>> batch) {
    List<T> items = batch.stream().map(Job::item).toList();
    List<R> results;
    try {
      results = together.write(items);
    } catch (RuntimeException | Error e) {
      if (batch.size() > 1) log.debug("a batch of {} {} failed; writing them one by one", batch.size(), name, e);
      for (Job<T, R> job : batch) writeAlone(job);
      return;
    }
    for (int i = 0; i < batch.size(); i++) batch.get(i).done().complete(results.get(i));
  }

  private void writeAlone(Job<T, R> job) {
    try {
      job.done().complete(alone.write(job.item()));
    } catch (RuntimeException | Error e) {
      job.done().completeExceptionally(e);
    }
  }

  private static void closing(Job<?, ?> job) {
    job.done().completeExceptionally(new IllegalStateException("the database is closing"));
  }

  /** Stops taking writes; batches being written finish. */
  @Override
  public void close() {
    running = false;
    taker.interrupt();
    try {
      taker.join(5000);
      if (!inFlight.tryAcquire(slots, 5, TimeUnit.SECONDS)) log.warn("{} batches still writing at close", name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
