package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxCursors;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * After a crash the notification producer reads again events it had already turned into notifications (its cursor
 * was saved before them): they tell nobody twice, and events after them still tell.
 */
@ParameterizedClass
@EnumSource(Db.class)
class NotificationReplayTest {
  @Parameter Db db;

  @Test
  void replayedEventsTellNobodyTwiceAndNewOnesStillTell() throws Exception {
    Config config = TestServers.config(db);
    try {
      Team team;
      String thread;
      try (Longhand first = Longhand.start(config, Clock.systemUTC())) {
        team = Team.on(first);
        String space = team.createSpace(team.ana, "Launch", "public");
        thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Plan", "body", "Thoughts?")).text("id");
        team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Ship it."));
        team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "@" + team.bo.handle() + " agreed."));
        assertThat(first.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        assertThat(told(first, team.ana.id(), "reply")).isEqualTo(2);
        assertThat(told(first, team.bo.id(), "mention")).isEqualTo(1);
      }
      try (Database raw = Database.open(config.jdbcUrl())) {
        OutboxCursors.moveCursor(raw, "notifications", 0); // as if the server died before saving its cursor
      }
      try (Longhand second = Longhand.start(config, Clock.systemUTC())) {
        assertThat(second.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        assertThat(told(second, team.ana.id(), "reply")).as("replayed replies").isEqualTo(2);
        assertThat(told(second, team.bo.id(), "mention")).as("a replayed mention").isEqualTo(1);

        new Api(second.baseUrl(), team.bo.token()).post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Done."));
        assertThat(second.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        assertThat(told(second, team.ana.id(), "reply")).as("a reply after the replay").isEqualTo(3);
      }
    } finally {
      config.databaseUrl().ifPresent(Databases::drop);
    }
  }

  private static int told(Longhand server, String account, String kind) {
    return server.database().read(h -> h.createQuery("SELECT COUNT(*) FROM notifications WHERE recipient_id = ? AND kind = ?")
        .bind(0, Long.parseLong(account)).bind(1, kind).mapTo(Integer.class).one());
  }
}
