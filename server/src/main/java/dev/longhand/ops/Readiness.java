package dev.longhand.ops;

import dev.longhand.store.Database;
import dev.longhand.store.OutboxDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Whether this server should be sent traffic: its database answers a query within {@link #DATABASE_TIMEOUT}; it still
 * holds its node lease (it makes no ids without); and the durable outbox consumers that run on this node for what it
 * serves (the search index: {@link dev.longhand.store.OutboxConsumer.Runs#ON_EVERY_NODE}) are less than
 * {@link #MAX_LAG} behind the newest event.
 *
 * <p>Consumers that run once per cluster (notices, signals, webhooks) do not count: their lag is the same on every
 * node, so a load balancer that heeded it would take every node out at once, an outage where there was a delay. (A
 * load test found it: the signals consumer, which gathers events for 30 s on purpose, passed 10,000 events behind
 * under load, and every node answered 503.) Their lag is in {@code /metrics} ({@code longhand_outbox_lag_*}), for
 * alerts. Nor does the number of events behind: under a burst a consumer is far behind in events and seconds behind in
 * time, and keeps up.
 */
public final class Readiness {
  static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);
  static final Duration MAX_LAG = Duration.ofSeconds(60);

  private final Database db;
  private final OutboxDispatcher dispatcher;
  private final Clock clock;
  private final BooleanSupplier leaseHeld;

  public Readiness(Database db, OutboxDispatcher dispatcher, Clock clock, BooleanSupplier leaseHeld) {
    this.db = db;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.leaseHeld = leaseHeld;
  }

  /** What is not ready, in words; empty when ready. */
  public List<String> failing() {
    if (!db.answers(DATABASE_TIMEOUT)) return List.of("database: no answer within " + DATABASE_TIMEOUT.toSeconds() + " s");
    List<String> failing = new ArrayList<>();
    if (!leaseHeld.getAsBoolean()) failing.add("node lease: taken by another server; restart this one");
    try {
      failing.addAll(lagging(dispatcher.lagOfThisNode(), clock.millis()));
    } catch (RuntimeException e) {
      failing.add("outbox: cannot read the consumers' lag");
    }
    return failing;
  }

  /** The consumers of {@code lags} that make this node unready at {@code now}, in words. */
  static List<String> lagging(List<OutboxDispatcher.Lag> lags, long now) {
    List<String> failing = new ArrayList<>();
    for (OutboxDispatcher.Lag lag : lags) {
      if (!lag.durable() || !lag.everyNode()) continue;
      long behindMillis = lag.oldestAt() == 0 ? 0 : now - lag.oldestAt();
      if (behindMillis >= MAX_LAG.toMillis()) {
        failing.add("outbox consumer " + lag.consumer() + ": " + behindMillis / 1000 + " s behind");
      }
    }
    return failing;
  }
}
