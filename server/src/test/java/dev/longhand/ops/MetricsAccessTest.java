package dev.longhand.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.Operations;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} answers loopback; anyone else needs the metrics token. Whether a caller is on loopback is the
 * socket's say, unless the server trusts its proxy's X-Forwarded-For.
 */
class MetricsAccessTest {
  static final String REMOTE = "203.0.113.7";

  @Test
  void behindATrustedProxyARemoteCallerNeedsTheToken() {
    Config config = TestServers.config(Db.SQLITE);
    try (Longhand server = Longhand.start(config.withOperations(config.ops().withMetricsToken("s3cret-metrics")), Clock.systemUTC())) {
      Api anyone = new Api(server.baseUrl(), null);

      Api.Response noToken = anyone.send("GET", "/metrics", null, null, "X-Forwarded-For", REMOTE);
      Api.Response wrongToken = anyone.send("GET", "/metrics", null, null, "X-Forwarded-For", REMOTE, "Authorization", "Bearer s3cret-metricz");
      Api.Response rightToken = anyone.send("GET", "/metrics", null, null, "X-Forwarded-For", REMOTE, "Authorization", "Bearer s3cret-metrics");
      Api.Response local = anyone.get("/metrics");

      assertThat(noToken.status()).isEqualTo(401);
      assertThat(noToken.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(noToken.body()).doesNotContain("jvm_");
      assertThat(wrongToken.status()).isEqualTo(403);
      assertThat(wrongToken.body()).doesNotContain("jvm_");
      assertThat(rightToken.status()).isEqualTo(200);
      assertThat(rightToken.body()).contains("jvm_memory_used_bytes");
      assertThat(local.status()).isEqualTo(200);
    }
  }

  @Test
  void withoutATokenConfiguredOnlyLoopbackIsAnswered() {
    Longhand shared = TestServers.get(Db.SQLITE); // trusts X-Forwarded-For, no metrics token
    Api anyone = new Api(shared.baseUrl(), null);

    Api.Response remote = anyone.send("GET", "/metrics", null, null, "X-Forwarded-For", REMOTE, "Authorization", "Bearer guess");

    assertThat(remote.status()).isEqualTo(403);
    assertThat(remote.json().path("detail").asText()).contains("LONGHAND_METRICS_TOKEN");
  }

  @Test
  void withoutATrustedProxyAForwardedForHeaderChangesNothing() {
    Config config = TestServers.config(Db.SQLITE);
    Config direct = new Config(0, config.dataDir(), config.databaseUrl(), "", "127.0.0.1", false).withOperations(config.ops());
    try (Longhand server = Longhand.start(direct, Clock.systemUTC())) {
      Api.Response forwarded = new Api(server.baseUrl(), null).send("GET", "/metrics", null, null, "X-Forwarded-For", REMOTE);

      assertThat(forwarded.status()).isEqualTo(200);
    }
  }

  @Test
  void readinessAnswersWhileTheDatabaseDoesAndNamesItWhenItStops() {
    Config config = TestServers.config(Db.SQLITE);
    Longhand server = Longhand.start(config, Clock.systemUTC());
    try {
      Api anyone = new Api(server.baseUrl(), null);
      Api.Response ready = anyone.get("/health/ready");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().path("status").asText()).isEqualTo("ready");
      assertThat(anyone.get("/health/live").status()).isEqualTo(200);
      assertThat(anyone.get("/health").json().path("status").asText()).isEqualTo("ok");

      server.database().close();

      Api.Response notReady = anyone.get("/health/ready");
      assertThat(notReady.status()).isEqualTo(503);
      assertThat(notReady.json().path("status").asText()).isEqualTo("not ready");
      assertThat(notReady.json().path("failing").toString()).contains("database");
      assertThat(notReady.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(anyone.get("/health/live").status()).as("the process still answers").isEqualTo(200);
      assertThat(anyone.get("/metrics").body()).as("the JVM's figures are still there").contains("jvm_memory_used_bytes");
    } finally {
      try {
        server.close();
      } catch (RuntimeException alreadyClosed) {
        // its database was closed above
      }
    }
  }

  @Test
  void operationsSettingsAreReadFromTheEnvironment() {
    Operations ops = Config.fromEnvironment(java.util.Map.of("LONGHAND_METRICS_TOKEN", " t0ken ", "LONGHAND_RATE_LIMITS", "off",
        "LONGHAND_OUTBOX_RETENTION", "36h", "LONGHAND_LOG_FORMAT", "json")).ops();

    assertThat(ops.metricsToken()).hasValue("t0ken");
    assertThat(ops.rateLimited()).isFalse();
    assertThat(ops.outboxRetention()).hasHours(36);
    assertThat(Config.fromEnvironment(java.util.Map.of("LONGHAND_RATE_LIMITS", "2.5")).ops().rateLimitScale()).isEqualTo(2.5);
    assertThat(Config.fromEnvironment(java.util.Map.of()).ops()).isEqualTo(Operations.DEFAULTS);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Config.fromEnvironment(java.util.Map.of("LONGHAND_LOG_FORMAT", "xml")))
        .hasMessageContaining("LONGHAND_LOG_FORMAT");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Config.fromEnvironment(java.util.Map.of("LONGHAND_RATE_LIMITS", "lots")))
        .hasMessageContaining("LONGHAND_RATE_LIMITS");
  }
}
