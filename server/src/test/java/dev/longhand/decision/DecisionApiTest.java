package dev.longhand.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Decisions through the API: recorded, read with links and history, changed, superseded, filtered, kept to readers. */
@ParameterizedClass
@EnumSource(Db.class)
class DecisionApiTest {
  @Parameter Db db;
  Team team;
  String product;

  @BeforeEach
  void team() {
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
  }

  static Map<String, Object> decision(String title, Object... more) {
    Map<String, Object> body = new LinkedHashMap<>(Map.of("title", title, "context", "Reports are slow.",
        "options", List.of(Map.of("title", "PostgreSQL", "pros", List.of("Familiar", "Fast joins"), "cons", List.of("One more server")),
            Map.of("title", "Spreadsheets", "pros", List.of("No setup"), "cons", List.of())),
        "decision", "Use PostgreSQL for reporting.", "rationale", "The team knows it.", "status", "accepted"));
    for (int i = 0; i + 1 < more.length; i += 2) body.put((String) more[i], more[i + 1]);
    return body;
  }

  String record(Team.Person who, String space, Map<String, Object> body) {
    var r = who.api().post("/api/v1/spaces/" + space + "/decisions", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  @Test
  void anaRecordsADecisionAndBoReadsItWithOptionsOwnerAndHistory() {
    var r = team.ana.api().post("/api/v1/spaces/" + product + "/decisions", decision("Reporting database", "owner", team.bo.id(),
        "revisitBy", LocalDate.now().plusDays(30).toString()));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.text("status")).isEqualTo("accepted");
    JsonNode d = team.bo.api().get("/api/v1/decisions/" + r.text("id")).json();
    assertThat(d.path("title").asText()).isEqualTo("Reporting database");
    assertThat(d.path("owner").path("id").asText()).isEqualTo(team.bo.id());
    assertThat(d.path("options").get(0).path("pros").get(1).asText()).isEqualTo("Fast joins");
    assertThat(d.path("options").get(0).path("cons").get(0).asText()).isEqualTo("One more server");
    assertThat(d.path("decision").asText()).isEqualTo("Use PostgreSQL for reporting.");
    assertThat(d.path("revisitBy").asText()).isEqualTo(LocalDate.now().plusDays(30).toString());
    assertThat(d.path("number").asInt()).isEqualTo(1);
    assertThat(d.path("history").get(0).path("action").asText()).isEqualTo("recorded");
    assertThat(d.path("history").get(0).path("by").path("id").asText()).isEqualTo(team.ana.id());
    assertThat(record(team.bo, product, decision("Second"))).isNotEmpty();
    assertThat(team.bo.api().get("/api/v1/spaces/" + product + "/decisions").json().path("decisions").get(0).path("number").asInt()).isEqualTo(2);
  }

  @Test
  void changesAreKeptInTheHistoryWithWhoAndWhat() {
    String id = record(team.ana, product, decision("Reporting database", "status", "proposed"));
    var changed = team.bo.api().put("/api/v1/decisions/" + id, Map.of("status", "accepted", "rationale", "Benchmarks agree."));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.text("status")).isEqualTo("accepted");
    assertThat(changed.text("title")).isEqualTo("Reporting database");
    JsonNode last = changed.json().path("history").get(1);
    assertThat(last.path("by").path("id").asText()).isEqualTo(team.bo.id());
    List<String> fields = new ArrayList<>();
    last.path("changes").forEach(c -> fields.add(c.path("field").asText() + ":" + c.path("from").asText() + ">" + c.path("to").asText()));
    assertThat(fields).containsExactly("status:proposed>accepted", "rationale:The team knows it.>Benchmarks agree.");
    var cleared = team.ana.api().put("/api/v1/decisions/" + id, Map.of("options", List.of()));
    assertThat(cleared.json().path("options").size()).isZero();
    assertThat(cleared.json().path("history").size()).isEqualTo(3);
    var same = team.ana.api().put("/api/v1/decisions/" + id, Map.of("title", "Reporting database"));
    assertThat(same.json().path("history").size()).as("a change that changes nothing is not history").isEqualTo(3);
  }

