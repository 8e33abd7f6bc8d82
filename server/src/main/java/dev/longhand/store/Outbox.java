package dev.longhand.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.EventCodec;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox: a write appends its domain events here inside its own transaction,
 * so an event exists if and only if the write committed. Consumers read them after commit
 * (see {@link OutboxDispatcher}).
 *
 * <p>Transactions may commit out of id order (PostgreSQL runs them concurrently). The outbox
 * therefore tracks the ids of events whose transaction is still open; consumers only read up to
 * {@link #safeHorizon()}, below the oldest open one, so a late commit is never skipped.
 *
 * <p>Events are typed ({@link DomainEvent}) and stored as their kind's name and a versioned JSON payload
 * ({@link EventCodec}). A stored event that does not decode is logged with its id and counted ({@link #undecodable()}),
 * once however many consumers meet it, and left out of what they are handed: never silently, never stopping them.
 */
public final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  private final Ids ids;
  private final Clock clock;
  private final EventCodec codec;
  private final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();
  /** The newest id made here (under the lock of {@link #open}). */
  private long lastIssued;
  /** The ids of stored events that did not decode; few, since each is a bug or a foreign writer. */
  private final Set<Long> undecodable = ConcurrentHashMap.newKeySet();
  /**
   * The newest events by id, as written here or decoded once: every consumer of a kind is handed the same immutable
   * record instead of decoding the payload again (three decodes per reply, a few per cent of its CPU). A slot holds
   * one event; a miss decodes the stored payload as before, so what a consumer gets never depends on this.
   */
  private final AtomicReferenceArray<OutboxEvent> recent = new AtomicReferenceArray<>(RECENT);
  private static final int RECENT = 8192;

  /** Told when a transaction that appended events has closed: other nodes are woken ({@link NodeLink#OUTBOX}). */
  private volatile Runnable committed = () -> {};

  /** Runs {@code listener} after each transaction that appended events closes (committed, or rolled back: a harmless hint). */
  public void afterAppends(Runnable listener) {
    this.committed = listener;
  }

  public Outbox(Ids ids, Clock clock, ObjectMapper json) {
    this.ids = ids;
    this.clock = clock;
    this.codec = new EventCodec(json);
  }

  /** Appends an event; the id is made now, at the end of the write, to keep commit order close to id order. */
  public void append(Handle h, long workspaceId, DomainEvent event) {
    OutboxStore.insert(h, row(h, workspaceId, event));
  }

  /**
   * Appends an event with the pipeline's other writes; it exists once they are flushed and committed. The events of
   * one pipeline go in one multi-row statement.
   */
  public void append(Pipeline p, long workspaceId, DomainEvent event) {
    OutboxStore.insert(p, row(p.handle(), workspaceId, event));
  }

  /** The event's row, with a new id that stays open (below the safe horizon) until the handle closes. */
  private Object[] row(Handle h, long workspaceId, DomainEvent event) {
    String kind = codec.kind(event);
    String text = codec.payload(event);
    long id;
    synchronized (open) {
      id = ids.next();
      open.add(id);
      lastIssued = id;
    }
    h.addCleanable(() -> { // runs when the handle closes, after commit or rollback
      open.remove(id);
      committed.run();
    });
    long createdAt = clock.millis();
    recent.set(slot(id), new OutboxEvent(id, workspaceId, event, createdAt)); // read only if the row commits
    return new Object[] {id, workspaceId, kind, text, createdAt};
  }

  /**
   * The highest id below every event whose transaction is still open. Taken under the lock that makes and opens
   * ids together, so an id made but not yet open is never passed; ids close without it (a handle closing), so the
   * oldest open one is read in one step: between an emptiness check and {@code first()} the last could close.
   */
  public long safeHorizon() {
    return horizon().safe();
  }

  /**
   * How far consumers may read: {@code safe}, as {@link #safeHorizon()}; and {@code settled}, the same but never above
   * the newest id made here. Every event at or below {@code settled} has committed or never will, and none will be
   * added there later, so what a read finds up to it is complete for good (the dispatcher shares such ranges between
   * its consumers). Above it, up to {@code safe}, are only rows some other writer put there (a tool, a test): read,
   * as before, but not shared.
   */
  record Horizon(long safe, long settled) {}

  /**
   * Both horizons, taken together under the lock that makes and opens ids. With an event open they are one: an open
   * id was made here, so it is at most the newest.
   */
  Horizon horizon() {
    synchronized (open) {
      Long oldest = open.ceiling(Long.MIN_VALUE);
      return oldest == null ? new Horizon(Long.MAX_VALUE, lastIssued) : new Horizon(oldest - 1, oldest - 1);
    }
  }

  /**
   * Whether this process made an event id after {@code settled} (a {@link Horizon#settled} taken while nothing was
   * open): such an id may still be open, below rows a read found since.
   */
  boolean issuedAfter(long settled) {
    synchronized (open) {
      return lastIssued > settled;
    }
  }

  /** Events up to {@code id} were stored before this process made any (at start: an earlier run's, a restore's). */
  void settled(long id) {
    synchronized (open) {
      lastIssued = Math.max(lastIssued, id);
    }
  }

  /**
   * An event as stored: its kind's name and JSON payload, not yet decoded, and its {@code position}, the order
   * consumers follow and their cursors hold: the id with SQLite, the writing transaction's id with PostgreSQL
   * (events of one transaction share it; see {@link OutboxDispatcher}).
   */
  record Stored(long position, long id, long workspaceId, String kind, String payload, long createdAt) {}

  /**
   * The stored event decoded, or empty when it does not decode: then it is logged and counted, the first time any
   * consumer meets it.
   */
  Optional<OutboxEvent> decode(Stored s) {
    OutboxEvent known = recent.get(slot(s.id()));
    if (known != null && known.id() == s.id()) return Optional.of(known);
    try {
      OutboxEvent decoded = new OutboxEvent(s.id(), s.workspaceId(), codec.decode(s.kind(), s.payload()), s.createdAt());
      recent.set(slot(s.id()), decoded);
      return Optional.of(decoded);
    } catch (EventCodec.Undecodable e) {
      if (undecodable.add(s.id())) log.error("outbox event {} of kind {} does not decode ({}); consumers pass it by", s.id(), s.kind(), e.getMessage());
      return Optional.empty();
    }
  }

  private static int slot(long id) {
    return Long.hashCode(id * 0x9E3779B97F4A7C15L) & (RECENT - 1);
  }

  /** How many distinct stored events did not decode since start (a metric: each one is a bug or a foreign writer). */
  public long undecodable() {
    return undecodable.size();
  }
}
