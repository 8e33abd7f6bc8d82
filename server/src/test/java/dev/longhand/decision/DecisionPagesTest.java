package dev.longhand.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The decision pages without a browser: the form (errors beside fields, one more option slot), edit, supersede, resolve, reopen, logs. */
@ParameterizedClass
@EnumSource(Db.class)
class DecisionPagesTest {
  @Parameter Db db;
  Team team;
  String product;
  WebSession ana;
  WebSession cy;

  @BeforeEach
  void team() {
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
    String base = TestServers.get(db).baseUrl();
    ana = WebSession.signedIn(base, team.ana.email(), "correct horse battery");
    cy = WebSession.signedIn(base, team.cy.email(), "correct horse battery");
  }

  Map<String, String> form(String title, String decision) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("title", title);
    f.put("context", "Deploys are manual.");
    f.put("option.0.title", "GitHub Actions");
    f.put("option.0.pros", "Free\n- Close to the code\n");
    f.put("option.0.cons", "YAML");
    f.put("option.1.title", "");
    f.put("option.1.pros", "");
    f.put("option.1.cons", "");
    f.put("decision", decision);
    f.put("rationale", "It is where the code is.");
    f.put("consequences", "");
    f.put("status", "accepted");
    f.put("owner", team.ana.id());
    f.put("revisitBy", "");
    return f;
  }

  @Test
  void theFormRecordsADecisionAndShowsErrorsBesideTheField() {
    HttpResponse<String> bad = ana.postForm("/spaces/" + product + "/decisions", form("CI", " "));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("'decision' is required.").contains("id=\"error-decision\"").contains("value=\"CI\"");
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/decisions").json().path("decisions").size()).isZero();

    Map<String, String> more = form("CI", "");
    more.put("more", "1");
    HttpResponse<String> slots = ana.postForm("/spaces/" + product + "/decisions", more);
    assertThat(slots.statusCode()).isEqualTo(200);
    assertThat(slots.body()).contains("name=\"option.2.title\"").contains("name=\"option.3.title\"").doesNotContain("name=\"option.4.title\"");

    HttpResponse<String> ok = ana.postForm("/spaces/" + product + "/decisions", form("Use GitHub Actions for CI", "Move CI to GitHub Actions."));
    assertThat(ok.statusCode()).isEqualTo(303);
    String path = ok.headers().firstValue("Location").orElseThrow().replaceAll("\\?.*", "");
    String page = ana.get(path).body();
    assertThat(page).contains("Use GitHub Actions for CI").contains("Close to the code").contains("<li>Free</li>").contains("YAML")
        .contains("Move CI to GitHub Actions.").contains("recorded it as accepted");
    assertThat(cy.get(path).body()).contains("Use GitHub Actions for CI");
    String log = cy.get("/spaces/" + product + "/decisions").body();
    assertThat(log).contains("Use GitHub Actions for CI").contains("Record a decision");
    assertThat(cy.get("/spaces/" + product + "/decisions?status=rejected").body()).doesNotContain("Use GitHub Actions for CI").contains("No decisions match.");
    assertThat(cy.get("/workspaces/" + team.workspaceId + "/decisions").body()).contains("Use GitHub Actions for CI").contains("Export as ADRs");
  }

  @Test
  void aDocumentsPageLeadsToADecisionThatLinksBackToIt() {
    String doc = team.ana.api().post("/api/v1/spaces/" + product + "/documents",
        Map.of("title", "CI options", "body", "GitHub Actions or Jenkins?")).text("id");
    String newForm = "/spaces/" + product + "/decisions/new?sourceDocument=" + doc;
    assertThat(ana.get("/documents/" + doc).body()).contains("href=\"" + newForm + "\"");
    String form = ana.get(newForm).body();
    assertThat(form).contains("value=\"CI options\"").contains("name=\"sourceDocument\" value=\"" + doc + "\"");

    Map<String, String> f = form("CI options", "Use GitHub Actions.");
    f.put("sourceDocument", doc);
    HttpResponse<String> ok = ana.postForm("/spaces/" + product + "/decisions", f);
    assertThat(ok.statusCode()).isEqualTo(303);
    String page = cy.get(ok.headers().firstValue("Location").orElseThrow().replaceAll("\\?.*", "")).body();
    assertThat(page).contains("From the document").contains("href=\"/documents/" + doc + "\"");
  }

  @Test
  void editingKeepsHistoryAndSupersedingLinksBothWays() {
    String id = team.ana.api().post("/api/v1/spaces/" + product + "/decisions", Map.of("title", "Use Jenkins", "decision", "Jenkins.")).text("id");
    assertThat(cy.get("/decisions/" + id + "/edit").body()).contains("value=\"Use Jenkins\"");
    Map<String, String> edit = form("Use Jenkins", "Jenkins, on two agents.");
    HttpResponse<String> saved = cy.postForm("/decisions/" + id + "/edit", edit);
    assertThat(saved.statusCode()).isEqualTo(303);
    String page = ana.get("/decisions/" + id).body();
    assertThat(page).contains(team.cy.name()).contains("changed").contains("Jenkins, on two agents.");

    assertThat(ana.get("/spaces/" + product + "/decisions/new?supersedes=" + id).body()).contains("name=\"supersedes\" value=\"" + id + "\"");
    Map<String, String> newer = form("Use GitHub Actions", "Move to GitHub Actions.");
    newer.put("supersedes", id);
    HttpResponse<String> recorded = ana.postForm("/spaces/" + product + "/decisions", newer);
    assertThat(recorded.statusCode()).isEqualTo(303);
    String old = ana.get("/decisions/" + id).body();
    assertThat(old).contains("Superseded by").contains("Use GitHub Actions").contains("marked it superseded by");
  }

  @Test
  void aThreadIsResolvedAndReopenedFromItsPage() {
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Lunch?", "body", "Where do we eat?")).text("id");
    assertThat(cy.get("/threads/" + thread).body()).contains("href=\"/threads/" + thread + "/resolve\"");
    String form = cy.get("/threads/" + thread + "/resolve").body();
    assertThat(form).contains("value=\"Lunch?\"").contains("Where do we eat?");
    HttpResponse<String> missing = cy.postForm("/threads/" + thread + "/resolve", Map.of("outcome", "dropped", "reason", ""));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("id=\"error-reason\"");
    HttpResponse<String> dropped = cy.postForm("/threads/" + thread + "/resolve", Map.of("outcome", "dropped", "reason", "the canteen reopened"));
    assertThat(dropped.statusCode()).isEqualTo(303);
    String page = ana.get("/threads/" + thread).body();
    assertThat(page).contains("Dropped").contains("Because the canteen reopened").contains("Reopen thread");
    assertThat(ana.postForm("/threads/" + thread + "/reopen", Map.of()).statusCode()).isEqualTo(303);
    assertThat(ana.get("/threads/" + thread).body()).doesNotContain("Because the canteen reopened").contains("Resolve thread");
  }

  @Test
  void privateDecisionsAreNotFoundByOutsiders() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    String id = team.ana.api().post("/api/v1/spaces/" + vault + "/decisions", Map.of("title", "Secret", "decision", "Hush.")).text("id");
    assertThat(cy.get("/decisions/" + id).statusCode()).isEqualTo(404);
    assertThat(cy.get("/decisions/" + id + "/edit").statusCode()).isEqualTo(404);
    assertThat(cy.get("/spaces/" + vault + "/decisions").statusCode()).isEqualTo(404);
    assertThat(cy.postForm("/decisions/" + id + "/edit", form("Mine", "Mine")).statusCode()).isEqualTo(404);
    assertThat(cy.get("/workspaces/" + team.workspaceId + "/decisions").body()).doesNotContain("Secret");
    assertThat(ana.get("/workspaces/" + team.workspaceId + "/decisions").body()).contains("Secret");
  }
}
