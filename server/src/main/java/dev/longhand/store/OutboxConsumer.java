package dev.longhand.store;

import dev.longhand.event.DomainEvent;
import java.util.List;
import java.util.Set;

/**
 * Something that acts on committed domain events: the search indexer, the live-update hub.
 * It must be idempotent: after a crash, events since its last saved cursor are handed over again.
 */
public interface OutboxConsumer {
  /** A stable name; the consumer's cursor is stored under it (see {@link #cursorName}). */
  String name();

  /** Where a durable consumer runs when several nodes share one PostgreSQL database. */
  enum Runs {
    /**
     * On one node at a time: work that must happen once (notifications, nudges, webhooks, signals). The node that
     * claims it runs it from the saved cursor; when that node dies its claim goes with its connection and another
     * node's dispatcher takes the consumer over from the cursor last saved. SQLite has one node, which always holds it.
     */
    ONCE_PER_CLUSTER,
    /** On every node, each with a cursor of its own: state kept in the node itself (its search index). */
    ON_EVERY_NODE
  }

  /** Where it runs; once per cluster unless it keeps state in the node. Live consumers run on every node. */
  default Runs runs() {
    return Runs.ONCE_PER_CLUSTER;
  }

  /**
   * The name of its saved cursor: {@link #name()}, except for a consumer that runs {@link Runs#ON_EVERY_NODE}, whose
   * cursor belongs to the state it keeps on its node (a search index names the cursor after itself).
   */
  default String cursorName() {
    return name();
  }

  /**
   * The kinds of event it acts on. The dispatcher hands it only these, decoded, in id order; its cursor still moves
   * past the others. {@code docs/EVENTS.md} lists each kind's consumers from this.
   */
  Set<Class<? extends DomainEvent>> consumes();

  /** Acts on a batch of committed events of the kinds it {@link #consumes}; never empty. */
  void accept(List<OutboxEvent> events);

  /**
   * Makes everything accepted so far durable. The dispatcher calls it before saving the cursor,
   * about every 5 seconds under load and once the events have stopped for a moment, so a consumer
   * whose durability is costly (an index commit, an fsync) pays for it once per checkpoint
   * rather than once per batch. Consumers that are durable in {@link #accept} need not override it.
   */
  default void checkpoint() {}

  /**
   * Everything committed so far has been handed over (the last pass held fewer than a full batch). A consumer that
   * collects work over several batches, so as to do it once, does it now; what it has not done by a
   * {@link #checkpoint} it must do then.
   */
  default void caughtUp() {}

  /**
   * How long the dispatcher lets new events gather after handing over a batch, so a busy
   * consumer whose per-batch cost is high gets fewer, larger batches. 0 (the default) hands
   * events over as soon as they commit, which live delivery wants.
   */
  default long gatherNanos() {
    return 0;
  }
}
