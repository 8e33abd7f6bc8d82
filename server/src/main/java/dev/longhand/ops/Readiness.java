package dev.longhand.ops;

import dev.longhand.store.Database;
import dev.longhand.store.OutboxDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Whether this server should be sent traffic: its database answers a query within {@link #DATABASE_TIMEOUT}, and
 * every durable outbox consumer (search, notices, nudges) is less than {@link #MAX_LAG_EVENTS} events and
 * {@link #MAX_LAG} behind the newest event; and it still holds its node lease (it makes no ids without).
 */
public final class Readiness {
  static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);
  static final long MAX_LAG_EVENTS = 10_000;
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
      for (OutboxDispatcher.Lag lag : dispatcher.lag()) {
        if (!lag.durable()) continue;
        long behindMillis = lag.oldestAt() == 0 ? 0 : clock.millis() - lag.oldestAt();
        if (lag.events() >= MAX_LAG_EVENTS || behindMillis >= MAX_LAG.toMillis()) {
          failing.add("outbox consumer " + lag.consumer() + ": " + lag.events() + " events, " + behindMillis / 1000 + " s behind");
        }
      }
    } catch (RuntimeException e) {
      failing.add("outbox: cannot read the consumers' lag");
    }
    return failing;
  }
}
