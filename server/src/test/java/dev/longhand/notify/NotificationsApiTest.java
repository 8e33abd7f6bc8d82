package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Notifications through the API on the shared server, which runs on the real clock: each test
 * gives people UTC working hours around now (working) or half a day away (off).
 */
@ParameterizedClass
@EnumSource(Db.class)
class NotificationsApiTest {
  @Parameter Db db;
  Team team;
  String space;

  @BeforeEach
  void team() {
    team = Team.of(db);
    space = team.createSpace(team.ana, "Launch", "public");
  }

  /** A 12-hour working range centred on now (UTC): reachable for the next six hours. */
  static void workingNow(Team.Person p) {
    schedule(p, Instant.now().minus(Duration.ofHours(6)), Duration.ofHours(12));
  }

  /** A 2-hour working range starting in 12 hours: off now, reachable then. */
  static Instant offNow(Team.Person p) {
    Instant start = Instant.now().plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.MINUTES);
    schedule(p, start, Duration.ofHours(2));
    return start;
  }

  private static void schedule(Team.Person p, Instant start, Duration length) {
    LocalDateTime s = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
    LocalDateTime e = s.plus(length);
    var r = p.api().put("/api/v1/me/schedule", Map.of("timeZone", "UTC", "workingHours", List.of(Map.of(
        "day", s.getDayOfWeek().name(), "start", s.toLocalTime().toString().substring(0, 5), "end", e.toLocalTime().toString().substring(0, 5)))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private String thread(Team.Person who, String body) {
    var r = who.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch plan", "body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private JsonNode centre(Team.Person p) throws InterruptedException {
    TestServers.get(db).dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    var r = p.api().get("/api/v1/notifications");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aMentionInsideWorkingHoursIsDeliveredNow() throws InterruptedException {
    workingNow(team.bo);
    thread(team.ana, "@" + team.bo.handle() + " can you check the numbers?");
    JsonNode c = centre(team.bo);
    assertThat(c.get("unread").asInt()).isEqualTo(1);
    JsonNode n = c.get("delivered").get(0);
    assertThat(n.get("level").asText()).isEqualTo("direct");
    assertThat(n.get("kind").asText()).isEqualTo("mention");
    assertThat(n.get("text").asText()).contains("mentioned you in “Launch plan”");
    assertThat(n.get("actor").get("id").asText()).isEqualTo(team.ana.id());
    assertThat(team.bo.api().post("/api/v1/notifications/read", Map.of()).json().get("marked").asInt()).isEqualTo(1);
    assertThat(centre(team.bo).get("unread").asInt()).isZero();
  }

  @Test
  void oneNotificationIsMarkedReadByItsRecipientOnly() throws InterruptedException {
    workingNow(team.bo);
    String first = thread(team.ana, "@" + team.bo.handle() + " one");
    thread(team.ana, "@" + team.bo.handle() + " two");
    JsonNode delivered = centre(team.bo).get("delivered");
    assertThat(delivered).hasSize(2);
    JsonNode older = delivered.get(1);
    assertThat(older.get("link").asText()).isEqualTo("/threads/" + first);

    String read = "/api/v1/notifications/" + older.get("id").asText() + "/read";
    for (Team.Person other : List.of(team.ana, team.cy, team.eve)) {
      var r = other.api().post(read, Map.of());
      assertThat(r.status()).as(other.name()).isEqualTo(404);
      assertThat(r.body()).doesNotContain("two").doesNotContain("one");
    }
    assertThat(team.bo.api().post("/api/v1/notifications/1234/read", Map.of()).status()).isEqualTo(404);
    assertThat(centre(team.bo).get("unread").asInt()).isEqualTo(2);

    var r = team.bo.api().post(read, Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("read").asBoolean()).isTrue();
    assertThat(r.text("id")).isEqualTo(older.get("id").asText());
    assertThat(team.bo.api().post(read, Map.of()).status()).as("reading it again changes nothing").isEqualTo(200);
    JsonNode after = centre(team.bo);
    assertThat(after.get("unread").asInt()).isEqualTo(1);
    assertThat(after.get("delivered").get(0).get("read").asBoolean()).isFalse();
  }

  @Test
  void aMentionOutsideWorkingHoursIsHeldUntilTheirDayStarts() throws InterruptedException {
    Instant starts = offNow(team.bo);
    thread(team.ana, "@" + team.bo.handle() + " for tomorrow");
    JsonNode c = centre(team.bo);
    assertThat(c.get("delivered").size()).isZero();
    assertThat(c.get("held").size()).isEqualTo(1);
    assertThat(Instant.parse(c.get("held").get(0).get("deliverAt").asText())).isEqualTo(starts);
  }

  @Test
  void focusHoldsDirectNotificationsUntilItEnds() throws InterruptedException {
    workingNow(team.bo);
    var focus = team.bo.api().post("/api/v1/me/focus", Map.of("minutes", "60"));
    assertThat(focus.status()).as(focus.body()).isEqualTo(200);
    Instant until = Instant.parse(focus.text("focusUntil"));
    thread(team.ana, "@" + team.bo.handle() + " when you surface");
    JsonNode held = centre(team.bo).get("held");
    assertThat(held.size()).isEqualTo(1);
    assertThat(Instant.parse(held.get(0).get("deliverAt").asText())).isEqualTo(until);
    assertThat(team.bo.api().delete("/api/v1/me/focus").status()).isEqualTo(204);
    JsonNode after = centre(team.bo);
    assertThat(after.get("held").size()).isZero();
    assertThat(after.get("delivered").get(0).get("kind").asText()).isEqualTo("mention");
  }

  @Test
  void repliesAndAcknowledgementsReachTheThreadsAuthor() throws InterruptedException {
    workingNow(team.ana);
    String t = thread(team.ana, "Plans for the launch");
    team.bo.api().post("/api/v1/threads/" + t + "/replies", Map.of("body", "Looks good"));
    team.cy.api().post("/api/v1/threads/" + t + "/acknowledgements", Map.of());
    JsonNode delivered = centre(team.ana).get("delivered");
    assertThat(delivered.findValuesAsText("kind")).containsExactlyInAnyOrder("reply", "acknowledged");
    assertThat(centre(team.bo).get("delivered").size()).isZero(); // ambient: for digests only
  }

  @Test
  void urgentBreaksThroughWithItsReasonAndTheFourthInADayIsRefused() throws InterruptedException {
    offNow(team.bo);
    String t = thread(team.ana, "Production is down");
    for (int i = 1; i <= 3; i++) {
      var r = team.ana.api().post("/api/v1/notifications/urgent", Map.of("to", team.bo.id(), "threadId", t, "reason", "Outage " + i));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    JsonNode c = centre(team.bo);
    assertThat(c.get("delivered").size()).isEqualTo(3);
    assertThat(c.get("delivered").get(0).get("level").asText()).isEqualTo("urgent");
    assertThat(c.get("delivered").findValuesAsText("reason")).containsExactlyInAnyOrder("Outage 1", "Outage 2", "Outage 3");

    var fourth = team.ana.api().post("/api/v1/notifications/urgent", Map.of("to", team.bo.id(), "threadId", t, "reason", "Again"));
    assertThat(fourth.status()).isEqualTo(429);
    assertThat(fourth.text("detail")).contains("3 urgent notifications today").contains("allows 3 a day");
    assertThat(centre(team.bo).get("delivered").size()).isEqualTo(3);

    var log = team.ana.api().get("/api/v1/workspaces/" + team.workspaceId + "/urgent");
    assertThat(log.json().get("log").size()).isEqualTo(3);
    assertThat(log.json().get("log").get(0).get("recipientId").asText()).isEqualTo(team.bo.id());
    assertThat(team.cy.api().get("/api/v1/workspaces/" + team.workspaceId + "/urgent").status()).isEqualTo(403);
    assertThat(team.eve.api().get("/api/v1/workspaces/" + team.workspaceId + "/urgent").status()).isEqualTo(404);
  }

  @Test
  void urgentNeedsAReasonAndSomeoneWhoCanReadTheThread() {
    String t = thread(team.ana, "Launch");
    var noReason = team.ana.api().post("/api/v1/notifications/urgent", Map.of("to", team.bo.id(), "threadId", t));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.text("field")).isEqualTo("reason");
    String vault = team.createSpace(team.ana, "Vault", "private");
    String secret = team.ana.api().post("/api/v1/spaces/" + vault + "/threads", Map.of("title", "Secret", "body", "x")).text("id");
    var cannotRead = team.ana.api().post("/api/v1/notifications/urgent", Map.of("to", team.bo.id(), "threadId", secret, "reason", "now"));
    assertThat(cannotRead.text("field")).isEqualTo("to");
    assertThat(team.eve.api().post("/api/v1/notifications/urgent", Map.of("to", team.bo.id(), "threadId", t, "reason", "x")).status())
        .isEqualTo(404);
    assertThat(team.ana.api().put("/api/v1/workspaces/" + team.workspaceId + "/urgent", Map.of("urgentPerDay", "0")).status()).isEqualTo(200);
    assertThat(team.ana.api().post("/api/v1/notifications/urgent", Map.of("to", team.bo.id(), "threadId", t, "reason", "x")).status())
        .isEqualTo(429);
  }

  @Test
  void deliverySettingsAreValidatedAndKept() {
    var bad = team.bo.api().put("/api/v1/me/delivery", Map.of("digestTimes", List.of("9am")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text("field")).isEqualTo("digestTimes");
    var badBlock = team.bo.api().put("/api/v1/me/delivery", Map.of("focusBlocks", List.of(Map.of("day", "FUNDAY", "start", "09:00", "end", "11:00"))));
    assertThat(badBlock.text("field")).isEqualTo("focusBlocks");
    var ok = team.bo.api().put("/api/v1/me/delivery", Map.of("digestTimes", List.of("08:30", "16:00"),
        "focusBlocks", List.of(Map.of("day", "TUESDAY", "start", "13:00", "end", "15:00")), "emailDigests", "false"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    var got = team.bo.api().get("/api/v1/me/delivery").json();
    assertThat(got.get("digestTimes").toString()).isEqualTo("[\"08:30\",\"16:00\"]");
    assertThat(got.get("focusBlocks").get(0).get("day").asText()).isEqualTo("TUESDAY");
    assertThat(got.get("emailDigests").asBoolean()).isFalse();
    assertThat(got.get("emailAvailable").asBoolean()).isFalse();
    assertThat(got.has("nextDigestAt")).isTrue();
    assertThat(team.bo.api().post("/api/v1/me/focus", Map.of("minutes", "0")).text("field")).isEqualTo("minutes");
  }

  @Test
  void beforeSendingTheComposerLearnsWhenItLandsForEachPerson() {
    Instant starts = offNow(team.bo);
    workingNow(team.cy);
    String t = thread(team.ana, "Plans");
    var r = team.ana.api().get("/api/v1/spaces/" + space + "/landing?handles=" + team.bo.handle() + "," + team.cy.handle() + ",nobody");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode people = r.json().get("recipients");
    assertThat(people.findValuesAsText("handle")).containsExactlyInAnyOrder(team.bo.handle(), team.cy.handle());
    for (JsonNode p : people) {
      if (p.get("handle").asText().equals(team.bo.handle())) {
        assertThat(p.get("now").asBoolean()).isFalse();
        assertThat(Instant.parse(p.get("landsAt").asText())).isEqualTo(starts);
        assertThat(p.get("summary").asText()).contains("their time in UTC (in 12 h)");
      } else {
        assertThat(p.get("now").asBoolean()).isTrue();
        assertThat(p.get("summary").asText()).endsWith(": now");
      }
    }
    // A reply reaches the thread's author too.
    var reply = team.bo.api().get("/api/v1/spaces/" + space + "/landing?thread=" + t + "&handles=");
    assertThat(reply.json().get("recipients").findValuesAsText("id")).containsExactly(team.ana.id());
    assertThat(team.eve.api().get("/api/v1/spaces/" + space + "/landing?handles=bo").status()).isEqualTo(404);
  }

  @Test
  void remindMeLaterTakesTheThreadOutOfTheInboxUntilThen() throws InterruptedException {
    String t = thread(team.ana, "Later");
    TestServers.get(db).dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    assertThat(team.bo.api().get("/api/v1/inbox").json().get("items").findValuesAsText("threadId")).contains(t);
    var r = team.bo.api().post("/api/v1/threads/" + t + "/reminders", Map.of("in", "PT3H"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(Duration.between(Instant.now(), Instant.parse(r.text("remindAt"))).toMinutes()).isBetween(178L, 180L);
    assertThat(team.bo.api().get("/api/v1/inbox").json().get("items").findValuesAsText("threadId")).doesNotContain(t);
    assertThat(team.bo.api().get("/api/v1/reminders").json().get("reminders").findValuesAsText("threadId")).containsExactly(t);

    assertThat(team.bo.api().post("/api/v1/threads/" + t + "/reminders", Map.of("at", "2020-01-01T00:00:00Z")).text("field")).isEqualTo("at");
    assertThat(team.bo.api().post("/api/v1/threads/" + t + "/reminders", Map.of("in", "soon")).text("field")).isEqualTo("in");
    assertThat(team.bo.api().post("/api/v1/threads/" + t + "/reminders", Map.of()).text("field")).isEqualTo("at");
    assertThat(team.eve.api().post("/api/v1/threads/" + t + "/reminders", Map.of("in", "PT1H")).status()).isEqualTo(404);
    assertThat(team.cy.api().delete("/api/v1/reminders/" + r.text("id")).status()).isEqualTo(404);
    assertThat(team.bo.api().delete("/api/v1/reminders/" + r.text("id")).status()).isEqualTo(204);
    assertThat(team.bo.api().get("/api/v1/reminders").json().get("reminders").size()).isZero();
  }
}