  @Test
  void supersedingMarksTheOldOneAndLinksBothWays() {
    String old = record(team.ana, product, decision("Use MySQL"));
    String newer = record(team.bo, product, decision("Use PostgreSQL", "supersedes", old));
    JsonNode o = team.cy.api().get("/api/v1/decisions/" + old).json();
    assertThat(o.path("status").asText()).isEqualTo("superseded");
    assertThat(o.path("supersededBy").path("id").asText()).isEqualTo(newer);
    assertThat(o.path("history").get(1).path("action").asText()).isEqualTo("superseded");
    assertThat(o.path("history").get(1).path("by").path("id").asText()).isEqualTo(team.bo.id());
    JsonNode n = team.cy.api().get("/api/v1/decisions/" + newer).json();
    assertThat(n.path("supersedes").path("id").asText()).isEqualTo(old);
    assertThat(n.path("supersedes").path("status").asText()).isEqualTo("superseded");

    var again = team.ana.api().post("/api/v1/spaces/" + product + "/decisions", decision("Use SQLite", "supersedes", old));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.text("field")).isEqualTo("supersedes");
    var unsupersede = team.ana.api().put("/api/v1/decisions/" + old, Map.of("status", "accepted"));
    assertThat(unsupersede.text("field")).isEqualTo("status");
    var directly = team.ana.api().put("/api/v1/decisions/" + newer, Map.of("status", "superseded"));
    assertThat(directly.text("field")).isEqualTo("status");
  }

  @Test
  void badInputNamesTheFieldAndChangesNothing() {
    String other = team.createSpace(team.ana, "Other", "public");
    String elsewhere = record(team.ana, other, decision("Elsewhere"));
    String vault = team.createSpace(team.ana, "Vault", "private");
    String secret = record(team.ana, vault, decision("Secret"));
    String eveSpace = team.eve.api().post("/api/v1/workspaces/" + team.otherWorkspaceId + "/spaces", Map.of("name", "E", "visibility", "public")).text("id");
    String foreign = record(team.eve, eveSpace, decision("Foreign"));
    Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
    Map<String, Object> noTitle = decision("x");
    noTitle.remove("title");
    cases.put("title", noTitle);
    Map<String, Object> noDecision = decision("x");
    noDecision.put("decision", "  ");
    cases.put("decision", noDecision);
    cases.put("status", decision("x", "status", "maybe"));
    cases.put("revisitBy", decision("x", "revisitBy", "next tuesday"));
    cases.put("supersedes", decision("x", "supersedes", elsewhere));
    cases.put("owner", decision("x", "owner", team.eve.id()));
    cases.put("options[1].title", decision("x", "options", List.of(Map.of("title", "A"), Map.of("pros", List.of("good")))));
    cases.put("source.kind", decision("x", "source", Map.of("kind", "meeting", "id", "1")));
    Map<String, Object> superseded = decision("x", "status", "superseded");
    cases.put("status ", superseded);
    Map<String, Object> past = decision("x", "revisitBy", LocalDate.now().minusDays(3).toString());
    cases.put("revisitBy ", past);
    for (String s : List.of(secret, foreign)) cases.put("supersedes" + s, decision("x", "supersedes", s));
    cases.forEach((field, body) -> {
      var r = team.cy.api().post("/api/v1/spaces/" + product + "/decisions", body);
      assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().path("field").asText()).as(field).isEqualTo(field.replaceAll("[ 0-9]+$", "").replaceAll("supersedes.*", "supersedes"));
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(r.body()).doesNotContain("Exception");
    });
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/decisions").json().path("decisions").size()).isZero();
    assertThat(team.ana.api().get("/api/v1/decisions/" + secret).text("status")).isEqualTo("accepted");
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/decisions?status=maybe").text("field")).isEqualTo("status");
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/decisions?from=yesterday").text("field")).isEqualTo("from");
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/decisions?owner=bob").text("field")).isEqualTo("owner");
    var badPut = team.ana.api().put("/api/v1/decisions/" + elsewhere, Map.of("title", ""));
    assertThat(badPut.text("field")).isEqualTo("title");
    assertThat(team.ana.api().get("/api/v1/decisions/" + elsewhere).text("title")).isEqualTo("Elsewhere");
  }

  @Test
  void aDecisionCanComeFromADocumentItsReadersMaySee() {
    String doc = team.ana.api().post("/api/v1/spaces/" + product + "/documents",
        Map.of("title", "Reporting proposal", "body", "We compare two stores.")).text("id");
    String id = record(team.ana, product, decision("Reporting store", "source", Map.of("kind", "document", "id", doc)));
    JsonNode source = team.bo.api().get("/api/v1/decisions/" + id).json().path("source");
    assertThat(source.path("kind").asText()).isEqualTo("document");
    assertThat(source.path("id").asText()).isEqualTo(doc);
    assertThat(source.path("url").asText()).isEqualTo("/documents/" + doc);

    String vault = team.createSpace(team.ana, "Vault", "private");
    String hidden = team.ana.api().post("/api/v1/spaces/" + vault + "/documents", Map.of("title", "Hidden", "body", "x")).text("id");
    var refused = team.cy.api().post("/api/v1/spaces/" + product + "/decisions",
        decision("From a document Cy cannot read", "source", Map.of("kind", "document", "id", hidden)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("field")).isEqualTo("source.id");
    assertThat(team.cy.api().get("/api/v1/spaces/" + product + "/decisions").json().path("decisions").size()).isEqualTo(1);
  }

  @Test
  void outsidersGetNotFoundForDecisionsTheyMayNotRead() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    String secret = record(team.ana, vault, decision("Secret plan"));
    String open = record(team.ana, product, decision("Open plan"));
    for (Team.Person p : List.of(team.cy, team.gil, team.eve)) {
      Api api = p.api();
      assertThat(api.get("/api/v1/decisions/" + secret).status()).as(p.name()).isEqualTo(404);
      assertThat(api.put("/api/v1/decisions/" + secret, Map.of("title", "Mine")).status()).as(p.name()).isEqualTo(404);
      assertThat(api.get("/api/v1/spaces/" + vault + "/decisions").status()).as(p.name()).isEqualTo(404);
      assertThat(api.post("/api/v1/spaces/" + vault + "/decisions", decision("x")).status()).as(p.name()).isEqualTo(404);
    }
    assertThat(team.gil.api().get("/api/v1/decisions/" + open).status()).as("a guest not in the space").isEqualTo(404);
    assertThat(team.eve.api().get("/api/v1/decisions/" + open).status()).isEqualTo(404);
    assertThat(team.eve.api().get("/api/v1/workspaces/" + team.workspaceId + "/decisions").status()).isEqualTo(404);
    assertThat(team.eve.api().get("/api/v1/workspaces/" + team.workspaceId + "/decisions/export").status()).isEqualTo(404);
    JsonNode cys = team.cy.api().get("/api/v1/workspaces/" + team.workspaceId + "/decisions").json().path("decisions");
    assertThat(cys.size()).isEqualTo(1);
    assertThat(cys.get(0).path("title").asText()).isEqualTo("Open plan");
    assertThat(team.ana.api().get("/api/v1/workspaces/" + team.workspaceId + "/decisions").json().path("decisions").size()).isEqualTo(2);
    assertThat(team.gil.api().get("/api/v1/workspaces/" + team.workspaceId + "/decisions").json().path("decisions").size()).isZero();
  }

  @Test
  void theLogsFilterByStatusOwnerAndDate() {
    record(team.ana, product, decision("Accepted by Ana"));
    record(team.ana, product, decision("Proposed by Bo", "status", "proposed", "owner", team.bo.id()));
    record(team.ana, product, decision("Rejected", "status", "rejected"));
    String base = "/api/v1/spaces/" + product + "/decisions";
    assertThat(titles(base + "?status=proposed")).containsExactly("Proposed by Bo");
    assertThat(titles(base + "?owner=" + team.ana.id())).containsExactly("Rejected", "Accepted by Ana");
    assertThat(titles(base + "?status=accepted&owner=" + team.ana.id())).containsExactly("Accepted by Ana");
    String today = LocalDate.now(java.time.ZoneId.of("Europe/Lisbon")).toString();
    assertThat(titles(base + "?from=" + today + "&to=" + today)).hasSize(3);
    assertThat(titles(base + "?to=" + LocalDate.parse(today).minusDays(1))).isEmpty();
    assertThat(titles(base + "?from=" + LocalDate.parse(today).plusDays(1))).isEmpty();
    assertThat(titles("/api/v1/workspaces/" + team.workspaceId + "/decisions?status=rejected")).containsExactly("Rejected");
    var farFuture = team.ana.api().get(base + "?from=%2B999999999-01-01");
    assertThat(farFuture.status()).as(farFuture.body()).isEqualTo(400);
    assertThat(farFuture.text("field")).isEqualTo("from");
  }

  @Test
  void decisionsAreFoundBySearchOnlyByTheirReaders() throws InterruptedException {
    String vault = team.createSpace(team.ana, "Vault", "private");
    record(team.ana, product, decision("Adopt zeppelins", "rationale", "Airships are quieter than trains."));
    record(team.ana, vault, decision("Hidden zeppelins"));
    assertThat(TestServers.get(db).dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
    JsonNode hits = team.cy.api().get("/api/v1/search?q=zeppelins").json().path("hits");
    assertThat(hits.size()).isEqualTo(1);
    assertThat(hits.get(0).path("kind").asText()).isEqualTo("decision");
    assertThat(hits.get(0).path("url").asText()).startsWith("/decisions/");
    assertThat(team.cy.api().get("/api/v1/search?q=airships").json().path("hits").size()).as("the body is searched").isEqualTo(1);
    assertThat(team.ana.api().get("/api/v1/search?q=zeppelins").json().path("hits").size()).isEqualTo(2);
    assertThat(team.eve.api().get("/api/v1/search?q=zeppelins").json().path("hits").size()).isZero();
    assertThat(team.gil.api().get("/api/v1/search?q=zeppelins").json().path("hits").size()).isZero();
  }

  private List<String> titles(String path) {
    var r = team.ana.api().get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().path("decisions").forEach(d -> out.add(d.path("title").asText()));
    return out;
  }
}
