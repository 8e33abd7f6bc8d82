package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Events leave the outbox once every durable consumer has passed them and the retention has gone by; no sooner. */
class OutboxPrunerTest {
  static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  static final long OLD = NOW.minus(Duration.ofDays(8)).toEpochMilli();
  static final long RECENT = NOW.minus(Duration.ofDays(6)).toEpochMilli();

  @ParameterizedTest
  @EnumSource(Db.class)
  void eventsOlderThanTheRetentionAndBelowEveryCursorGoAndTheOthersStay(Db kind) throws Exception {
    String url = Databases.freshUrl(kind);
    Database db = Databases.open(url);
    CountDownLatch release = new CountDownLatch(1);
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, new Outbox(new Ids(Clock.systemUTC(), 0), Clock.systemUTC(), new ObjectMapper()));
    try {
      // 12,000 old events (more than two batches), one recent event, then old events again.
      insert(db, 1, 12_000, OLD);
      insert(db, 12_001, 12_001, RECENT);
      insert(db, 12_002, 12_005, OLD);
      insert(db, 12_006, 12_010, OLD);
      // The search indexer (say) has passed 12,005 and is stuck on the next batch; the other consumer keeps up. A cursor
      // holds a position: the id with SQLite, the writing transaction's id with PostgreSQL (whose events go together).
      long passed = kind == Db.POSTGRESQL ? db.read(h -> h.createQuery("SELECT tx FROM outbox WHERE id = 12005").mapTo(Long.class).one()) : 12_005;
      OutboxCursors.moveCursor(db, "stuck", passed);
      dispatcher.register(consumer("stuck", release));
      dispatcher.register(consumer("current", null));
      dispatcher.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (dispatcher.passedByAll() != passed && System.nanoTime() < deadline) Thread.sleep(10);
      assertThat(dispatcher.passedByAll()).isEqualTo(passed);

      long deleted = new OutboxPruner(db, dispatcher, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7)).prune();

      List<Long> left = db.read(h -> h.createQuery("SELECT id FROM outbox ORDER BY id").mapTo(Long.class).list());
      assertThat(deleted).isEqualTo(12_004);
      assertThat(left).containsExactly(12_001L, 12_006L, 12_007L, 12_008L, 12_009L, 12_010L);
    } finally {
      release.countDown();
      dispatcher.close();
      db.close();
      Databases.drop(url);
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void nothingGoesBeforeTheDispatcherHasStarted(Db kind) {
    String url = Databases.freshUrl(kind);
    Database db = Databases.open(url);
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, new Outbox(new Ids(Clock.systemUTC(), 0), Clock.systemUTC(), new ObjectMapper()));
    try {
      insert(db, 1, 10, OLD);
      dispatcher.register(consumer("current", null));

      assertThat(new OutboxPruner(db, dispatcher, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7)).prune()).isZero();
    } finally {
      db.close();
      Databases.drop(url);
    }
  }

  private static OutboxConsumer consumer(String name, CountDownLatch blockedUntil) {
    return new OutboxConsumer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public java.util.Set<Class<? extends dev.longhand.event.DomainEvent>> consumes() {
        return java.util.Set.of(dev.longhand.event.ThreadRead.class);
      }

      @Override
      public void accept(List<OutboxEvent> events) {
        if (blockedUntil == null) return;
        try {
          blockedUntil.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  private static void insert(Database db, long from, long to, long createdAt) {
    db.writeAll(h -> {
      PreparedBatch batch = h.prepareBatch("INSERT INTO outbox (id, workspace_id, kind, payload, created_at) VALUES (?, 1, 'ThreadRead', '{\"threadId\":1,\"accountId\":1}', ?)");
      for (long id = from; id <= to; id++) batch.bind(0, id).bind(1, createdAt).add();
      batch.execute();
    });
  }
}
