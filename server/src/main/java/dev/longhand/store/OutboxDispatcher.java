package dev.longhand.store;

import dev.longhand.event.DomainEvent;
import dev.longhand.event.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed outbox events, in id order, to each consumer on its own virtual thread with its
 * own cursor. Woken by every local commit, and polls as a fallback.
 *
 * <p>Durable consumers save their cursor in {@code outbox_cursors} at checkpoints (once the events
 * have stopped for 200 ms, and about every 5 seconds under load), after the consumer's own
 * {@link OutboxConsumer#checkpoint}; on restart they resume from it, so a crash repeats work but
 * never loses it. Reads stop at the outbox's safe horizon, so an
 * event whose transaction commits late is not skipped.
 */
public final class OutboxDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final int BATCH = 500;
  private static final long POLL_MS = 250;
  private static final long CHECKPOINT_NANOS = 5_000_000_000L;
  /** How long the events must have stopped before a consumer that caught up checkpoints. */
  private static final long QUIET_NANOS = 200_000_000L;
  /**
   * After a pass that held none of a consumer's kinds, how long it lets events gather at least. Every commit wakes
   * every consumer; one that acts on other kinds (read marks, deletions) would otherwise read the outbox once per
   * commit to find nothing for it, which under a steady stream of replies cost more than some consumers' work.
   */
  private static final long UNRELATED_GATHER_NANOS = 50_000_000L;
  /** Every kind this code knows: a stored event of any other kind is decoded, to be logged and counted as undecodable. */
  private static final Set<String> KNOWN = EventCodec.all().stream().map(EventCodec.Kind::name).collect(Collectors.toUnmodifiableSet());

  private final Database db;
  private final Outbox outbox;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();
  private volatile boolean running;

  public OutboxDispatcher(Database db, Outbox outbox) {
    this.db = db;
    this.outbox = outbox;
    db.onCommit(this::wake);
  }

  /** How many distinct stored events did not decode (see {@link Outbox#undecodable()}). */
  public long undecodable() {
    return outbox.undecodable();
  }

  /** The registered consumers, durable and live, in registration order. */
  public List<OutboxConsumer> consumers() {
    return workers.stream().map(w -> w.consumer).toList();
  }

  /** A consumer that keeps its cursor across restarts. */
  public void register(OutboxConsumer consumer) {
    workers.add(new Worker(consumer, true));
  }

  /** A consumer for live delivery only: starts at the newest event and keeps no cursor. */
  public void registerLive(OutboxConsumer consumer) {
    workers.add(new Worker(consumer, false));
  }

  public void start() {
    outbox.settled(newestId()); // events stored before this start are there for good
    running = true;
    for (Worker w : workers) {
      w.cursor = w.durable ? savedCursor(w.consumer.name()) : newestId();
      w.savedCursor = w.cursor;
      w.thread = Thread.ofVirtual().name("outbox-" + w.consumer.name()).start(w::run);
    }
  }

  public void wake() {
    for (Worker w : workers) w.wake();
  }

  /**
   * Waits until every consumer has handled every event committed so far, and durable consumers
   * have checkpointed it; for tests and tools.
   */
  public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    long newest = newestId();
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (Worker w : workers) {
      while ((w.durable ? w.savedCursor : w.cursor) < newest) {
        if (System.nanoTime() > deadline) return false;
        w.checkpointRequested = true;
        w.wake();
        Thread.sleep(5);
      }
    }
    return true;
  }

  @Override
  /**
   * Stops the consumers and waits for each to finish the batch it holds, so that what they write
   * to (the search index, the database) can be closed after this returns; a durable consumer then
   * checkpoints, so that a restart does not hand it the same events again.
   */
  public void close() {
    running = false;
    wake();
    for (Worker w : workers) {
      if (w.thread == null) continue;
      try {
        if (!w.thread.join(Duration.ofSeconds(10))) log.warn("outbox consumer {} still busy at close", w.consumer.name());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * How far a consumer is behind: {@code events} committed after its cursor (counted up to a million), and when the
   * oldest of them was written ({@code oldestAt}, epoch millis; 0 when it is caught up).
   */
  public record Lag(String consumer, boolean durable, long events, long oldestAt) {}

  /** Each consumer's lag behind the newest event, for metrics and readiness. */
  public List<Lag> lag() {
    return db.read(h -> workers.stream().map(w -> {
      long events = h.createQuery("SELECT COUNT(*) FROM (SELECT id FROM outbox WHERE id > ? LIMIT 1000000) behind")
          .bind(0, w.cursor).mapTo(Long.class).one();
      long oldestAt = h.createQuery("SELECT created_at FROM outbox WHERE id > ? ORDER BY id LIMIT 1")
          .bind(0, w.cursor).mapTo(Long.class).findOne().orElse(0L);
      return new Lag(w.consumer.name(), w.durable, events, oldestAt);
    }).toList());
  }

  /**
   * The highest event id that every durable consumer has handled and saved its cursor past: what lies at or below it
   * is no longer needed by anyone. 0 before start, or while a durable consumer has not saved a cursor yet.
   */
  public long passedByAll() {
    if (!running) return 0;
    long lowest = Long.MAX_VALUE;
    for (Worker w : workers) if (w.durable) lowest = Math.min(lowest, w.savedCursor);
    return lowest == Long.MAX_VALUE ? newestId() : lowest;
  }

  private long newestId() {
    return newestEventId(db);
  }

  /** The id of the newest event in the outbox, or 0 when it is empty. */
  public static long newestEventId(Database db) {
    return db.read(OutboxStore::newestId);
  }

  /**
   * Moves a durable consumer's cursor, for tools that rebuild a consumer's state from the tables
   * (a search reindex); only while that consumer is not running.
   */
  public static void moveCursor(Database db, String consumer, long position) {
    db.write(h -> OutboxStore.moveCursor(h, consumer, position));
  }

  private long savedCursor(String name) {
    return db.read(h -> OutboxStore.cursor(h, name));
  }

  private void saveCursor(String name, long position) {
    moveCursor(db, name, position);
  }

  private final class Worker {
    final OutboxConsumer consumer;
    final boolean durable;
    final ReentrantLock lock = new ReentrantLock();
    final Condition signal = lock.newCondition();
    boolean pending;
    /** In {@link #gather}: a commit then only marks work pending, it does not wake the worker. */
    boolean gathering;
    volatile long cursor;
    volatile long savedCursor;
    Thread thread;
    long lastCheckpoint = System.nanoTime();
    long lastEvent = System.nanoTime();
    volatile boolean checkpointRequested;

    /** The kinds the consumer acts on, by stored name: only these are decoded and handed over. */
    final Set<String> consumed;

    Worker(OutboxConsumer consumer, boolean durable) {
      this.consumer = consumer;
      this.durable = durable;
      this.consumed = consumer.consumes().stream().map(DomainEvent::kind).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Marks work pending and wakes the worker, unless it is gathering on purpose: waking it then
     * only made it wait again, and with a thousand commits a second those timed waits, several
     * per commit, cost more CPU than the consumers' work. Closing and checkpoint requests wake it
     * in any case.
     */
    void wake() {
      lock.lock();
      try {
        pending = true;
        if (!gathering || !running || checkpointRequested) signal.signal();
      } finally {
        lock.unlock();
      }
    }

    void run() {
      while (running) {
        try {
          int handed = pass();
          if (handed == BATCH) continue; // more are waiting
          if (handed > 0) {
            consumer.caughtUp();
            gather(unrelated ? Math.max(UNRELATED_GATHER_NANOS, consumer.gatherNanos()) : consumer.gatherNanos());
          } else if (checkpointDue()) {
            checkpoint();
          } else {
            awaitSignal();
          }
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          log.error("outbox consumer {} failed; it will retry", consumer.name(), e);
          sleepQuietly(1000);
        }
      }
      try {
        checkpoint();
      } catch (RuntimeException e) {
        log.warn("outbox consumer {} could not checkpoint at close; a restart repeats its last events", consumer.name(), e);
      }
    }

    /** Whether the last pass read events but none of the consumer's kinds. */
    boolean unrelated;

    /** Hands over one batch; returns how many events it held (0: caught up). */
    private int pass() {
      long from = cursor;
      List<Outbox.Stored> batch = read(from);
      if (batch.isEmpty()) return 0;
      List<OutboxEvent> events = new ArrayList<>(batch.size());
      for (Outbox.Stored s : batch) {
        if (consumed.contains(s.kind()) || !KNOWN.contains(s.kind())) outbox.decode(s).ifPresent(events::add);
      }
      if (!events.isEmpty()) consumer.accept(events);
      unrelated = events.isEmpty();
      cursor = batch.get(batch.size() - 1).id();
      lastEvent = System.nanoTime();
      if (lastEvent - lastCheckpoint >= CHECKPOINT_NANOS) checkpoint();
      return batch.size();
    }

    /**
     * Caught up with work not yet checkpointed: checkpoint once the events have stopped for
     * {@link #QUIET_NANOS}, or at once when {@link #awaitIdle} asks. Not on every catch-up: under
     * steady load a consumer catches up many times a second, and a Lucene commit each time (new
     * segment, compound file, several fsyncs) was the largest cost of indexing.
     */
    private boolean checkpointDue() {
      if (!durable || cursor == savedCursor) {
        checkpointRequested = false; // nothing to make durable
        return false;
      }
      return checkpointRequested || System.nanoTime() - lastEvent >= QUIET_NANOS;
    }

    /** The consumer makes its work durable, then the cursor is saved: never the other way round. */
    private void checkpoint() {
      lastCheckpoint = System.nanoTime();
      checkpointRequested = false;
      if (!durable || cursor == savedCursor) return;
      long upTo = cursor;
      consumer.checkpoint();
      saveCursor(consumer.name(), upTo);
      savedCursor = upTo;
    }

    /**
     * Lets events gather for {@code nanos} (the consumer's {@link OutboxConsumer#gatherNanos}, or longer after a pass
     * with nothing for it) before the next pass, so a busy consumer gets a few large batches rather than many tiny ones; ends early
     * when the dispatcher closes or a checkpoint is asked for.
     */
    private void gather(long nanos) throws InterruptedException {
      long remaining = nanos;
      if (remaining <= 0) return;
      lock.lock();
      try {
        gathering = true;
        while (remaining > 0 && running && !checkpointRequested) remaining = signal.awaitNanos(remaining);
        pending = false;
      } finally {
        gathering = false;
        lock.unlock();
      }
    }

    private void awaitSignal() throws InterruptedException {
      long wait = TimeUnit.MILLISECONDS.toNanos(POLL_MS);
      if (durable && cursor != savedCursor) wait = Math.max(1, Math.min(wait, QUIET_NANOS - (System.nanoTime() - lastEvent)));
      lock.lock();
      try {
        if (!pending) signal.awaitNanos(wait);
        pending = false;
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * The events last read, shared: every stored event with {@code after < id <= upTo}, in id order. A dozen consumers
   * follow the outbox a few milliseconds apart, and each read the same rows (payloads and all) for itself; now the
   * first to pass reads them and the others take them from here. The range is complete for good because it ends at
   * or below the settled horizon ({@link Outbox#horizon()}).
   */
  private record Window(long after, long upTo, List<Outbox.Stored> events) {}

  /** At most this many events are kept in the window. */
  private static final int WINDOW = 4 * BATCH;

  private final java.util.concurrent.atomic.AtomicReference<Window> window =
      new java.util.concurrent.atomic.AtomicReference<>(new Window(0, 0, List.of()));

  /**
   * Up to a batch of the events after {@code from}, as far as the safe horizon: those the window holds from it, the
   * rest from the database (and into the window, as far as they are settled).
   */
  /** Runs between taking the horizon and reading the rows: a test's seam for what commits in between. */
  private volatile Runnable beforeRead = () -> {};

  void beforeRead(Runnable hook) {
    this.beforeRead = hook;
  }

  private List<Outbox.Stored> read(long from) {
    Window w = window.get();
    List<Outbox.Stored> held = from >= w.after() && from < w.upTo() ? slice(w.events(), from) : List.of();
    if (held.size() == BATCH) return held;
    long after = held.isEmpty() ? from : w.upTo();
    Outbox.Horizon horizon = outbox.horizon();
    if (horizon.safe() <= after) return held;
    int room = BATCH - held.size();
    beforeRead.run();
    List<Outbox.Stored> read = db.read(h -> OutboxStore.readAfter(h, after, horizon.safe(), room));
    long safe = horizon.safe();
    if (safe > horizon.settled() && outbox.issuedAfter(horizon.settled())) {
      // Nothing was open when the horizon was taken, so it reached past every id made here. But ids were made while
      // the rows were read: one may still be open, below rows the read found (PostgreSQL commits out of id order),
      // and passing those would skip it for good. Only what is settled is taken this time.
      long settled = horizon.settled();
      safe = settled;
      if (!read.isEmpty() && read.getLast().id() > settled) read = read.stream().filter(s -> s.id() <= settled).toList();
    }
    long reached = read.size() < room ? safe : read.get(read.size() - 1).id();
    long upTo = Math.min(reached, horizon.settled());
    if (upTo > after) {
      List<Outbox.Stored> settled = read.isEmpty() || read.getLast().id() <= upTo ? read
          : read.stream().filter(s -> s.id() <= upTo).toList();
      window.updateAndGet(now -> joined(now, after, upTo, settled));
    }
    if (held.isEmpty()) return read;
    List<Outbox.Stored> both = new ArrayList<>(held.size() + read.size());
    both.addAll(held);
    both.addAll(read);
    return both;
  }

  /** The window's events after {@code from}, at most a batch of them. */
  private static List<Outbox.Stored> slice(List<Outbox.Stored> events, long from) {
    int lo = 0;
    int hi = events.size();
    while (lo < hi) { // the first event with id > from
      int mid = (lo + hi) >>> 1;
      if (events.get(mid).id() <= from) lo = mid + 1;
      else hi = mid;
    }
    return events.subList(lo, Math.min(events.size(), lo + BATCH));
  }

  /** The window with a range just read: appended when it continues the window, else in its place; the oldest trimmed. */
  private static Window joined(Window now, long after, long upTo, List<Outbox.Stored> read) {
    if (upTo <= now.upTo()) return now; // the window already reaches as far
    if (after < now.after() || after > now.upTo()) return new Window(after, upTo, List.copyOf(read)); // no overlap
    List<Outbox.Stored> events = new ArrayList<>(now.events().size() + read.size());
    events.addAll(now.events());
    for (Outbox.Stored s : read) if (s.id() > now.upTo()) events.add(s);
    long start = now.after();
    if (events.size() > WINDOW) {
      int drop = events.size() - WINDOW;
      start = events.get(drop - 1).id();
      events = events.subList(drop, events.size());
    }
    return new Window(start, upTo, List.copyOf(events));
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
