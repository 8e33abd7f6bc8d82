package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.ThreadRead;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The safe horizon, read by every consumer on every pass while writes open and close events around it. */
class OutboxTest {
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
          outbox.append(new Pipeline(h, false), 1, new ThreadRead(1, 1));
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
