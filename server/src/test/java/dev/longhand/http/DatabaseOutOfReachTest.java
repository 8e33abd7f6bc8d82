package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL out of reach (restarting, or failing over to a standby) is answered 503 with {@code Retry-After} and a
 * problem, within the pool's 5 s wait for a connection, not 500 after 30 s; and the server serves again once the
 * database is back, without a restart.
 */
class DatabaseOutOfReachTest {

  @Test
  void aDatabaseOutOfReachIsAnswered503AndServingResumesWhenItIsBack() throws Exception {
    Config config = TestServers.config(Db.POSTGRESQL);
    String url = config.databaseUrl().orElseThrow();
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
      Team team = Team.on(server);
      assertThat(team.bo.api().get("/api/v1/inbox").status()).isEqualTo(200);

      admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
      try {
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        var refused = team.bo.api().get("/api/v1/inbox");
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After").orElse(null)).isEqualTo("5");
        assertThat(refused.text("detail")).contains("database could not be reached");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at dev.longhand");
      } finally {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
      }
      assertThat(team.bo.api().get("/api/v1/inbox").status()).as("serving again").isEqualTo(200);
    } finally {
      TestServers.dropDatabase(url);
    }
  }

  private static void admin(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(TestServers.PG_ADMIN_URL); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
