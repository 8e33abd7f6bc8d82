package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
    db.writeAll(h -> outbox.append(h, 1, "NoteWritten", Map.of("n", 1)));
    assertThat(inBatch.await(5, TimeUnit.SECONDS)).isTrue();

    dispatcher.close();

    assertThat(busy).as("the consumer finished its batch before close returned").isFalse();
    assertThat(checkpoints).hasValue(1);
    long saved = db.read(h -> h.createQuery("SELECT position FROM outbox_cursors WHERE consumer = 'slow'").mapTo(Long.class).one());
    assertThat(saved).isEqualTo(OutboxDispatcher.newestEventId(db));
  }
}
