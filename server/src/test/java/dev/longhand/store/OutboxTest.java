package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.ThreadRead;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The safe horizon, read by every consumer on every pass while writes open and close events around it. */
class OutboxTest {

  /**
   * PostgreSQL commits concurrent transactions out of id order: an event appended first may commit last. Consumers
   * must wait for it rather than move their cursor past it, or it is never delivered.
   */
  @Test
  @Timeout(60)
  void consumersNeverPassAnEventWhoseTransactionIsStillOpen() throws Exception {
    String url = Databases.freshUrl(Db.POSTGRESQL);
    Database db = Databases.open(url);
    Outbox outbox = new Outbox(new Ids(Clock.systemUTC(), 0), Clock.systemUTC(), new ObjectMapper());
    List<Long> delivered = new CopyOnWriteArrayList<>();
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, outbox);
    dispatcher.register(recorder(delivered));
    try {
      dispatcher.start();
      db.writeAll(h -> outbox.append(h, 1, new ThreadRead(1, 1)));
      assertThat(dispatcher.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
      long before = OutboxCursors.newestEventId(db);

      AtomicLong heldId = new AtomicLong();
      CountDownLatch appended = new CountDownLatch(1);
      CountDownLatch mayCommit = new CountDownLatch(1);
      CompletableFuture<Void> held = CompletableFuture.runAsync(() -> db.writeAll(h -> {
        outbox.append(h, 1, new ThreadRead(1, 1));
        heldId.set(h.createQuery("SELECT MAX(id) FROM outbox").mapTo(Long.class).one());
        appended.countDown();
        await(mayCommit);
      }));
      assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
      List<Long> later = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        db.writeAll(h -> outbox.append(h, 1, new ThreadRead(1, 1)));
        later.add(OutboxCursors.newestEventId(db));
      }
      assertThat(later.getFirst()).isGreaterThan(heldId.get());

      assertThat(outbox.safeHorizon()).isLessThan(heldId.get());
      for (int pass = 0; pass < 4; pass++) { // each commit woke the consumer; let it poll a few times more
        dispatcher.wake();
        Thread.sleep(150);
      }
      assertThat(delivered).as("nothing at or past the open event").containsExactly(before);

      mayCommit.countDown();
      held.get(10, TimeUnit.SECONDS);
      assertThat(outbox.safeHorizon()).isEqualTo(Long.MAX_VALUE);
      assertThat(dispatcher.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
      List<Long> expected = new ArrayList<>(List.of(before, heldId.get()));
      expected.addAll(later);
      assertThat(delivered).as("in id order, each once").containsExactlyElementsOf(expected);
    } finally {
      dispatcher.close();
      db.close();
      Databases.drop(url);
    }
  }

  /**
   * The same race with nothing open when a consumer takes its horizon: an event opens and a later one commits while
   * its read is under way (the seam runs between the two). The read finds the later event but not the open one, and
   * must not pass it. Under load a consumer's read can lag that long; this makes it happen every time.
   */
  @Test
  @Timeout(60)
  void anEventOpenedWhileAConsumerReadsIsNotPassed() throws Exception {
    String url = Databases.freshUrl(Db.POSTGRESQL);
    Database db = Databases.open(url);
    Outbox outbox = new Outbox(new Ids(Clock.systemUTC(), 0), Clock.systemUTC(), new ObjectMapper());
    List<Long> delivered = new CopyOnWriteArrayList<>();
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, outbox);
    dispatcher.register(recorder(delivered));
    try {
      dispatcher.start();
      db.writeAll(h -> outbox.append(h, 1, new ThreadRead(1, 1)));
      assertThat(dispatcher.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
      long before = OutboxCursors.newestEventId(db);

      AtomicLong heldId = new AtomicLong();
      AtomicLong laterId = new AtomicLong();
      CountDownLatch mayCommit = new CountDownLatch(1);
      CountDownLatch hookRan = new CountDownLatch(1);
      AtomicBoolean armed = new AtomicBoolean(true);
      AtomicReference<CompletableFuture<Void>> held = new AtomicReference<>();
      dispatcher.beforeRead(() -> {
        if (!armed.compareAndSet(true, false)) return;
        CountDownLatch appended = new CountDownLatch(1);
        held.set(CompletableFuture.runAsync(() -> db.writeAll(h -> {
          outbox.append(h, 1, new ThreadRead(1, 1));
          heldId.set(h.createQuery("SELECT MAX(id) FROM outbox").mapTo(Long.class).one());
          appended.countDown();
          await(mayCommit);
        })));
        await(appended);
        db.writeAll(h -> outbox.append(h, 1, new ThreadRead(1, 1)));
        laterId.set(OutboxCursors.newestEventId(db));
        hookRan.countDown();
      });
      dispatcher.wake();
      assertThat(hookRan.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(laterId.get()).isGreaterThan(heldId.get());
      for (int pass = 0; pass < 4; pass++) {
        dispatcher.wake();
        Thread.sleep(150);
      }
      assertThat(delivered).as("nothing at or past the open event").containsExactly(before);

      mayCommit.countDown();
      held.get().get(10, TimeUnit.SECONDS);
      assertThat(dispatcher.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
      assertThat(delivered).as("in id order, each once").containsExactly(before, heldId.get(), laterId.get());
    } finally {
      dispatcher.close();
      db.close();
      Databases.drop(url);
    }
  }

  private static OutboxConsumer recorder(List<Long> delivered) {
    return new OutboxConsumer() {
      @Override
      public String name() {
        return "recorder";
      }

      @Override
      public java.util.Set<Class<? extends dev.longhand.event.DomainEvent>> consumes() {
        return java.util.Set.of(ThreadRead.class);
      }

      @Override
      public void accept(List<OutboxEvent> events) {
        events.forEach(e -> delivered.add(e.id()));
      }
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the test never let the transaction commit");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
  @Test
  void theHorizonIsReadSafelyWhileEventsOpenAndClose() throws InterruptedException {
    Database db = Databases.open(Databases.freshUrl(Db.SQLITE));
    try {
      Outbox outbox = new Outbox(new Ids(Clock.systemUTC(), 0), Clock.systemUTC(), new ObjectMapper());
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread reader = Thread.ofPlatform().start(() -> {
        try {
          while (!stop.get()) outbox.safeHorizon();
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      // An event's id is open from its append until its handle closes; a pipeline that is never flushed writes nothing.
      for (int i = 0; i < 200_000 && failure.get() == null; i++) {
        db.read(h -> {
          outbox.append(db.pipeline(h), 1, new ThreadRead(1, 1));
          return null;
        });
      }
      stop.set(true);
      reader.join();
      assertThat(failure.get()).isNull();
      assertThat(outbox.safeHorizon()).isEqualTo(Long.MAX_VALUE);
    } finally {
      db.close();
    }
  }
}
