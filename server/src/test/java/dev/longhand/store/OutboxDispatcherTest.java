package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.ThreadAcknowledged;
import dev.longhand.event.ThreadRead;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing the dispatcher: what the consumers write to (the search index, the database) is closed
 * right after, so a consumer must not be left in the middle of a batch.
 */
class OutboxDispatcherTest {
  private String url;
  private Database db;
  private Outbox outbox;

  @BeforeEach
  void open() {
    url = Databases.freshUrl(Db.SQLITE);
    db = Databases.open(url);
    outbox = new Outbox(new Ids(Clock.systemUTC(), 0), Clock.systemUTC(), new ObjectMapper());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void closeWaitsForTheBatchInHandAndCheckpointsIt() throws InterruptedException {
    CountDownLatch inBatch = new CountDownLatch(1);
    AtomicBoolean busy = new AtomicBoolean();
    AtomicInteger checkpoints = new AtomicInteger();
    OutboxConsumer slow = new OutboxConsumer() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public Set<Class<? extends DomainEvent>> consumes() {
        return Set.of(ThreadRead.class);
      }

      @Override
      public void accept(List<OutboxEvent> events) {
        busy.set(true);
        inBatch.countDown();
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        busy.set(false);
      }

      @Override
      public void checkpoint() {
        checkpoints.incrementAndGet();
      }
    };
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, outbox);
    dispatcher.register(slow);
    dispatcher.start();
    db.writeAll(h -> outbox.append(h, 1, new ThreadRead(7, 8)));
    assertThat(inBatch.await(5, TimeUnit.SECONDS)).isTrue();

    dispatcher.close();

    assertThat(busy).as("the consumer finished its batch before close returned").isFalse();
    assertThat(checkpoints).hasValue(1);
    long saved = db.read(h -> h.createQuery("SELECT position FROM outbox_cursors WHERE consumer = 'slow'").mapTo(Long.class).one());
    assertThat(saved).isEqualTo(OutboxDispatcher.newestEventId(db));
  }

  @Test
  void anEventThatDoesNotDecodeIsCountedOnceAndPassedByWhileTheRestArrive() throws InterruptedException {
    List<OutboxEvent> heard = new CopyOnWriteArrayList<>();
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, outbox);
    dispatcher.register(listener("first", heard));
    dispatcher.register(listener("second", new CopyOnWriteArrayList<>()));
    dispatcher.start();
    try {
      db.writeAll(h -> {
        outbox.append(h, 1, new ThreadRead(1, 2));
        stored(h, 2, "ThreadRead", "{\"threadId\":3}"); // a field missing
        stored(h, 3, "ThreadRead", "{\"threadId\":3,\"accountId\":\"not a number\"}");
        stored(h, 4, "NoSuchKind", "{}");
        stored(h, 5, "ThreadRead", "{\"threadId\":5,\"accountId\":6,\"v\":9}"); // a version this code does not read
        stored(h, 6, "ThreadRead", "{\"threadId\":5,\"accountId\":6}"); // before versions: read as version 1
        outbox.append(h, 1, new ThreadAcknowledged(9, 10)); // not one the listeners consume
        outbox.append(h, 1, new ThreadRead(11, 12));
      });
      assertThat(dispatcher.awaitIdle(10, TimeUnit.SECONDS)).isTrue();

      assertThat(heard).extracting(OutboxEvent::event)
          .containsExactly(new ThreadRead(5, 6), new ThreadRead(1, 2), new ThreadRead(11, 12)); // in id order: hand-made ids are small
      assertThat(heard).extracting(OutboxEvent::kind).containsOnly("ThreadRead");
      assertThat(dispatcher.undecodable()).as("four bad rows, counted once though two consumers met them").isEqualTo(4);
    } finally {
      dispatcher.close();
    }
  }

  /** A row as some other writer (an older or newer node, a hand-made fix) left it. */
  private static void stored(org.jdbi.v3.core.Handle h, long id, String kind, String payload) {
    h.execute("INSERT INTO outbox (id, workspace_id, kind, payload, created_at) VALUES (?, 1, ?, ?, 0)", id, kind, payload);
  }

  private static OutboxConsumer listener(String name, List<OutboxEvent> heard) {
    return new OutboxConsumer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<Class<? extends DomainEvent>> consumes() {
        return Set.of(ThreadRead.class);
      }

      @Override
      public void accept(List<OutboxEvent> events) {
        heard.addAll(events);
      }
    };
  }
}
