package dev.longhand.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Resolving threads through the API: into a decision prefilled from the thread, an answer, or dropped; and reopening. */
@ParameterizedClass
@EnumSource(Db.class)
class ResolutionApiTest {
  @Parameter Db db;
  Team team;
  String product;
  String thread;

  @BeforeEach
  void team() {
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads",
        Map.of("title", "Which database for reports?", "body", "Reports take **minutes**; we need a faster store.")).text("id");
  }

  @Test
  void resolvingIntoADecisionPrefillsItFromTheThreadAndShowsTheOutcomeOnTheThread() {
    var r = team.bo.api().post("/api/v1/threads/" + thread + "/resolution", Map.of("outcome", "decision",
        "decision", "Use PostgreSQL.", "options", List.of(Map.of("title", "PostgreSQL", "pros", List.of("Fast")))));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.text("outcome")).isEqualTo("decision");
    String decisionId = r.json().path("decision").path("id").asText();
    JsonNode d = team.cy.api().get("/api/v1/decisions/" + decisionId).json();
    assertThat(d.path("title").asText()).isEqualTo("Which database for reports?");
    assertThat(d.path("context").asText()).isEqualTo("Reports take **minutes**; we need a faster store.");
    assertThat(d.path("owner").path("id").asText()).isEqualTo(team.bo.id());
    assertThat(d.path("status").asText()).isEqualTo("accepted");
    assertThat(d.path("source").path("kind").asText()).isEqualTo("thread");
    assertThat(d.path("source").path("id").asText()).isEqualTo(thread);
    assertThat(d.path("source").path("title").asText()).isEqualTo("Which database for reports?");

    JsonNode shown = team.cy.api().get("/api/v1/threads/" + thread).json().path("resolution");
    assertThat(shown.path("outcome").asText()).isEqualTo("decision");
    assertThat(shown.path("decision").path("id").asText()).isEqualTo(decisionId);
    assertThat(shown.path("resolvedBy").path("id").asText()).isEqualTo(team.bo.id());

    var twice = team.ana.api().post("/api/v1/threads/" + thread + "/resolution", Map.of("outcome", "answer", "answer", "42"));
    assertThat(twice.status()).isEqualTo(409);

    assertThat(team.ana.api().delete("/api/v1/threads/" + thread + "/resolution").status()).isEqualTo(204);
    assertThat(team.cy.api().get("/api/v1/threads/" + thread).json().has("resolution")).isFalse();
    assertThat(team.cy.api().get("/api/v1/decisions/" + decisionId).status()).as("the decision stays in the log").isEqualTo(200);
    assertThat(team.ana.api().delete("/api/v1/threads/" + thread + "/resolution").status()).isEqualTo(404);
  }

  @Test
  void aThreadCanBeAnsweredOrDroppedWithAReason() {
    var answered = team.bo.api().post("/api/v1/threads/" + thread + "/resolution", Map.of("outcome", "answer", "answer", "Use the replica."));
    assertThat(answered.status()).as(answered.body()).isEqualTo(201);
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().path("resolution").path("note").asText()).isEqualTo("Use the replica.");
    team.bo.api().delete("/api/v1/threads/" + thread + "/resolution");
    var dropped = team.bo.api().post("/api/v1/threads/" + thread + "/resolution", Map.of("outcome", "dropped", "reason", "reports were retired"));
    assertThat(dropped.status()).isEqualTo(201);
    JsonNode shown = team.ana.api().get("/api/v1/threads/" + thread).json().path("resolution");
    assertThat(shown.path("outcome").asText()).isEqualTo("dropped");
    assertThat(shown.path("note").asText()).isEqualTo("reports were retired");
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/decisions").json().path("decisions").size()).isZero();
  }

  @Test
  void badResolutionsNameTheFieldAndLeaveTheThreadOpen() {
    Map<String, Map<String, Object>> cases = Map.of(
        "outcome", Map.of("outcome", "shrug"),
        "answer", Map.of("outcome", "answer"),
        "reason", Map.of("outcome", "dropped", "reason", " "),
        "decision", Map.of("outcome", "decision"),
        "status", Map.of("outcome", "decision", "decision", "x", "status", "done"));
    cases.forEach((field, body) -> {
      var r = team.bo.api().post("/api/v1/threads/" + thread + "/resolution", body);
      assertThat(r.status()).as(field + " " + r.body()).isEqualTo(400);
      assertThat(r.text("field")).isEqualTo(field);
    });
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().has("resolution")).isFalse();
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/decisions").json().path("decisions").size()).isZero();
  }

  @Test
  void outsidersCannotResolveOrReopen() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    String secret = team.ana.api().post("/api/v1/spaces/" + vault + "/threads", Map.of("title", "Secret", "body", "Hush")).text("id");
    for (Team.Person p : List.of(team.cy, team.gil, team.eve)) {
      assertThat(p.api().post("/api/v1/threads/" + secret + "/resolution", Map.of("outcome", "answer", "answer", "x")).status()).isEqualTo(404);
    }
    team.ana.api().post("/api/v1/threads/" + secret + "/resolution", Map.of("outcome", "answer", "answer", "x"));
    for (Team.Person p : List.of(team.cy, team.gil, team.eve)) {
      assertThat(p.api().delete("/api/v1/threads/" + secret + "/resolution").status()).isEqualTo(404);
    }
    assertThat(team.ana.api().get("/api/v1/threads/" + secret).json().path("resolution").path("outcome").asText()).isEqualTo("answer");
    var fromSecret = team.cy.api().post("/api/v1/spaces/" + product + "/decisions", Map.of("title", "t", "decision", "d",
        "source", Map.of("kind", "thread", "id", secret)));
    assertThat(fromSecret.text("field")).as("a source the writer cannot read").isEqualTo("source.id");
  }
}
