package dev.longhand.store;

import java.util.List;

/**
 * Something that acts on committed domain events: the search indexer, the live-update hub.
 * It must be idempotent: after a crash, events since its last saved cursor are handed over again.
 */
public interface OutboxConsumer {
  /** A stable name; the consumer's cursor is stored under it. */
  String name();

  void accept(List<OutboxEvent> events);

  /**
   * Makes everything accepted so far durable. The dispatcher calls it before saving the cursor,
   * about every 5 seconds under load and once the events have stopped for a moment, so a consumer
   * whose durability is costly (an index commit, an fsync) pays for it once per checkpoint
   * rather than once per batch. Consumers that are durable in {@link #accept} need not override it.
   */
  default void checkpoint() {}

  /**
   * How long the dispatcher lets new events gather after handing over a batch, so a busy
   * consumer whose per-batch cost is high gets fewer, larger batches. 0 (the default) hands
   * events over as soon as they commit, which live delivery wants.
   */
  default long gatherNanos() {
    return 0;
  }
}
