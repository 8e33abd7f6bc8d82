package dev.longhand.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class SearchApiTest {
  @Parameter Db db;
  Longhand server;
  Team team;
  Posts posts;
  String general;

  @BeforeEach
  void team() {
    server = TestServers.get(db);
    team = Team.of(db);
    posts = new Posts(server.database());
    general = team.createSpace(team.ana, "General", "public");
  }

  @Test
  void hitsAreRankedAndTheMatchIsMarked() {
    long checklist = posts.thread(team.workspaceId, general, team.ana.id(), "Deploy checklist",
        "Before we deploy on Friday, check the database migration and tell support.");
    long lunch = posts.thread(team.workspaceId, general, team.bo.id(), "Team lunch",
        "Where shall we eat? Somewhere near the office, after the release. Nobody should deploy during lunch.");
    Posts.indexed(server.dispatcher());

    List<JsonNode> hits = hits(team.cy, "deploy");
    assertThat(hits).extracting(h -> h.get("id").asText()).containsExactly(String.valueOf(checklist), String.valueOf(lunch));
    JsonNode best = hits.get(0);
    assertThat(best.get("kind").asText()).isEqualTo("thread");
    assertThat(best.get("title").asText()).isEqualTo("Deploy checklist");
    assertThat(best.get("snippet").asText()).contains("<mark>deploy</mark>");
    assertThat(best.get("spaceId").asText()).isEqualTo(general);
    assertThat(best.get("author").get("id").asText()).isEqualTo(team.ana.id());
    assertThat(best.get("author").get("name").asText()).isEqualTo(team.ana.name());
    assertThat(best.get("createdAt").asText()).endsWith("Z");
  }

  @Test
  void wordsFindTheirOtherForms() {
    posts.thread(team.workspaceId, general, team.ana.id(), "Rollout", "The deployment of the new billing service went fine.");
    Posts.indexed(server.dispatcher());

    for (String q : List.of("deploy", "deploying", "deployed", "Deployments")) {
      assertThat(hits(team.bo, q)).as(q).hasSize(1);
      assertThat(hits(team.bo, q).get(0).get("snippet").asText()).as(q).contains("<mark>deployment</mark>");
    }
  }

  @Test
  void aReplyIsFoundWithItsThreadsTitleAndLinksToItself() {
    long thread = posts.thread(team.workspaceId, general, team.ana.id(), "Office move", "We move in March.");
    long reply = posts.reply(thread, team.bo.id(), "Can we keep the espresso machine?");
    Posts.indexed(server.dispatcher());

    JsonNode hit = hits(team.cy, "espresso").get(0);
    assertThat(hit.get("kind").asText()).isEqualTo("reply");
    assertThat(hit.get("id").asText()).isEqualTo(String.valueOf(reply));
    assertThat(hit.get("threadId").asText()).isEqualTo(String.valueOf(thread));
    assertThat(hit.get("title").asText()).isEqualTo("Office move");
    assertThat(hit.get("url").asText()).isEqualTo("/threads/" + thread + "/replies/" + reply);
    assertThat(hits(team.cy, "office")).extracting(h -> h.get("kind").asText()).containsExactly("thread");
  }

  @Test
  void filtersNarrowBySpaceAndByAuthor() {
    String design = team.createSpace(team.ana, "Design", "public");
    posts.thread(team.workspaceId, general, team.ana.id(), "Roadmap", "The roadmap for autumn.");
    posts.thread(team.workspaceId, design, team.bo.id(), "Roadmap sketches", "Sketches for the roadmap.");
    Posts.indexed(server.dispatcher());

    assertThat(hits(team.cy, "roadmap")).hasSize(2);
    assertThat(hits(team.cy, "roadmap", "&space=" + design)).extracting(h -> h.get("spaceId").asText()).containsExactly(design);
    for (String author : List.of(team.bo.handle(), "@" + team.bo.handle(), team.bo.id())) {
      assertThat(hits(team.cy, "roadmap", "&author=" + encode(author))).as(author)
          .extracting(h -> h.get("author").get("id").asText()).containsExactly(team.bo.id());
    }
    assertThat(hits(team.cy, "roadmap", "&author=" + team.ana.handle() + "&space=" + design)).isEmpty();
    assertThat(hits(team.cy, "roadmap", "&author=nobody-by-this-name")).isEmpty();
  }

  @Test
  void aGuestSeesOnlyTheSpacesTheyWereAddedTo() {
    String clients = team.createSpace(team.ana, "Clients", "public");
    posts.thread(team.workspaceId, general, team.ana.id(), "Budget", "The budget is tight this quarter.");
    posts.thread(team.workspaceId, clients, team.ana.id(), "Client budget", "The client's budget is approved.");
    Posts.indexed(server.dispatcher());

    assertThat(hits(team.gil, "budget")).isEmpty();
    team.ana.api().post("/api/v1/spaces/" + clients + "/members", Map.of("accountId", team.gil.id()));
    assertThat(hits(team.gil, "budget")).extracting(h -> h.get("spaceId").asText()).containsExactly(clients);
    assertThat(search(team.gil, "budget", "&space=" + general).status()).isEqualTo(404);
  }

  @Test
  void someoneFromAnotherWorkspaceFindsNothing() {
    posts.thread(team.workspaceId, general, team.ana.id(), "Salaries", "Salaries go up in April.");
    Posts.indexed(server.dispatcher());

    assertThat(hits(team.eve, "salaries")).isEmpty();
    var probe = search(team.eve, "salaries", "&space=" + general);
    assertThat(probe.status()).isEqualTo(404);
    assertThat(probe.text("type")).isEqualTo("/problems/not-found");
  }

  @Test
  void aPrivateSpaceIsSearchableOnlyByItsMembers() {
    String board = team.createSpace(team.ana, "Board", "private");
    posts.thread(team.workspaceId, board, team.ana.id(), "Acquisition", "An acquisition offer arrived.");
    Posts.indexed(server.dispatcher());

    assertThat(hits(team.ana, "acquisition")).hasSize(1);
    assertThat(hits(team.bo, "acquisition")).isEmpty();
    assertThat(search(team.bo, "acquisition", "&space=" + board).status()).isEqualTo(404);
    team.ana.api().post("/api/v1/spaces/" + board + "/members", Map.of("accountId", team.bo.id()));
    assertThat(hits(team.bo, "acquisition")).hasSize(1);
    assertThat(hits(team.cy, "acquisition")).isEmpty();
  }

  @Test
  void snippetsAreEscapedHtmlWithOnlyTheMarks() {
    posts.thread(team.workspaceId, general, team.ana.id(), "<b>Bold</b> title",
        "Paste <script>alert('x')</script> & \"quote\" then deploy.");
    Posts.indexed(server.dispatcher());

    JsonNode hit = hits(team.bo, "deploy").get(0);
    assertThat(hit.get("title").asText()).isEqualTo("<b>Bold</b> title");
    assertThat(hit.get("snippet").asText())
        .isEqualTo("Paste &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quote&quot; then <mark>deploy</mark>.");
  }

  @Test
  void anyQueryStringGivesResultsOrAProblemNeverAServerError() {
    posts.thread(team.workspaceId, general, team.ana.id(), "Syntax", "Queries with odd syntax must not break search.");
    Posts.indexed(server.dispatcher());

    List<String> odd = List.of("\"unclosed", "title:(", "*", "?", "-", "+", "|", "~", "((((", ")", "a AND OR", "\\", "\"",
        "syn*", "-syntax", "syntax~2", "\"odd syntax\"~3", "NOT", "body:*", "[a TO z]", "{!lucene}", "%", "'", "<script>",
        "a".repeat(200), "a ".repeat(100), "\u0000", "😀", "x*".repeat(60));
    for (String q : odd) {
      var r = search(team.bo, q, "");
      assertThat(r.status()).as(q).isIn(200, 400);
      if (r.status() == 400) assertThat(r.text("field")).as(q).isEqualTo("q");
    }
    assertThat(hits(team.bo, "\"odd syntax")).hasSize(1);
    assertThat(hits(team.bo, "syn*")).hasSize(1);
    assertThat(hits(team.bo, "search -syntax")).isEmpty();
  }

  @Test
  void aMissingOrOverlongQueryIsBadInputNamingQ() {
    for (String params : List.of("", "?q=", "?q=%20%20", "?q=" + "a".repeat(201))) {
      var r = team.bo.api().get("/api/v1/search" + params);
      assertThat(r.status()).as(params).isEqualTo(400);
      assertThat(r.text("field")).isEqualTo("q");
    }
    assertThat(team.bo.api().get("/api/v1/search?q=x&space=abc").text("field")).isEqualTo("space");
    assertThat(team.bo.api().get("/api/v1/search?q=x&limit=0").text("field")).isEqualTo("limit");
    assertThat(team.anonymous.get("/api/v1/search?q=x").status()).isEqualTo(401);
  }

  @Test
  void indexingTheSameEventTwiceKeepsOneDocument() {
    long thread = posts.thread(team.workspaceId, general, team.ana.id(), "Twice", "Idempotent indexing of a thread.");
    Posts.indexed(server.dispatcher());
    server.database().writeAll(h -> new dev.longhand.store.Outbox(new dev.longhand.store.Ids(java.time.Clock.systemUTC(), 1),
        java.time.Clock.systemUTC(), new com.fasterxml.jackson.databind.ObjectMapper())
        .append(h, Long.parseLong(team.workspaceId), new dev.longhand.event.ThreadPosted(thread, Long.parseLong(general), Long.parseLong(team.ana.id()))));
    Posts.indexed(server.dispatcher());

    assertThat(hits(team.bo, "idempotent")).hasSize(1);
  }

  private Api.Response search(Team.Person who, String q, String more) {
    return who.api().get("/api/v1/search?q=" + encode(q) + more);
  }

  private List<JsonNode> hits(Team.Person who, String q) {
    return hits(who, q, "");
  }

  private List<JsonNode> hits(Team.Person who, String q, String more) {
    var r = search(who, q, more);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().get("hits").forEach(out::add);
    return out;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
