package dev.longhand.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class AccountApiTest {
  @Parameter Db db;
  Team team;

  @BeforeEach
  void team() {
    team = Team.of(db);
  }

  @Test
  void meShowsZoneAndWorkingHours() {
    var me = team.bo.api().get("/api/v1/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text("timeZone")).isEqualTo("Asia/Seoul");
    assertThat(me.json().get("workingHours")).hasSize(5);
    assertThat(me.json().get("workingHours").get(0).get("start").asText()).isEqualTo("10:00");
  }

  @Test
  void severalRangesADayAndNightShiftsAreKept() {
    var r = team.cy.api().put("/api/v1/me/schedule", Map.of("timeZone", "America/Denver", "workingHours", List.of(
        Map.of("day", "MONDAY", "start", "08:00", "end", "12:00"),
        Map.of("day", "MONDAY", "start", "13:00", "end", "16:00"),
        Map.of("day", "FRIDAY", "start", "22:00", "end", "06:00"))));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("workingHours")).hasSize(3);
  }

  @Test
  void unknownZoneIsRefusedAndChangesNothing() {
    var r = team.bo.api().put("/api/v1/me/schedule", Map.of("timeZone", "Mars/Olympus", "workingHours", List.of()));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text("field")).isEqualTo("timeZone");
    assertThat(team.bo.api().get("/api/v1/me").text("timeZone")).isEqualTo("Asia/Seoul");
  }

  @Test
  void overlappingRangesAreRefused() {
    var r = team.bo.api().put("/api/v1/me/schedule", Map.of("timeZone", "Asia/Seoul", "workingHours", List.of(
        Map.of("day", "MONDAY", "start", "09:00", "end", "12:00"),
        Map.of("day", "MONDAY", "start", "11:00", "end", "15:00"))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text("field")).isEqualTo("workingHours");
  }

  @Test
  void aNewAccountCanStartInItsOwnZone() {
    String email = "zoned-" + System.nanoTime() + "@example.test";
    var created = team.anonymous.post("/api/v1/accounts", Map.of("email", email, "name", "Zed", "password", "long enough password", "timeZone", "Asia/Kathmandu"));
    assertThat(created.status()).isEqualTo(201);
    String token = team.anonymous.post("/api/v1/tokens", Map.of("email", email, "password", "long enough password")).text("token");
    var me = team.anonymous.as(token).get("/api/v1/me");
    assertThat(me.text("timeZone")).isEqualTo("Asia/Kathmandu");
    assertThat(me.json().get("workingHours")).hasSize(5); // Monday to Friday, 09:00-17:00, until changed
    assertThat(me.json().get("workingHours").get(0).get("start").asText()).isEqualTo("09:00");
    var bad = team.anonymous.post("/api/v1/accounts", Map.of("email", "x" + email, "name", "Zed", "password", "long enough password", "timeZone", "Nowhere/Land"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text("field")).isEqualTo("timeZone");
  }

  @Test
  void duplicateEmailIsAConflict() {
    var r = team.anonymous.post("/api/v1/accounts", Map.of("email", team.ana.email().toUpperCase(), "name", "Ana again", "password", "another long password"));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.text("field")).isEqualTo("email");
  }

  @Test
  void missingFieldIsNamed() {
    var r = team.anonymous.post("/api/v1/accounts", Map.of("email", "x@example.test", "password", "long enough password"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text("field")).isEqualTo("name");
  }

  @Test
  void revokedTokenNoLongerWorks() {
    var issued = team.anonymous.post("/api/v1/tokens", Map.of("email", team.cy.email(), "password", "correct horse battery", "label", "script"));
    var api = team.anonymous.as(issued.text("token"));
    assertThat(api.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(team.cy.api().delete("/api/v1/tokens/" + issued.text("id")).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
  }

  @Test
  void fiveWrongPasswordsLockOutTheirAddressButNotTheOwnerElsewhere() {
    String attacker = randomAddress("10.1");
    for (int i = 0; i < 5; i++) {
      var wrong = fromAddress(attacker, Map.of("email", team.bo.email(), "password", "wrong password " + i));
      assertThat(wrong.status()).isEqualTo(400);
    }
    var fromAttacker = fromAddress(attacker, Map.of("email", team.bo.email(), "password", "correct horse battery"));
    assertThat(fromAttacker.status()).isEqualTo(429);
    assertThat(fromAttacker.text("detail")).contains("15 minutes");
    // Bo, from an address that never failed, gets in; the attacker's address stays locked.
    assertThat(fromAddress(randomAddress("10.4"), Map.of("email", team.bo.email(), "password", "correct horse battery")).status())
        .isEqualTo(201);
    assertThat(fromAddress(attacker, Map.of("email", team.bo.email(), "password", "correct horse battery")).status()).isEqualTo(429);
  }

  @Test
  void concurrentWrongPasswordsGetExactlyFiveGuesses() throws Exception {
    String attacker = randomAddress("10.5");
    List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 200; i++) {
        int n = i;
        answers.add(pool.submit(() -> rawSignIn(attacker, team.cy.email(), "guess " + n)));
      }
    }
    List<Integer> statuses = new java.util.ArrayList<>();
    for (var a : answers) statuses.add(a.get());
    assertThat(statuses).filteredOn(s -> s == 400).as("guesses evaluated").hasSize(5);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(195);
  }

  @Test
  void signInIsThrottledPerAddressAfterFiftyFailures() throws Exception {
    String office = randomAddress("10.2");
    List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 50; i++) {
        int n = i;
        answers.add(pool.submit(() -> fromAddress(office, Map.of("email", "nobody-" + n + "@example.test", "password", "guessing")).status()));
      }
    }
    for (var a : answers) assertThat(a.get()).isEqualTo(400);
    var nextTry = fromAddress(office, Map.of("email", team.ana.email(), "password", "correct horse battery"));
    assertThat(nextTry.status()).isEqualTo(429);
    assertThat(fromAddress(randomAddress("10.3"), Map.of("email", team.ana.email(), "password", "correct horse battery")).status()).isEqualTo(201);
  }

  /** One sign-in on its own connection (no pooled connection to go stale under 200 at once); the answer's status. */
  private int rawSignIn(String address, String email, String password) throws java.io.IOException {
    var base = java.net.URI.create(team.anonymous.base());
    String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(60_000);
      socket.getOutputStream().write(("POST /api/v1/tokens HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nContent-Type: application/json\r\n"
          + "X-Forwarded-For: " + address + "\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  private static String randomAddress(String prefix) {
    var r = java.util.concurrent.ThreadLocalRandom.current();
    return prefix + "." + r.nextInt(250) + "." + r.nextInt(250);
  }

  private dev.longhand.testkit.Api.Response fromAddress(String address, Map<String, String> body) {
    try {
      var json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
      return team.anonymous.sendWithHeader("POST", "/api/v1/tokens", json, "X-Forwarded-For", address);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anonymousCallsAreRefused() {
    var r = team.anonymous.get("/api/v1/me");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.text("type")).isEqualTo("/problems/unauthorized");
  }
}
