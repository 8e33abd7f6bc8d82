package dev.longhand.store;

import dev.longhand.event.DomainEvent;
import java.util.List;
import java.util.Set;

/**
 * Something that acts on committed domain events: the search indexer, the live-update hub.
 * It must be idempotent: after a crash, events since its last saved cursor are handed over again.
 */
public interface OutboxConsumer {
  /** A stable name; the consumer's cursor is stored under it. */
  String name();

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
