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
 * Hands committed outbox events, in order, to each consumer on its own thread with its own cursor: a
 * durable consumer's is a platform thread at a lower CPU priority ({@link BackgroundThreads}), a live one's
 * virtual. Woken by every local commit and by other nodes' ({@link NodeLink#OUTBOX}), and polls as a fallback.
 *
 * <p>Durable consumers save their cursor in {@code outbox_cursors} at checkpoints (once the events
 * have stopped for 200 ms, and about every 5 seconds under load), after the consumer's own
 * {@link OutboxConsumer#checkpoint}; on restart they resume from it, so a crash repeats work but
 * never loses it. Reads stop at the outbox's safe horizon, so an
 * event whose transaction commits late is not skipped.
 *
 * <p>The order and the horizon depend on the database. SQLite (one node, one writer): id order, up to
 * {@link Outbox#horizon()}, which this process keeps. PostgreSQL, where other nodes write too and their open
 * transactions are invisible here: (transaction id, id) order, reading only the events of transactions below the
 * oldest one of this database still open ({@code pg_snapshot_xmin} less other databases' transactions), so a cursor is
 * a transaction id and every event that commits later
 * comes after it. A batch then ends with a whole transaction.
 *
 * <p>With several nodes, a durable consumer that runs {@link OutboxConsumer.Runs#ONCE_PER_CLUSTER} runs on the node
 * that holds its claim ({@link NodeLink#claim}) and idles elsewhere, ready to take over from the saved cursor; one
 * that runs {@link OutboxConsumer.Runs#ON_EVERY_NODE} keeps its cursor under its own {@link OutboxConsumer#cursorName};
 * live consumers run everywhere, from the newest event.
 */
public final class OutboxDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  static final int BATCH = 500;
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
  /**
   * PostgreSQL: while events that have committed wait above the horizon, a consumer that found nothing else reads
   * again after this, doubling up to {@link #BEHIND_HORIZON_MAX_NANOS}, for at most {@link #BEHIND_HORIZON_FOR_NANOS};
   * then it waits for wakes and polls as before (a transaction left open for long holds the horizon, see
   * docs/OPERATIONS.md). A transaction that holds it may end without waking anyone (a hand-run session, or a node's
   * write that fails before its NOTIFY): an event announced by another node then waited for the next poll, up to 250 ms.
   */
  static final long BEHIND_HORIZON_FIRST_NANOS = 5_000_000L;
  private static final long BEHIND_HORIZON_MAX_NANOS = 50_000_000L;
  static final long BEHIND_HORIZON_FOR_NANOS = 500_000_000L;
  /**
   * PostgreSQL: after a pass that handed events over while others waited above the horizon, a consumer gathers at
   * most this long. It had not caught up: a consumer that gathers for long (the signals, 30 s) otherwise left the
   * rest of a backlog waiting that long behind any transaction held open for a moment.
   */
  static final long HELD_GATHER_NANOS = 500_000_000L;
  /** Every kind this code knows: a stored event of any other kind is decoded, to be logged and counted as undecodable. */
  private static final Set<String> KNOWN = EventCodec.all().stream().map(EventCodec.Kind::name).collect(Collectors.toUnmodifiableSet());

  private final Database db;
  private final Outbox outbox;
  /** PostgreSQL: positions are transaction ids, and the horizon the database's. */
  private final boolean byTransaction;
  /** How the consumers read: shared, from a window of recent events and reads in flight. */
  private final OutboxReads reads;
  private final List<Worker> workers = new CopyOnWriteArrayList<>();
  private volatile boolean running;

  public OutboxDispatcher(Database db, Outbox outbox) {
    this.db = db;
    this.outbox = outbox;
    this.byTransaction = db.dialect() == Database.Dialect.POSTGRESQL;
    this.reads = new OutboxReads(db, outbox, byTransaction, TimeUnit.MILLISECONDS.toNanos(POLL_MS));
    db.onCommit(this::wake);
    if (byTransaction) {
      outbox.afterAppends(() -> db.link().announce(NodeLink.OUTBOX)); // the other nodes' consumers wake too
      db.link().listen(NodeLink.OUTBOX, payload -> wake());
    }
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
    boolean once = consumer.runs() == OutboxConsumer.Runs.ONCE_PER_CLUSTER;
    if (once && !consumer.cursorName().equals(consumer.name())) throw new IllegalArgumentException(consumer.name() + " runs once per cluster, under its own name");
    workers.add(new Worker(consumer, true));
  }

  /** A consumer for live delivery only: starts at the newest event and keeps no cursor. */
  public void registerLive(OutboxConsumer consumer) {
    workers.add(new Worker(consumer, false));
  }

  public void start() {
    outbox.settled(newestId()); // events stored before this start are there for good
    running = true;
    long live = OutboxCursors.finishedPosition(db);
    for (Worker w : workers) {
      if (w.durable && w.consumer.runs() == OutboxConsumer.Runs.ONCE_PER_CLUSTER) w.claim = db.link().claim("outbox:" + w.consumer.name());
      w.cursor = w.durable ? savedCursor(w.key) : live;
      w.holding = w.claim == null || w.claim.held();
      w.savedCursor = w.cursor;
      String name = "outbox-" + w.consumer.name();
      // Durable consumers are background work (the index, notices, webhooks): requests go first when the CPU is
      // short. Live ones feed open streams, as promptly as the requests.
      w.thread = w.durable ? BackgroundThreads.start(name, w::run) : Thread.ofVirtual().name(name).start(w::run);
    }
  }

  public void wake() {
    reads.woken();
    for (Worker w : workers) w.wake();
  }

  /**
   * Waits until every consumer has handled every event committed so far, and durable consumers
   * have checkpointed it; for tests and tools.
   */
  public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    long newest = db.read(h -> OutboxStore.newestPosition(h, byTransaction));
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (Worker w : workers) {
      while ((!w.durable ? w.cursor : w.holding ? w.savedCursor : savedCursor(w.key)) < newest) { // another node's: its saved cursor
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
      if (w.claim != null) w.claim.release(); // checkpointed: another node may take it over from here
    }
  }

  /**
   * How far a consumer is behind: {@code events} committed after its cursor (counted up to a million), and when the
   * oldest of them was written ({@code oldestAt}, epoch millis; 0 when it is caught up).
   */
  public record Lag(String consumer, boolean durable, boolean everyNode, long events, long oldestAt) {}

  /**
   * Each consumer's lag behind the newest event, for metrics and readiness; a consumer another node runs is measured
   * by the cursor that node saved.
   */
  public List<Lag> lag() {
    return db.read(h -> workers.stream().map(w -> {
      long position = w.durable && !w.holding ? OutboxStore.cursor(h, w.key, byTransaction) : w.cursor;
      return OutboxStore.lag(h, byTransaction, w.consumer.name(), w.durable,
          w.consumer.runs() == OutboxConsumer.Runs.ON_EVERY_NODE, position);
    }).toList());
  }

  /**
   * The lag of the durable consumers that run on this node for what it serves ({@link OutboxConsumer.Runs#ON_EVERY_NODE}:
   * the search index), by the time of the oldest event each has not handled, without counting events: for readiness,
   * which a load balancer asks twice a second, where counting a backlog cost more than the backlog.
   */
  public List<Lag> lagOfThisNode() {
    return db.read(h -> workers.stream()
        .filter(w -> w.durable && w.consumer.runs() == OutboxConsumer.Runs.ON_EVERY_NODE)
        .map(w -> new Lag(w.consumer.name(), true, true, -1, OutboxStore.oldestAfter(h, byTransaction, w.cursor)))
        .toList());
  }

  /**
   * The highest event id that every durable consumer has handled and saved its cursor past: what lies at or below it
   * is no longer needed by anyone. 0 before start, or while a durable consumer has not saved a cursor yet.
   */
  public long passedByAll() {
    if (!running) return OutboxStore.start(byTransaction);
    long lowest = Long.MAX_VALUE;
    for (Worker w : workers) {
      if (w.durable) lowest = Math.min(lowest, w.holding ? w.savedCursor : savedCursor(w.key)); // another node runs it
    }
    return lowest == Long.MAX_VALUE ? OutboxCursors.finishedPosition(db) : lowest;
  }

  private long newestId() {
    return OutboxCursors.newestEventId(db);
  }

  private long savedCursor(String name) {
    return db.read(h -> OutboxStore.cursor(h, name, byTransaction));
  }

  private void saveCursor(String name, long position) {
    OutboxCursors.moveCursor(db, name, position);
  }

  private final class Worker {
    final OutboxConsumer consumer;
    final boolean durable;
    /** The name its cursor is saved under. */
    final String key;
    /** Its claim when it runs once per cluster (null: it runs here in any case). */
    NodeLink.Claim claim;
    /** Whether it runs here now: its claim is held (and its cursor was read after it was taken). */
    volatile boolean holding = true;
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
      this.key = consumer.cursorName();
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
          if (handed >= BATCH) continue; // more are waiting
          if (handed > 0) {
            consumer.caughtUp();
            long gather = unrelated ? Math.max(UNRELATED_GATHER_NANOS, consumer.gatherNanos()) : consumer.gatherNanos();
            gather(heldBehind ? Math.min(gather, HELD_GATHER_NANOS) : gather);
          } else if (checkpointDue()) {
            checkpoint();
          } else {
            awaitSignal();
          }
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          log.error("outbox consumer {} failed; it will retry in a second", consumer.name(), e);
          try {
            Thread.sleep(1000);
          } catch (InterruptedException stop) {
            return; // closing, as an interrupted wait above
          }
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
    /** Whether the last pass handed events over while others waited above the horizon. */
    boolean heldBehind;
    /** While events wait above the horizon: when the next read is due sooner than a poll (0: not waiting). */
    long behindRetryNanos;
    /** When the events began to wait above the horizon, as this consumer saw. */
    long behindSince;

    /** Hands over one batch; returns how many events it held (0: caught up). */
    private int pass() {
      if (!claimed()) return 0;
      long from = cursor;
      OutboxReads.Read read = reads.read(from);
      List<Outbox.Stored> batch = read.events();
      if (batch.isEmpty()) {
        behindHorizon(read.behindHorizon());
        return 0;
      }
      behindHorizon(false);
      heldBehind = read.behindHorizon();
      List<OutboxEvent> events = new ArrayList<>(batch.size());
      for (Outbox.Stored s : batch) {
        if (consumed.contains(s.kind()) || !KNOWN.contains(s.kind())) outbox.decode(s).ifPresent(events::add);
      }
      if (!events.isEmpty()) consumer.accept(events);
      unrelated = events.isEmpty();
      cursor = batch.get(batch.size() - 1).position();
      lastEvent = System.nanoTime();
      if (lastEvent - lastCheckpoint >= CHECKPOINT_NANOS) checkpoint();
      // More waiting, though the batch may be short of BATCH: cut at a transaction, it left the rest for the next
      // pass. Taken as caught up, the signals consumer then gathered 30 s per batch and never caught up under load.
      return read.more() ? Math.max(BATCH, batch.size()) : batch.size();
    }

    /**
     * Whether it runs here: always, unless it runs once per cluster and another node holds its claim. On taking the
     * claim it goes on from the cursor saved last (by whichever node); on losing it (the node's line to the database
     * broke, so another may take over) it stops at once, without saving a cursor.
     */
    private boolean claimed() {
      if (claim == null) return true;
      boolean held = claim.held();
      if (held && !holding) {
        cursor = savedCursor(key);
        savedCursor = cursor;
        holding = true;
        log.debug("outbox consumer {} runs on this node from {}", consumer.name(), cursor);
      } else if (!held && holding) {
        holding = false;
        cursor = savedCursor; // what it did since is done again by the node that takes over
        log.warn("outbox consumer {} lost its claim; another node may run it now", consumer.name());
      }
      return held;
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
      if (!durable || cursor == savedCursor || !holding) return;
      long upTo = cursor;
      consumer.checkpoint();
      saveCursor(key, upTo);
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

    /** After a pass that found nothing: reads again soon while events wait above the horizon, for a while. */
    private void behindHorizon(boolean behind) {
      long now = System.nanoTime();
      if (!behind) {
        behindSince = 0;
        behindRetryNanos = 0;
      } else if (behindSince == 0) {
        behindSince = now;
        behindRetryNanos = BEHIND_HORIZON_FIRST_NANOS;
      } else { // held for long: wakes and polls, as for a transaction left open
        behindRetryNanos = now - behindSince < BEHIND_HORIZON_FOR_NANOS ? Math.min(behindRetryNanos * 2, BEHIND_HORIZON_MAX_NANOS) : 0;
      }
    }

    private void awaitSignal() throws InterruptedException {
      long wait = TimeUnit.MILLISECONDS.toNanos(POLL_MS);
      if (durable && cursor != savedCursor) wait = Math.max(1, Math.min(wait, QUIET_NANOS - (System.nanoTime() - lastEvent)));
      if (behindRetryNanos > 0) wait = Math.min(wait, behindRetryNanos);
      lock.lock();
      try {
        if (!pending) signal.awaitNanos(wait);
        pending = false;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Runs between taking the horizon and reading the rows: a test's seam for what commits in between. */
  void beforeRead(Runnable hook) {
    reads.beforeRead(hook);
  }
}
