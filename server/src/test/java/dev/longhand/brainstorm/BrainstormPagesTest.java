package dev.longhand.brainstorm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The brainstorm pages on a server with a test clock (Monday 2 March 2026, 09:00 UTC): Bo in Seoul starts one with
 * the form, in his own time; Cy in Denver reads the same ends in hers; refused input is shown beside its field.
 */
@ParameterizedClass
@EnumSource(Db.class)
class BrainstormPagesTest {
  @Parameter Db db;
  TestClock clock;
  Longhand server;
  Team team;
  String thread;

  @BeforeEach
  void start() {
    clock = new TestClock(BrainstormApiTest.START);
    server = Longhand.start(TestServers.config(db), clock);
    team = Team.on(server);
    String space = team.createSpace(team.ana, "Product", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Onboarding", "body", "Ideas?")).text("id");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  WebSession web(Team.Person p) {
    return WebSession.signedIn(server.baseUrl(), p.email(), "correct horse battery");
  }

  Map<String, String> form(WebSession s, String prompt, String ideasUntil, String votesUntil) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("_csrf", s.csrf());
    f.put("prompt", prompt);
    f.put("ideasUntil", ideasUntil);
    f.put("votesUntil", votesUntil);
    f.put("dots", "4");
    return f;
  }

  @Test
  void boStartsABrainstormInHisOwnTimeAndCyReadsItInHers() {
    WebSession bo = web(team.bo);
    HttpResponse<String> newForm = bo.get("/threads/" + thread + "/brainstorms/new");
    assertThat(newForm.statusCode()).isEqualTo(200);
    assertThat(newForm.body()).contains("your time (Asia/Seoul)", "value=\"2026-03-03T18:00\""); // tomorrow at this hour in Seoul

    var started = bo.postForm("/threads/" + thread + "/brainstorms", form(bo, "Names for the new room", "2026-03-03T09:00", "2026-03-04T09:00"));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
    String location = started.headers().firstValue("Location").orElseThrow();
    String id = location.replaceAll(".*/brainstorms/(\\d+).*", "$1");
    JsonNode b = team.bo.api().get("/api/v1/brainstorms/" + id).json();
    assertThat(b.path("ideasUntil").asText()).as("09:00 in Seoul").isEqualTo("2026-03-03T00:00:00Z");
    assertThat(b.path("votesUntil").asText()).isEqualTo("2026-03-04T00:00:00Z");
    assertThat(b.path("dots").asInt()).isEqualTo(4);

    String cyPage = web(team.cy).get("/brainstorms/" + id).body();
    assertThat(cyPage).contains("Names for the new room", "0 ideas", "Monday 2 March 2026, 17:00 (America/Denver)");
    String threadPage = web(team.cy).get("/threads/" + thread).body();
    assertThat(threadPage).contains("Brainstorms", "href=\"/brainstorms/" + id + "\"", "Start a brainstorm");
  }

  @Test
  void refusedInputIsShownBesideItsFieldAndNothingStarts() {
    WebSession bo = web(team.bo);
    var early = bo.postForm("/threads/" + thread + "/brainstorms", form(bo, "Names", "2026-03-03T09:00", "2026-03-03T08:00"));
    assertThat(early.statusCode()).isEqualTo(400);
    assertThat(early.body()).contains("id=\"error-votesUntil\"", "must be after", "value=\"2026-03-03T08:00\"", "Names");
    var blank = bo.postForm("/threads/" + thread + "/brainstorms", form(bo, "Names", "", "2026-03-03T08:00"));
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("id=\"error-ideasUntil\"");
    assertThat(web(team.cy).get("/threads/" + thread).body()).doesNotContain("<h2 id=\"brainstorms-title\">");

    String id = team.bo.api().post("/api/v1/threads/" + thread + "/brainstorms", Map.of("prompt", "Names",
        "ideasUntil", BrainstormApiTest.IDEAS_UNTIL.toString(), "votesUntil", BrainstormApiTest.VOTES_UNTIL.toString())).text("id");
    WebSession cy = web(team.cy);
    var empty = cy.postForm("/brainstorms/" + id + "/ideas", Map.of("_csrf", cy.csrf(), "text", "  "));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("role=\"alert\"", "'text' is required");
    var voteEarly = cy.postForm("/brainstorms/" + id + "/votes", Map.of("_csrf", cy.csrf(), "ideaId", "1"));
    assertThat(voteEarly.statusCode()).isEqualTo(409);
    assertThat(voteEarly.body()).contains("Voting has not started");
    assertThat(web(team.eve).get("/brainstorms/" + id).statusCode()).isEqualTo(404);
    assertThat(web(team.eve).get("/threads/" + thread + "/brainstorms/new").statusCode()).isEqualTo(404);
  }
}
