package dev.longhand.due;

import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Pipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that falls due at an instant (held deliveries, digests, nudges, scheduled posts, reminders, mail), stored as
 * rows and claimed by a ticker in batches. Nothing lives only in memory: a restart runs what fell due while the
 * server was down. A handler runs inside the transaction that marks its row done, so its database effects happen
 * exactly once.
 *
 * <p>How a batch runs: one write transaction claims up to {@value #BATCH} rows with {@code due_at <= now} in due
 * order ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so several nodes never claim the same row; SQLite has one
 * writer). Each {@link Handler} runs in its own savepoint, followed by the DELETE of its row: a handler that throws
 * is rolled back to that savepoint alone, its row gets {@code attempts + 1}, the error, and a due time pushed back by
 * {@link #backoff} (1, 2, 4 ... minutes, at most an hour). The batch commits once, which on SQLite means one write
 * of the group-commit writer and one fsync for up to 100 items.
 *
 * <p>Handlers therefore run on the database's writer (on SQLite, the one writer thread): they must use the
 * {@link Handle} they are given, never call {@link Database#write}, and must be quick. Work that waits on the outside
 * world (SMTP, webhooks) is an {@link ExternalHandler} instead. A loop of its own claims those kinds: its rows are
 * leased in the claiming transaction (due time moved {@link #LEASE} ahead), the handler runs after commit outside
 * any transaction, and a second short write deletes the row or backs it off. So a slow mail server never holds up
 * the morning's digests, and 100,000 queued mails never hold up a reminder. That is at least once: a crash between the outside effect and the delete repeats
 * the effect after the lease runs out.
 *
 * <p>A row whose kind has no handler here is never dropped: it is logged and backed off like a failure, so a node
 * without the handler (an older version during a rolling upgrade) leaves it for one that has it.
 */
public final class DueWork implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DueWork.class);

  /** Rows claimed per transaction. */
  public static final int BATCH = 100;
  /** How long an external handler may take before another pass may run its item again. */
  public static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  private static final Duration LONGEST_RETRY = Duration.ofHours(1);
  private static final long TICK_MILLIS = 1000;
  /** Helpers are called in by a full pass; this only bounds a wait whose wake-up was missed. */
  private static final long HELPER_WAIT_MILLIS = 60_000;
  static final int POSTGRESQL_PASSES = 4;
  private static final int MAX_KIND = 40;
  private static final int MAX_ERROR = 2000;

  /**
   * Runs one due item inside the claiming transaction; throwing rolls it back and retries it later. On PostgreSQL a
   * pass first runs without a savepoint per item and, when one throws, runs again with them: a failing handler runs
   * twice in that pass, so a handler has no effect outside its transaction.
   */
  @FunctionalInterface
  public interface Handler {
    void run(Handle h, Item item, Instant now);
  }

  /**
   * Runs one due item outside any transaction, for effects outside the database (sending mail): at least once.
   * Throwing retries it later with backoff. It should be idempotent where it can (mail carries a Message-ID made from
   * the item id, so a repeat is recognisable).
   */
  @FunctionalInterface
  public interface ExternalHandler {
    void run(Item item, Instant now) throws Exception;
  }

  /**
   * Thrown by an {@link ExternalHandler} when the service it needs cannot be reached (a mail server refusing
   * connections): not the item's fault, and no other item of its kind would fare better now. The item is retried as
   * after any failure; the rest of its batch waits as long, without an attempt counted, and the kind's pass ends. An
   * outage of the mail server cost one refused connection, one write and a warning per queued mail: 100,000 of each
   * for a morning's digests.
   */
  public static final class Unavailable extends Exception {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A row of due work: what to do ({@code kind}), about what ({@code subjectId}), when, with an optional payload. */
  public record Item(long id, String kind, long subjectId, long dueAt, String payload, int attempts) {}

  private final DueWorkStore store = new DueWorkStore();
  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  /** Work that waits on the outside world, leased and run by a loop of its own. */
  private final ExternalWork externals;
  /**
   * In-database passes that may run at once on this node: one on SQLite, whose one writer would run them in turn
   * anyway; {@value #POSTGRESQL_PASSES} on PostgreSQL, where a pass mostly waits on round trips and
   * {@code SKIP LOCKED} keeps passes apart.
   */
  private final int passes;
  private final Signal ticker = new Signal();
  private final Signal helpers = new Signal();
  private final Signal externalTicker = new Signal();
  private final List<Thread> loops = new ArrayList<>();
  private volatile boolean running;

  public DueWork(Database db, Ids ids, Clock clock) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.passes = db.dialect() == Database.Dialect.POSTGRESQL ? POSTGRESQL_PASSES : 1;
    this.externals = new ExternalWork(db, clock, this::failed);
  }

  /** Registers the handler for a kind; before {@link #start}. */
  public void register(String kind, Handler handler) {
    checkNew(kind);
    handlers.put(kind, handler);
  }

  /** Registers a feature's handlers, by kind; before {@link #start}. */
  public void register(Map<String, Handler> handlers) {
    handlers.forEach(this::register);
  }

  /** Registers a feature's external handlers, by kind; before {@link #start}. */
  public void registerExternal(Map<String, ExternalHandler> handlers) {
    handlers.forEach(this::registerExternal);
  }

  /** Registers a handler that runs outside the database's transaction (see {@link ExternalHandler}); before start. */
  public void registerExternal(String kind, ExternalHandler handler) {
    checkNew(kind);
    externals.register(kind, handler);
  }

  private void checkNew(String kind) {
    checkKind(kind);
    if (handlers.containsKey(kind) || externals.has(kind)) {
      throw new IllegalStateException("due work of kind '" + kind + "' already has a handler");
    }
  }

  private static void checkKind(String kind) {
    if (kind == null || kind.isBlank() || kind.length() > MAX_KIND) {
      throw new IllegalArgumentException("a due work kind is 1 to " + MAX_KIND + " characters, not '" + kind + "'");
    }
  }

  /** Stores an item, in the caller's transaction; returns its id. */
  public long schedule(Handle h, String kind, long subjectId, Instant dueAt, String payload) {
    Pipeline p = db.pipeline(h);
    long id = schedule(p, kind, subjectId, dueAt, payload);
    p.flush();
    return id;
  }

  /** As {@link #schedule(Handle, String, long, Instant, String)}, queued with the pipeline's other writes. */
  public long schedule(Pipeline p, String kind, long subjectId, Instant dueAt, String payload) {
    checkKind(kind);
    long id = ids.next();
    store.insert(p, id, kind, subjectId, dueAt.toEpochMilli(), payload, clock.millis());
    // Already due: wake a loop once the transaction ends (cleanables run after commit; after a rollback the
    // wake finds nothing, which is harmless).
    // Only the loop that runs the kind: a mail queued per digest must not send the digests' loop over its rows again.
    if (running && !dueAt.isAfter(clock.instant())) p.handle().addCleanable(externals.has(kind) ? externalTicker::wake : ticker::wake);
    return id;
  }

  /** As {@link #cancel(Handle, String, long)}, with the pipeline's other writes (no count). */
  public void cancel(Pipeline p, String kind, long subjectId) {
    store.cancel(p, kind, subjectId);
  }

  /** Cancels the pending items of a kind for a subject, in the caller's transaction; returns how many. */
  public int cancel(Handle h, String kind, long subjectId) {
    return store.cancel(h, kind, subjectId);
  }

  /**
   * Claims and runs everything due by the clock now, batch after batch, then the external items; returns how many
   * items ran to completion (failed ones are rescheduled and not counted). For tests too.
   */
  public int runDue() {
    return runInDatabase() + externals.runDue();
  }

  /** Passes over what is due in the database until nothing is; a full batch calls in the helpers. */
  private int runInDatabase() {
    List<String> external = externals.kinds();
    if (db.dialect() == Database.Dialect.SQLITE) return readAhead(external);
    int done = 0;
    while (true) {
      Instant now = clock.instant();
      if (!db.read(h -> store.anyDue(h, now.toEpochMilli(), external))) return done;
      Pass pass;
      try {
        pass = db.write(h -> claimAndRun(h, now, external, false));
      } catch (Batch.ItemFailed e) {
        pass = db.write(h -> claimAndRun(h, now, external, true)); // now the failing item alone is undone and backed off
      }
      done += pass.done;
      if (pass.claimed == 0) return done; // what is due is held by other passes
    }
  }

  private record Pass(int claimed, int done) {}

  /**
   * SQLite's passes: due items are read, and prepared and composed where their handler composes, on a reader, while
   * the one writer applies the batch before. Only this node writes, so nothing else claims them; a row gone by the
   * time of its write (cancelled, or run by another pass) is passed over.
   */
  private int readAhead(List<String> external) {
    int done = 0;
    Item after = null;
    CompletableFuture<Integer> writing = CompletableFuture.completedFuture(0);
    try (var writer = Executors.newVirtualThreadPerTaskExecutor()) {
      while (true) {
        Instant now = clock.instant();
        Item from = after;
        Batch batch = db.read(h -> readBatch(h, now, external, from));
        if (batch.items().isEmpty()) break;
        after = batch.items().getLast();
        done += joined(writing);
        writing = CompletableFuture.supplyAsync(() -> db.write(h -> runBatch(h, now, batch, true)), writer);
      }
      return done + joined(writing);
    }
  }

  private static int joined(CompletableFuture<Integer> writing) {
    try {
      return writing.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private Batch readBatch(Handle h, Instant now, List<String> external, Item after) {
    List<Item> items = store.claimAfter(h, now.toEpochMilli(), BATCH, external,
        after == null ? Long.MIN_VALUE : after.dueAt(), after == null ? Long.MIN_VALUE : after.id());
    Batch batch = Batch.prepared(h, now, items, handlers, Batch.Prepare.READ);
    batch.composeAll(h, now, handlers);
    return batch;
  }

  /** Runs a batch's items, each in its savepoint: composing ones from what was composed, or composed now. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private int runBatch(Handle h, Instant now, Batch batch, boolean savepoints) {
    int done = 0;
    for (int i = 0; i < batch.items().size(); i++) {
      Item item = batch.items().get(i);
      Handler handler = handlers.get(item.kind());
      if (handler == null) {
        failed(h, item, now, "no handler for due work of kind '" + item.kind() + "' on this node");
      } else if (batch.failures().containsKey(item.id())) {
        failed(h, item, now, describe(batch.failures().get(item.id())));
      } else {
        Handler run = !(handler instanceof ComposingHandler c) ? handler
            : batch.composed().containsKey(item.id()) ? (hh, it, at) -> c.apply(hh, it, batch.composed().get(it.id()), at)
            : (hh, it, at) -> c.apply(hh, it, c.compose(hh, it, batch.prepared().get(it.kind()), at), at);
        if (savepoints ? runInSavepoint(h, "due_item_" + i, run, item, now) : runBare(h, run, item, now)) done++;
      }
    }
    return done;
  }

  /**
   * PostgreSQL's pass: claim, prepare and run a batch in one transaction. First without a savepoint per item (two
   * round trips and a subtransaction each); an item that fails then throws {@link Batch.ItemFailed}, which rolls
   * the whole pass back, and the pass runs again with savepoints, so that only that item is undone and backed off.
   */
  private Pass claimAndRun(Handle h, Instant now, List<String> external, boolean savepoints) {
    List<Item> items = store.claim(h, now.toEpochMilli(), BATCH, db.dialect() == Database.Dialect.POSTGRESQL, external);
    if (items.size() == BATCH) helpers.wake(); // more may be waiting: helpers claim the next batches meanwhile
    Batch batch = Batch.prepared(h, now, items, handlers, savepoints ? Batch.Prepare.IN_SAVEPOINT : Batch.Prepare.BARE);
    return new Pass(items.size(), runBatch(h, now, batch, savepoints));
  }

  /**
   * Runs an item without a savepoint of its own: its row deleted first (gone: passed over); a failure is
   * {@link Batch.ItemFailed}.
   */
  private boolean runBare(Handle h, Handler handler, Item item, Instant now) {
    if (store.delete(h, item.id()) == 0) return false;
    try {
      handler.run(h, item, now);
      return true;
    } catch (RuntimeException e) {
      throw new Batch.ItemFailed(e);
    }
  }

  /**
   * Runs an item's handler in a savepoint, its row deleted first: a row already gone (cancelled, or run by another
   * pass) is passed over; a handler that throws is rolled back, row included, and the row backed off.
   */
  private boolean runInSavepoint(Handle h, String savepoint, Handler handler, Item item, Instant now) {
    h.savepoint(savepoint);
    try {
      if (store.delete(h, item.id()) == 0) {
        h.release(savepoint);
        return false;
      }
      handler.run(h, item, now);
      h.release(savepoint);
      return true;
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) throw e;
      h.rollbackToSavepoint(savepoint); // undoes this item's effects only; the savepoint ends with the transaction
      failed(h, item, now, describe(e));
      return false;
    }
  }

  void failed(Handle h, Item item, Instant now, String error) {
    int attempts = item.attempts() + 1;
    Instant retryAt = now.plus(backoff(attempts));
    log.warn("due work {} {} (subject {}) failed, attempt {}; retrying at {}: {}",
        item.kind(), item.id(), item.subjectId(), attempts, retryAt, error);
    store.failed(h, item.id(), attempts, error, retryAt.toEpochMilli());
  }

  /** The wait before the next try after {@code attempts} failures: 1 minute, doubling, at most an hour. */
  public static Duration backoff(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 10));
    Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
    return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
  }

  static String describe(Throwable e) {
    String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
  }

  /** Due work whose time has come: how many rows, and when the oldest of them fell due (epoch millis; 0 if none). */
  public record Overdue(long count, long oldestDueAt) {}

  /** What is due by now and not yet done, for metrics. */
  public Overdue overdue() {
    long now = clock.millis();
    return db.read(h -> store.overdue(h, now));
  }

  /** How many rows of a kind wait (due or not), for metrics (the mail queue). */
  public long waiting(String kind) {
    return db.read(h -> store.waiting(h, kind));
  }

  /**
   * Starts the loops: one runs what is due in the database about once a second and when woken, with helpers on
   * PostgreSQL that join it while it finds full batches; one runs the external items (mail), so a slow mail server
   * never holds up digests and reminders.
   */
  public synchronized void start() {
    if (!loops.isEmpty()) throw new IllegalStateException("due work is already started");
    running = true;
    loops.add(Thread.ofVirtual().name("due-work").start(() -> loop(this::runInDatabase, ticker, TICK_MILLIS)));
    for (int i = 1; i < passes; i++) {
      loops.add(Thread.ofVirtual().name("due-work-" + i).start(() -> loop(this::runInDatabase, helpers, HELPER_WAIT_MILLIS)));
    }
    loops.add(Thread.ofVirtual().name("due-work-external").start(() -> loop(externals::runDue, externalTicker, TICK_MILLIS)));
  }

  /** Makes the loops look for due work now rather than at their next tick (after a test clock moved, say). */
  public void wake() {
    ticker.wake();
    externalTicker.wake();
  }

  private void loop(IntSupplier pass, Signal signal, long waitMillis) {
    while (running) {
      try {
        pass.getAsInt();
      } catch (RuntimeException e) {
        if (running) log.error("running due work failed; trying again in a second", e);
      }
      try {
        signal.await(waitMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A loop's wake-up: a flag under a lock, so that a wake between two waits is not lost. */
  private final class Signal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition condition = lock.newCondition();
    private boolean woken;

    void wake() {
      lock.lock();
      try {
        woken = true;
        condition.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void await(long millis) throws InterruptedException {
      lock.lock();
      try {
        if (!woken && running) condition.await(millis, TimeUnit.MILLISECONDS);
        woken = false;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Stops the loops, letting passes in progress finish (for up to 30 seconds); close it before the database. */
  @Override
  public void close() {
    List<Thread> stopping;
    synchronized (this) {
      running = false;
      stopping = List.copyOf(loops);
      loops.clear();
    }
    if (stopping.isEmpty()) return;
    wake();
    helpers.wake();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try {
      for (Thread t : stopping) {
        if (t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) continue;
        log.warn("due work did not finish its pass in 30 seconds; interrupting it");
        t.interrupt();
        t.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
