package dev.longhand.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Limits per address, account and token. Requests that fail validation count too (the limit comes before any
 * work), which keeps these tests fast: no password is hashed.
 */
class RateLimitsTest {
  /** An incomplete sign-up: refused with 400 before any hashing, but counted. */
  static final String INCOMPLETE = "{\"email\":\"\"}";

  @Test
  void fiftyPeopleBehindOneAddressCanSignUpTogetherAtTheDefaults() {
    try (Longhand server = serverWithLimitsScaledBy(1)) {
      Api anyone = new Api(server.baseUrl(), null);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 50; i++) statuses.add(anyone.sendWithHeader("POST", "/api/v1/accounts", INCOMPLETE, "X-Forwarded-For", "198.51.100.50").status());

      assertThat(statuses).doesNotContain(429);
    }
  }

  @Test
  void signUpsBeyondTheLimitAreRefusedForThatAddressOnly() {
    try (Longhand server = serverWithLimitsScaledBy(0.1)) { // 6 an hour
      Api anyone = new Api(server.baseUrl(), null);
      for (int i = 0; i < 6; i++) {
        assertThat(anyone.sendWithHeader("POST", "/api/v1/accounts", INCOMPLETE, "X-Forwarded-For", "198.51.100.1").status()).isEqualTo(400);
      }

      Api.Response refused = anyone.sendWithHeader("POST", "/api/v1/accounts", INCOMPLETE, "X-Forwarded-For", "198.51.100.1");
      Api.Response elsewhere = anyone.sendWithHeader("POST", "/api/v1/accounts", INCOMPLETE, "X-Forwarded-For", "198.51.100.2");

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(refused.json().path("type").asText()).contains("too-many-requests");
      assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 600L));
      assertThat(elsewhere.status()).isEqualTo(400);
    }
  }

  @Test
  void passwordResetRequestsAreLimitedPerAddressLikeSignUps() {
    try (Longhand server = serverWithLimitsScaledBy(0.1)) { // 6 an hour
      Api anyone = new Api(server.baseUrl(), null);
      for (int i = 0; i < 6; i++) {
        assertThat(anyone.sendWithHeader("POST", "/api/v1/password-resets", "{\"email\":\"x" + i + "@example.test\"}",
            "X-Forwarded-For", "198.51.100.7").status()).isEqualTo(202);
      }
      Api.Response refused = anyone.sendWithHeader("POST", "/api/v1/password-resets", "{\"email\":\"x@example.test\"}", "X-Forwarded-For", "198.51.100.7");
      Api.Response elsewhere = anyone.sendWithHeader("POST", "/api/v1/password-resets", "{\"email\":\"x@example.test\"}", "X-Forwarded-For", "198.51.100.8");
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(elsewhere.status()).isEqualTo(202);
    }
  }

  @Test
  void apiWritesAreLimitedPerTokenAndSignInsPerAddress() {
    try (Longhand server = serverWithLimitsScaledBy(0.1)) { // writes: 30 at once, 3 a second; sign-in 10 per 15 minutes
      Api anyone = new Api(server.baseUrl(), null);
      String email = "ana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
      assertThat(anyone.post("/api/v1/accounts", Map.of("email", email, "name", "Ana", "password", "correct horse battery")).status()).isEqualTo(201);
      Map<String, String> signIn = Map.of("email", email, "password", "correct horse battery", "label", "t");
      Api first = anyone.as(anyone.post("/api/v1/tokens", signIn).text("token"));
      Api second = anyone.as(anyone.post("/api/v1/tokens", signIn).text("token"));

      Api.Response last = null;
      int sent = 0;
      while (sent < 500 && (last == null || last.status() != 429)) {
        last = first.post("/api/v1/workspaces", Map.of());
        sent++;
      }

      assertThat(last.status()).isEqualTo(429);
      assertThat(sent).as("a burst of 30 passes first").isGreaterThan(30);
      assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(second.post("/api/v1/workspaces", Map.of()).status()).as("another token has its own bucket").isEqualTo(400);
      assertThat(first.get("/api/v1/me").status()).as("reads have their own bucket").isEqualTo(200);

      int signInsRefused = 0;
      for (int i = 0; i < 10; i++) {
        if (anyone.post("/api/v1/tokens", Map.of("email", email, "password", "", "label", "t")).status() == 429) signInsRefused++;
      }
      assertThat(signInsRefused).as("2 sign-ins above, then 8 more pass").isEqualTo(2);
    }
  }

  @Test
  void offMeansOff() {
    try (Longhand server = serverWithLimitsScaledBy(0)) {
      Api anyone = new Api(server.baseUrl(), null);
      for (int i = 0; i < 100; i++) assertThat(anyone.sendWithHeader("POST", "/api/v1/accounts", INCOMPLETE, "X-Forwarded-For", "198.51.100.3").status()).isEqualTo(400);
    }
  }

  private static Longhand serverWithLimitsScaledBy(double scale) {
    Config config = TestServers.config(Db.SQLITE);
    return Longhand.start(config.withOperations(config.ops().withRateLimitScale(scale)), Clock.systemUTC());
  }
}
