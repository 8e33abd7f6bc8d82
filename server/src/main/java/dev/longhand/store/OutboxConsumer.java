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
}
