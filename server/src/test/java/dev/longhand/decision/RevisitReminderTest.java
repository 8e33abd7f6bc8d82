package dev.longhand.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Revisit-by dates on a server with a test clock, from Monday 2 March 2026: Bo (Seoul, 10-19) owns decisions to
 * revisit; the reminder falls due at the start of the day in Seoul and reaches him when his working day starts;
 * moving the date re-plans it, clearing it or superseding the decision cancels it.
 */
@ParameterizedClass
@EnumSource(Db.class)
class RevisitReminderTest {
  @Parameter Db db;
  TestClock clock;
  Longhand server;
  Team team;
  String space;

  @BeforeEach
  void start() {
    clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
    server = Longhand.start(TestServers.config(db), clock);
    team = Team.on(server);
    space = team.createSpace(team.ana, "Platform", "public");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String record(String title, String revisitBy) {
    var r = team.ana.api().post("/api/v1/spaces/" + space + "/decisions", DecisionApiTest.decision(title, "owner", team.bo.id(),
        "revisitBy", revisitBy));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  @Test
  void theOwnerIsRemindedWhenTheRevisitDateComesAndChangesReplanIt() {
    String kept = record("Keep the monolith", "2026-03-10");
    String moved = record("Weekly releases", "2026-03-10");
    String cleared = record("No Fridays", "2026-03-10");
    String superseded = record("Use Jenkins", "2026-03-10");
    assertThat(team.ana.api().put("/api/v1/decisions/" + moved, Map.of("revisitBy", "2026-03-12")).status()).isEqualTo(200);
    var clearedAnswer = team.ana.api().put("/api/v1/decisions/" + cleared, new HashMap<>(java.util.Collections.singletonMap("revisitBy", null)));
    assertThat(clearedAnswer.json().has("revisitBy")).isFalse();
    team.ana.api().post("/api/v1/spaces/" + space + "/decisions", DecisionApiTest.decision("Use GitHub Actions", "supersedes", superseded));

    clock.set(Instant.parse("2026-03-09T14:59:00Z")); // 23:59 in Seoul
    server.dueWork().runDue();
    assertThat(revisits("held")).isEmpty();
    assertThat(revisits("delivered")).isEmpty();

    clock.set(Instant.parse("2026-03-09T15:00:00Z")); // midnight in Seoul: due, and held until Bo's day starts
    server.dueWork().runDue();
    List<JsonNode> held = revisits("held");
    assertThat(held).hasSize(1);
    assertThat(held.get(0).path("text").asText()).contains("Keep the monolith").contains("/decisions/" + kept);
    assertThat(held.get(0).path("deliverAt").asText()).isEqualTo("2026-03-10T01:00:00Z");

    clock.set(Instant.parse("2026-03-10T01:00:00Z"));
    server.dueWork().runDue();
    assertThat(revisits("delivered")).extracting(n -> n.path("text").asText()).singleElement().asString().contains("Keep the monolith");
    JsonNode history = team.bo.api().get("/api/v1/decisions/" + kept).json().path("history");
    assertThat(history.get(history.size() - 1).path("action").asText()).isEqualTo("revisit-reminded");

    clock.set(Instant.parse("2026-03-12T01:00:00Z"));
    server.dueWork().runDue();
    server.dueWork().runDue();
    assertThat(revisits("delivered")).extracting(n -> n.path("text").asText())
        .anySatisfy(t -> assertThat(t).contains("Weekly releases")).noneMatch(t -> t.contains("No Fridays") || t.contains("Use Jenkins"))
        .hasSize(2);
  }

  @Test
  void aRevisitDateInThePastIsRefused() {
    var r = team.ana.api().post("/api/v1/spaces/" + space + "/decisions", DecisionApiTest.decision("Late", "revisitBy", "2026-03-01"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text("field")).isEqualTo("revisitBy");
  }

  private List<JsonNode> revisits(String list) {
    List<JsonNode> out = new ArrayList<>();
    team.bo.api().get("/api/v1/notifications").json().path(list).forEach(n -> {
      if (n.path("kind").asText().equals("decision-revisit")) out.add(n);
    });
    return out;
  }
}
