package dev.longhand.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How an {@link OutboxDispatcher}'s consumers read the outbox, sharing what they can: the events last read (a window,
 * {@link OutboxWindow}), the last empty answer ({@link NothingFinished}) and the read in flight ({@link ReadInFlight}).
 * On SQLite a read goes as far as the outbox's in-process horizon; on PostgreSQL, as far as the oldest open
 * transaction, and a batch ends with a whole transaction.
 */
final class OutboxReads {
  private final Database db;
  private final Outbox outbox;
  private final boolean byTransaction;

  /** The last empty read, shared by idle consumers; half a poll keeps a late event within 1.5 polls. */
  private final NothingFinished nothingFinished;

  /**
   * The read of the outbox in flight, which consumers about to read what it covers wait for: up to {@link #WAITS}
   * reads in a row (the one that finds a commit's events, then the one that finds nothing after them), each for at
   * most a poll.
   */
  private final ReadInFlight inFlight;
  private static final int WAITS = 3;

  /** PostgreSQL: other databases' transactions, left out of the horizon. */
  private final OtherDatabases otherDatabases = new OtherDatabases();

  /** The events last read, shared by the consumers ({@link OutboxWindow}). */
  private final AtomicReference<OutboxWindow> window = new AtomicReference<>(OutboxWindow.EMPTY);

  OutboxReads(Database db, Outbox outbox, boolean byTransaction, long pollNanos) {
    this.db = db;
    this.outbox = outbox;
    this.byTransaction = byTransaction;
    this.nothingFinished = new NothingFinished(pollNanos / 2, OutboxDispatcher.BEHIND_HORIZON_FIRST_NANOS - 1_000_000L);
    this.inFlight = new ReadInFlight(pollNanos);
  }

  /** Runs between taking the horizon and reading the rows: a test's seam for what commits in between. */
  private volatile Runnable beforeRead = () -> {};

  void beforeRead(Runnable hook) {
    this.beforeRead = hook;
  }

  /** A commit here, or another node's announcement: an empty answer found before may be out of date. */
  void woken() {
    nothingFinished.woken();
  }

  /**
   * Events read for a pass, whether more were there to read (the read stopped at its limit), and, on PostgreSQL,
   * whether events that have committed wait above the horizon: an older transaction is still open, whose end may wake
   * nobody here (a hand-run session's).
   */
  record Read(List<Outbox.Stored> events, boolean more, boolean behindHorizon) {
    Read(List<Outbox.Stored> events, boolean more) {
      this(events, more, false);
    }

    /** The events the window held, then those read after them. */
    static Read of(List<Outbox.Stored> held, List<Outbox.Stored> read, boolean more, boolean behindHorizon) {
      if (held.isEmpty()) return new Read(read, more, behindHorizon);
      List<Outbox.Stored> both = new ArrayList<>(held.size() + read.size());
      both.addAll(held);
      both.addAll(read);
      return new Read(both, more, behindHorizon);
    }
  }

  /**
   * Up to a batch of the events after {@code from}, as far as the safe horizon: those the window holds from it, the
   * rest from the database (and into the window, as far as they are settled).
   */
  Read read(long from) {
    return byTransaction ? readFinished(from, 0) : readSettled(from, 0);
  }

  /**
   * PostgreSQL: up to a batch of the events of finished transactions after {@code from}, ending with a whole
   * transaction: those the window holds, the rest from the database (and into the window). Every event read is
   * final: its transaction is below the oldest open one, and whatever commits later has a higher transaction id.
   */
  private Read readFinished(long from, int waited) {
    OutboxWindow w = window.get();
    List<Outbox.Stored> held = w.heldAfter(from, OutboxDispatcher.BATCH);
    if (held.size() >= OutboxDispatcher.BATCH || !held.isEmpty() && held.getLast().position() < w.upTo()) return new Read(held, true); // a batch, or cut at a transaction
    long after = held.isEmpty() ? from : w.upTo();
    if (nothingFinished.knownAfter(after)) return new Read(held, false, nothingFinished.held());
    if (waited < WAITS && inFlight.awaitCovering(after)) return readFinished(from, waited + 1);
    int room = OutboxDispatcher.BATCH - held.size();
    ReadInFlight.Flight flight = inFlight.begin(after);
    try {
      NothingFinished.Asking asking = nothingFinished.asking();
      beforeRead.run();
      String leavingOut = otherDatabases.list();
      OutboxStore.Finished found = db.read(h -> OutboxStore.readFinished(h, after, room, leavingOut));
      if (found.held() && otherDatabases.lookIfDue(db)) nothingFinished.woken(); // the next read may go further
      List<Outbox.Stored> read = found.events();
      if (read.isEmpty()) nothingFinished.foundNothingAfter(after, asking, found.held());
      boolean more = read.size() == room;
      if (more) { // the last transaction read may go on past the limit: it waits for the next pass
        long last = read.getLast().position();
        read = read.stream().filter(s -> s.position() != last).toList();
        if (read.isEmpty() && held.isEmpty()) read = db.read(h -> OutboxStore.readTransaction(h, last)); // larger than a batch: whole
      }
      if (read.isEmpty()) return new Read(held, more, found.held());
      List<Outbox.Stored> finished = read;
      window.updateAndGet(now -> now.joined(after, finished.getLast().position(), finished));
      return Read.of(held, read, more, found.held());
    } finally {
      inFlight.end(flight);
    }
  }

  /** SQLite: up to a batch of the events after {@code from}, as far as the outbox's horizon allows (see {@link Outbox#horizon()}). */
  private Read readSettled(long from, int waited) {
    OutboxWindow w = window.get();
    List<Outbox.Stored> held = w.heldAfter(from, OutboxDispatcher.BATCH);
    if (held.size() == OutboxDispatcher.BATCH) return new Read(held, true);
    long after = held.isEmpty() ? from : w.upTo();
    Outbox.Horizon horizon = outbox.horizon();
    if (horizon.safe() <= after) return new Read(held, false);
    if (nothingFinished.knownAfter(after)) return new Read(held, false);
    if (waited < WAITS && inFlight.awaitCovering(after)) return readSettled(from, waited + 1);
    ReadInFlight.Flight flight = inFlight.begin(after);
    try {
      return readSettled(after, held, horizon);
    } finally {
      inFlight.end(flight);
    }
  }

  private Read readSettled(long after, List<Outbox.Stored> held, Outbox.Horizon horizon) {
    int room = OutboxDispatcher.BATCH - held.size();
    NothingFinished.Asking asking = nothingFinished.asking();
    beforeRead.run();
    List<Outbox.Stored> read = db.read(h -> OutboxStore.readAfter(h, after, horizon.safe(), room));
    if (read.isEmpty()) nothingFinished.foundNothingAfter(after, asking, false);
    boolean more = read.size() == room;
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
      window.updateAndGet(now -> now.joined(after, upTo, settled));
    }
    return Read.of(held, read, more, false);
  }
}
