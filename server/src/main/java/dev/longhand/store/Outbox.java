package dev.longhand.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jdbi.v3.core.Handle;

/**
 * The transactional outbox: a write appends its domain events here inside its own transaction,
 * so an event exists if and only if the write committed. Consumers read them after commit
 * (see {@link OutboxDispatcher}).
 *
 * <p>Transactions may commit out of id order (PostgreSQL runs them concurrently). The outbox
 * therefore tracks the ids of events whose transaction is still open; consumers only read up to
 * {@link #safeHorizon()}, below the oldest open one, so a late commit is never skipped.
 */
public final class Outbox {
  private final Ids ids;
  private final Clock clock;
  private final ObjectMapper json;
  private final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();

  public Outbox(Ids ids, Clock clock, ObjectMapper json) {
    this.ids = ids;
    this.clock = clock;
    this.json = json;
  }

  /** Appends an event; the id is made now, at the end of the write, to keep commit order close to id order. */
  public void append(Handle h, long workspaceId, String kind, Object payload) {
    OutboxStore.insert(h, row(h, workspaceId, kind, payload));
  }

  /**
   * Appends an event with the pipeline's other writes; it exists once they are flushed and committed. The events of
   * one pipeline go in one multi-row statement.
   */
  public void append(Pipeline p, long workspaceId, String kind, Object payload) {
    OutboxStore.insert(p, row(p.handle(), workspaceId, kind, payload));
  }

  /** The event's row, with a new id that stays open (below the safe horizon) until the handle closes. */
  private Object[] row(Handle h, long workspaceId, String kind, Object payload) {
    String text;
    try {
      text = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event payload is not serializable: " + kind, e);
    }
    long id;
    synchronized (open) {
      id = ids.next();
      open.add(id);
    }
    h.addCleanable(() -> open.remove(id)); // runs when the handle closes, after commit or rollback
    return new Object[] {id, workspaceId, kind, text, clock.millis()};
  }

  /**
   * The highest id below every event whose transaction is still open. Taken under the lock that makes and opens
   * ids together, so an id made but not yet open is never passed; ids close without it (a handle closing), so the
   * oldest open one is read in one step: between an emptiness check and {@code first()} the last could close.
   */
  public long safeHorizon() {
    synchronized (open) {
      Long oldest = open.ceiling(Long.MIN_VALUE);
      return oldest == null ? Long.MAX_VALUE : oldest - 1;
    }
  }

  public <T> T payload(OutboxEvent event, Class<T> type) {
    try {
      return json.readValue(event.payload(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable outbox event " + event.id() + " of kind " + event.kind(), e);
    }
  }
}
