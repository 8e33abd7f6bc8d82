package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Held notifications on a test clock. Ana works 09:00-17:00 in Lisbon (UTC in March 2026); what reaches her at night
 * is held for her day. When her hours, away days, holidays or focus change, the held ones follow the new calendar at
 * once; when her day starts, each keeps the time it happened, and what she settled meanwhile (a thread she read, an
 * ask she marked done) is dropped rather than delivered.
 */
@ParameterizedClass
@EnumSource(Db.class)
class HeldDeliveryTest {
  /** Monday 2 March 2026, 03:00 in Lisbon. */
  static final Instant MONDAY_NIGHT = Instant.parse("2026-03-02T03:00:00Z");

  @Parameter Db db;
  TestClock clock;
  OwnServer own;
  Longhand server;
  Team team;
  String space;

  @BeforeEach
  void start() {
    clock = new TestClock(MONDAY_NIGHT);
    own = OwnServer.at(db, clock, "Launch");
    server = own.server;
    team = own.team;
    space = own.space;
  }

  @AfterEach
  void stop() {
    own.close();
  }

  private void settle() throws InterruptedException {
    own.settle();
  }

  private String thread(Team.Person who, String title, String body) {
    var r = who.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private JsonNode centre(Team.Person who) {
    var r = who.api().get("/api/v1/notifications");
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private String heldUntil(Team.Person who) throws InterruptedException {
    settle();
    JsonNode held = centre(who).get("held");
    assertThat(held).hasSize(1);
    return held.get(0).get("deliverAt").asText();
  }

  private static List<Map<String, String>> week(String start, String end) {
    return List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
        .map(d -> Map.of("day", d, "start", start, "end", end)).toList();
  }

  @Test
  void heldNotificationsFollowChangesOfHoursAwayDaysHolidaysAndFocus() throws InterruptedException {
    thread(team.bo, "Launch plan", "@" + team.ana.handle() + " the numbers are in");
    assertThat(heldUntil(team.ana)).isEqualTo("2026-03-02T09:00:00Z");

    assertThat(team.ana.api().put("/api/v1/me/schedule", Map.of("timeZone", "Europe/Lisbon", "workingHours", week("07:00", "15:00")))
        .status()).isEqualTo(200);
    assertThat(heldUntil(team.ana)).as("her day now starts at 07:00").isEqualTo("2026-03-02T07:00:00Z");

    var away = team.ana.api().post("/api/v1/me/away", Map.of("from", "2026-03-02", "returns", "2026-03-04", "note", "Offsite"));
    assertThat(away.status()).isEqualTo(201);
    assertThat(heldUntil(team.ana)).as("away until Wednesday").isEqualTo("2026-03-04T07:00:00Z");
    assertThat(team.ana.api().delete("/api/v1/me/away/" + away.text("id")).status()).isEqualTo(204);
    assertThat(heldUntil(team.ana)).as("back again").isEqualTo("2026-03-02T07:00:00Z");

    assertThat(team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/holidays",
        Map.of("date", "2026-03-02", "name", "Company day")).status()).isEqualTo(201);
    assertThat(heldUntil(team.ana)).as("a holiday on Monday").isEqualTo("2026-03-03T07:00:00Z");
    assertThat(team.ana.api().delete("/api/v1/workspaces/" + team.workspaceId + "/holidays/2026-03-02").status()).isEqualTo(204);
    assertThat(heldUntil(team.ana)).isEqualTo("2026-03-02T07:00:00Z");

    clock.set(Instant.parse("2026-03-02T06:50:00Z"));
    assertThat(team.ana.api().post("/api/v1/me/focus", Map.of("minutes", "60")).status()).isEqualTo(200);
    assertThat(heldUntil(team.ana)).as("focus until 07:50").isEqualTo("2026-03-02T07:50:00Z");

    clock.set(Instant.parse("2026-03-02T07:50:00Z"));
    settle();
    JsonNode c = centre(team.ana);
    assertThat(c.get("held")).isEmpty();
    assertThat(c.get("delivered")).singleElement().satisfies(n -> {
      assertThat(n.get("createdAt").asText()).isEqualTo("2026-03-02T03:00:00Z");
      assertThat(n.get("deliveredAt").asText()).isEqualTo("2026-03-02T07:50:00Z");
    });
  }

  @Test
  void atTheStartOfHerDayEachNoticeKeepsItsTimeAndWhatSheSettledIsDropped() throws InterruptedException {
    String mine = thread(team.ana, "Ana's proposal", "Thoughts welcome");
    clock.set(Instant.parse("2026-03-02T03:10:00Z"));
    String mention = thread(team.bo, "Launch plan", "@" + team.ana.handle() + " the numbers are in");
    clock.set(Instant.parse("2026-03-02T04:30:00Z"));
    assertThat(team.cy.api().post("/api/v1/threads/" + mine + "/replies", Map.of("body", "I like it")).status()).isEqualTo(201);
    clock.set(Instant.parse("2026-03-02T05:00:00Z"));
    var asked = team.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Budget", "body", "Can you check the budget?",
        "ask", Map.of("assignee", team.ana.id(), "within", "P1D")));
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    settle();
    assertThat(centre(team.ana).get("held")).extracting(n -> n.get("kind").asText()).containsExactlyInAnyOrder("mention", "reply", "ask");

    // Awake early, before her working day: she reads the launch plan and marks the ask done.
    clock.set(Instant.parse("2026-03-02T06:30:00Z"));
    assertThat(team.ana.api().post("/api/v1/threads/" + mention + "/read", Map.of()).status()).isEqualTo(204);
    String askId = asked.json().get("asks").get(0).get("id").asText();
    assertThat(team.ana.api().post("/api/v1/asks/" + askId + "/done", Map.of()).status()).isEqualTo(200);
    settle();

    clock.set(Instant.parse("2026-03-02T09:00:00Z"));
    settle();
    JsonNode c = centre(team.ana);
    assertThat(c.get("held")).isEmpty();
    // Her 09:00 digest arrives too; of the held notices only the reply she has not read yet.
    List<JsonNode> delivered = c.get("delivered").valueStream().filter(n -> !n.get("kind").asText().equals("digest")).toList();
    assertThat(c.get("unread").asInt()).isEqualTo(c.get("delivered").size()).isEqualTo(delivered.size() + 1);
    assertThat(delivered).singleElement().satisfies(n -> {
      assertThat(n.get("kind").asText()).isEqualTo("reply");
      assertThat(n.get("threadId").asText()).isEqualTo(mine);
      assertThat(n.get("createdAt").asText()).as("when it happened").isEqualTo("2026-03-02T04:30:00Z");
      assertThat(n.get("deliveredAt").asText()).isEqualTo("2026-03-02T09:00:00Z");
    });
    String page = own.web(team.ana).get("/notifications").body();
    assertThat(page).contains(">today, 04:30<").contains("Monday 2 March 2026, 04:30").contains("held until Mon 2 Mar, 09:00")
        .doesNotContain("the numbers are in").doesNotContain("Launch plan”").doesNotContain("asked you");
  }
}
