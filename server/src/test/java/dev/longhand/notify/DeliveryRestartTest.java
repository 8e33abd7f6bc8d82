package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A notification held while the server is down is delivered when it starts again, exactly once. */
@ParameterizedClass
@EnumSource(Db.class)
class DeliveryRestartTest {
  @Parameter Db db;

  @Test
  void whatFellDueWhileDownIsDeliveredOnceAtStart() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2027-03-22T10:00:00Z")); // Monday, 19:00 in Seoul: Bo's day is over
    Config config = TestServers.config(db);
    String bo;
    try (Longhand first = Longhand.start(config, clock)) {
      Team team = Team.on(first);
      bo = team.bo.id();
      String space = team.createSpace(team.ana, "Launch", "public");
      team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Plan", "body", "@" + team.bo.handle() + " tomorrow"));
      assertThat(first.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();
      assertThat(delivered(first, bo)).isZero();
      assertThat(held(first, bo)).isEqualTo(1);
    }
    clock.set(Instant.parse("2027-03-23T03:00:00Z")); // Bo's Tuesday started two hours ago, while the server was down
    try (Longhand second = Longhand.start(config, clock)) {
      // The new server's own ticker runs what fell due as it starts; runDue() joins in, and skips what it holds.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (delivered(second, bo) == 0 && System.nanoTime() < deadline) {
        second.dueWork().runDue();
        Thread.sleep(50);
      }
      second.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
      assertThat(delivered(second, bo)).isEqualTo(1);
      assertThat(held(second, bo)).isZero();
      long id = second.database().read(h -> h.createQuery("SELECT id FROM notifications WHERE recipient_id = ? AND kind = 'mention'")
          .bind(0, Long.parseLong(bo)).mapTo(Long.class).one());
      long events = second.database().read(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE kind = 'NotificationDelivered' "
          + "AND payload LIKE ?").bind(0, "%\"notificationId\":" + id + "%").mapTo(Long.class).one());
      assertThat(events).as("announced once").isEqualTo(1);
      long deliveredAt = second.database().read(h -> h.createQuery("SELECT delivered_at FROM notifications WHERE id = ?").bind(0, id)
          .mapTo(Long.class).one());
      assertThat(deliveredAt).isEqualTo(Instant.parse("2027-03-23T03:00:00Z").toEpochMilli());
    } finally {
      config.databaseUrl().ifPresent(Databases::drop);
    }
  }

  private static int delivered(Longhand server, String account) {
    return server.database().read(h -> h.createQuery("SELECT COUNT(*) FROM notifications WHERE recipient_id = ? AND kind = 'mention' AND delivered_at IS NOT NULL")
        .bind(0, Long.parseLong(account)).mapTo(Integer.class).one());
  }

  private static int held(Longhand server, String account) {
    return server.database().read(h -> h.createQuery("SELECT COUNT(*) FROM notifications WHERE recipient_id = ? AND kind = 'mention' AND delivered_at IS NULL")
        .bind(0, Long.parseLong(account)).mapTo(Integer.class).one());
  }
}
