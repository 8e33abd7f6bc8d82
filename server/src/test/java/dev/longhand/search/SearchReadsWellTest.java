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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 14's search: plain-text snippets, operators, grouping with totals and pages, similar words, and no leaks. */
@ParameterizedClass
@EnumSource(Db.class)
class SearchReadsWellTest {
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
  void snippetsShowThePlainTextOfTheMarkdown() {
    posts.thread(team.workspaceId, general, team.ana.id(), "Pricing", """
        See the **pricing page** and _this_ [guide](https://example.test/guide) before Friday.

        | Plan | Seats |
        | --- | --- |
        | Lighthouse | 10 |

        ## Notes

        - `quota` per seat
        """);
    Posts.indexed(server.dispatcher());

    String snippet = hits(team.cy, "pricing").getFirst().get("snippet").asText();
    assertThat(snippet).contains("See the <mark>pricing</mark> page and this guide before Friday.")
        .doesNotContain("**").doesNotContain("](").doesNotContain("https://example.test").doesNotContain("_this_");
    String table = hits(team.cy, "lighthouse").getFirst().get("snippet").asText();
    assertThat(table).contains("<mark>Lighthouse</mark>").doesNotContain("|").doesNotContain("---");
    String list = hits(team.cy, "quota").getFirst().get("snippet").asText();
    assertThat(list).contains("<mark>quota</mark> per seat").doesNotContain("`").doesNotContain("##").doesNotContain("- ");
    assertThat(hits(team.cy, "https")).as("a link's address is not searched, only its text").isEmpty();

    posts.thread(team.workspaceId, general, team.ana.id(), "Order", "Our rollout plan: plan the rollout after the review.");
    Posts.indexed(server.dispatcher());
    assertThat(hits(team.cy, "\"rollout plan\"").getFirst().get("snippet").asText()).as("a phrase's words, only where they are the phrase")
        .isEqualTo("Our <mark>rollout</mark> <mark>plan</mark>: plan the rollout after the review.");
  }

  @Test
  void fromNamesSomeoneByHandleNameFirstNameOrEmail() {
    posts.thread(team.workspaceId, general, team.ana.id(), "Roadmap", "The roadmap for autumn.");
    posts.thread(team.workspaceId, general, team.bo.id(), "Roadmap sketches", "Sketches for the roadmap.");
    Posts.indexed(server.dispatcher());

    String local = team.ana.email().substring(0, team.ana.email().indexOf('@'));
    for (String from : List.of(team.ana.handle(), "@" + team.ana.handle(), "Ana", "\"" + team.ana.name() + "\"", local, team.ana.id())) {
      assertThat(hits(team.cy, "roadmap from:" + from)).as(from).extracting(h -> h.get("author").get("id").asText())
          .containsExactly(team.ana.id());
    }
    assertThat(hits(team.cy, "from:" + team.ana.handle() + " roadmap FROM:" + team.bo.handle())).hasSize(2);
    JsonNode query = search(team.cy, "roadmap from:ana", "").json().get("query");
    assertThat(query.get("words").asText()).isEqualTo("roadmap");
    assertThat(query.get("operators").get(0).get("name").asText()).isEqualTo("from");
    assertThat(query.get("operators").get(0).get("value").asText()).isEqualTo("ana");
  }

  @Test
  void inNamesASpaceByNameOrSlug() {
    String design = team.createSpace(team.ana, "Product Design", "public");
    posts.thread(team.workspaceId, general, team.ana.id(), "Roadmap", "The roadmap for autumn.");
    posts.thread(team.workspaceId, design, team.bo.id(), "Roadmap sketches", "Sketches for the roadmap.");
    Posts.indexed(server.dispatcher());

    for (String in : List.of("\"Product Design\"", "product-design", "PRODUCT-design", design)) {
      assertThat(hits(team.cy, "roadmap in:" + in)).as(in).extracting(h -> h.get("spaceId").asText()).containsExactly(design);
    }
    assertThat(hits(team.cy, "in:general roadmap in:product-design")).hasSize(2);
    assertThat(hits(team.cy, "roadmap in:general", "&space=" + design)).as("the form's space and in: both narrow").isEmpty();
  }

  @Test
  void beforeAndAfterAreWholeDaysInTheReadersZone() {
    long january = posts.thread(team.workspaceId, general, team.ana.id(), "Quarterly review", "Quarterly numbers, early.",
        Instant.parse("2026-01-10T12:00:00Z"));
    // 20:00 on 31 January in Denver (Cy), 03:00 on 1 February in Lisbon (Ana).
    long edge = posts.thread(team.workspaceId, general, team.ana.id(), "Quarterly close", "Quarterly numbers, late.",
        Instant.parse("2026-02-01T03:00:00Z"));
    long march = posts.thread(team.workspaceId, general, team.ana.id(), "Quarterly plan", "Quarterly numbers, next.",
        Instant.parse("2026-03-05T12:00:00Z"));
    Posts.indexed(server.dispatcher());

    assertThat(ids(hits(team.cy, "quarterly after:2026-01-31"))).containsExactlyInAnyOrder(march);
    assertThat(ids(hits(team.ana, "quarterly after:2026-01-31"))).containsExactlyInAnyOrder(edge, march);
    assertThat(ids(hits(team.cy, "quarterly before:2026-02-01"))).containsExactlyInAnyOrder(january, edge);
    assertThat(ids(hits(team.ana, "quarterly before:2026-02-01"))).containsExactlyInAnyOrder(january);
    assertThat(ids(hits(team.cy, "quarterly after:2026-01-09 before:2026-03-05"))).containsExactlyInAnyOrder(january, edge);
    assertThat(ids(hits(team.cy, "quarterly after:2026-01-09 after:2026-02-02"))).as("the strictest date counts").containsExactly(march);
  }

  @Test
  void isNarrowsByKind() {
    String thread = team.ana.api().post("/api/v1/spaces/" + general + "/threads", Map.of("title", "Budget", "body", "The budget is tight.")).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Then cut the travel budget."));
    team.ana.api().post("/api/v1/spaces/" + general + "/documents", Map.of("title", "Budget 2027", "body", "# Budget\n\nHeadcount first."));
    var decision = team.ana.api().post("/api/v1/spaces/" + general + "/decisions", Map.of("title", "Freeze the budget", "decision", "No new tools."));
    assertThat(decision.status()).as(decision.body()).isEqualTo(201);
    Posts.indexed(server.dispatcher());

    assertThat(kinds(hits(team.cy, "budget"))).containsExactlyInAnyOrder("thread", "reply", "document", "decision");
    assertThat(kinds(hits(team.cy, "budget is:thread"))).containsExactlyInAnyOrder("thread", "reply");
    assertThat(kinds(hits(team.cy, "budget is:reply"))).containsExactly("reply");
    assertThat(kinds(hits(team.cy, "budget is:document"))).containsExactly("document");
    assertThat(kinds(hits(team.cy, "is:decisions budget"))).containsExactly("decision");
    assertThat(kinds(hits(team.cy, "budget is:decision is:document"))).containsExactlyInAnyOrder("document", "decision");
    assertThat(kinds(hits(team.cy, "budget is:recording"))).isEmpty();
  }

  @Test
  void operatorsAloneListEverythingTheyMatchNewestFirst() {
    long older = posts.thread(team.workspaceId, general, team.ana.id(), "Older", "First.", Instant.parse("2026-01-10T12:00:00Z"));
    long newer = posts.thread(team.workspaceId, general, team.ana.id(), "Newer", "Second.", Instant.parse("2026-01-11T12:00:00Z"));
    posts.thread(team.workspaceId, general, team.bo.id(), "By Bo", "Third.", Instant.parse("2026-01-12T12:00:00Z"));
    Posts.indexed(server.dispatcher());

    List<JsonNode> found = hits(team.cy, "from:ana in:general is:thread");
    assertThat(ids(found)).containsExactly(newer, older);
    assertThat(found.getFirst().get("snippet").asText()).as("the start of the text, nothing marked").isEqualTo("Second.");
  }

  @Test
  void badOperatorValuesAreProblemsNamingQ() {
    String board = team.createSpace(team.ana, "Board", "private");
    Map<String, String> bad = Map.of(
        "is:bogus plan", "is: takes thread, reply, decision, document, recording or comment, not 'bogus'.",
        "plan before:2026-13-01", "before: takes a date as YYYY-MM-DD, e.g. before:2026-03-01, not '2026-13-01'.",
        "plan after:yesterday", "after: takes a date as YYYY-MM-DD, e.g. after:2026-03-01, not 'yesterday'.",
        "plan before:2026-1-5", "before: takes a date as YYYY-MM-DD, e.g. before:2026-03-01, not '2026-1-5'.",
        "plan from:nobody-at-all", "from:nobody-at-all names no one in your workspaces.",
        "plan in:nowhere", "in:nowhere names no space you can read.",
        "plan from:", "from: needs a value, e.g. from:ana.",
        "in:\"\" plan", "in: needs a value, e.g. in:design.");
    bad.forEach((q, detail) -> {
      var r = search(team.bo, q, "");
      assertThat(r.status()).as(q).isEqualTo(400);
      assertThat(r.text("field")).as(q).isEqualTo("q");
      assertThat(r.text("detail")).as(q).isEqualTo(detail);
    });
    // A private space one may not read is named exactly like one that does not exist, and so is someone elsewhere.
    assertThat(search(team.bo, "plan in:board", "").text("detail")).isEqualTo("in:board names no space you can read.");
    assertThat(search(team.bo, "plan in:" + board, "").text("detail")).isEqualTo("in:" + board + " names no space you can read.");
    assertThat(search(team.eve, "plan from:" + team.ana.handle(), "").text("detail"))
        .isEqualTo("from:" + team.ana.handle() + " names no one in your workspaces.");

    var page = team.bo.api().get("/search?q=" + encode("plan is:bogus"));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("role=\"alert\"").contains("is: takes thread, reply")
        .contains("value=\"plan is:bogus\"").doesNotContain("Nothing found");
  }

  @Test
  void operatorsNeverReachWhatTheReaderMayNotRead() {
    String board = team.createSpace(team.ana, "Board", "private");
    posts.thread(team.workspaceId, board, team.ana.id(), "Merger", "A merger offer arrived.");
    posts.thread(team.workspaceId, general, team.ana.id(), "Merger rumours", "Ignore the merger rumours.");
    Posts.indexed(server.dispatcher());

    assertThat(hits(team.ana, "merger from:ana")).hasSize(2);
    assertThat(hits(team.bo, "merger from:ana")).extracting(h -> h.get("spaceId").asText()).containsExactly(general);
    assertThat(hits(team.bo, "from:ana")).extracting(h -> h.get("spaceId").asText()).containsOnly(general);
    assertThat(hits(team.gil, "from:ana merger")).as("a guest in no space").isEmpty();
    assertThat(hits(team.bo, "is:thread after:2000-01-01")).extracting(h -> h.get("spaceId").asText()).containsOnly(general);
    assertThat(search(team.eve, "merger in:general", "").status()).isEqualTo(400);
    assertThat(hits(team.eve, "merger")).isEmpty();
  }

  @Test
  void resultsComeGroupedByThreadWithTotalsAndPages() {
    String kiosk = team.ana.api().post("/api/v1/spaces/" + general + "/threads",
        Map.of("title", "Kiosk rollout", "body", "The kiosk goes to every shop.")).text("id");
    for (String body : List.of("Which kiosk first?", "The Lisbon kiosk.", "Kiosk screens are late.", "A kiosk in Seoul too.")) {
      team.bo.api().post("/api/v1/threads/" + kiosk + "/replies", Map.of("body", body));
    }
    for (int i = 1; i <= 4; i++) {
      team.cy.api().post("/api/v1/spaces/" + general + "/threads", Map.of("title", "Shop " + i, "body", "The shop wants a kiosk, number " + i + "."));
    }
    Posts.indexed(server.dispatcher());

    JsonNode first = ok(search(team.bo, "kiosk", "&limit=2"));
    assertThat(first.get("total").asInt()).isEqualTo(5);
    assertThat(first.get("totalHits").asInt()).isEqualTo(9);
    assertThat(first.get("offset").asInt()).isZero();
    assertThat(first.get("limit").asInt()).isEqualTo(2);
    assertThat(first.get("nextOffset").asInt()).isEqualTo(2);
    assertThat(first.get("similarWords").asBoolean()).isFalse();
    JsonNode best = first.get("groups").get(0);
    assertThat(best.get("url").asText()).isEqualTo("/threads/" + kiosk);
    assertThat(best.get("title").asText()).isEqualTo("Kiosk rollout");
    assertThat(best.get("kind").asText()).isEqualTo("thread");
    assertThat(best.get("matches").asInt()).isEqualTo(5);
    assertThat(best.get("shown").asInt()).isEqualTo(SearchService.HITS_PER_GROUP);
    List<String> groupOfEachHit = new ArrayList<>();
    first.get("hits").forEach(h -> groupOfEachHit.add(h.get("group").asText()));
    assertThat(groupOfEachHit).hasSize(SearchService.HITS_PER_GROUP + 1);
    assertThat(groupOfEachHit.subList(0, SearchService.HITS_PER_GROUP)).containsOnly("/threads/" + kiosk);
    assertThat(groupOfEachHit.getLast()).isEqualTo(first.get("groups").get(1).get("url").asText());

    Set<String> seen = new HashSet<>(urls(first));
    JsonNode second = ok(search(team.bo, "kiosk", "&limit=2&offset=2"));
    assertThat(second.get("nextOffset").asInt()).isEqualTo(4);
    JsonNode last = ok(search(team.bo, "kiosk", "&limit=2&offset=4"));
    assertThat(last.has("nextOffset")).isFalse();
    assertThat(last.get("groups")).hasSize(1);
    for (JsonNode page : List.of(second, last)) {
      for (String url : urls(page)) assertThat(seen.add(url)).as("no group on two pages: " + url).isTrue();
    }
    assertThat(seen).hasSize(5);
    assertThat(ok(search(team.bo, "kiosk", "&offset=40")).get("groups")).isEmpty();

    for (String offset : List.of("abc", "-1", "1001")) {
      var r = search(team.bo, "kiosk", "&offset=" + offset);
      assertThat(r.status()).as(offset).isEqualTo(400);
      assertThat(r.text("field")).isEqualTo("offset");
    }
  }

  @Test
  void aMistypedWordFindsSimilarWordsAndSaysSo() {
    posts.thread(team.workspaceId, general, team.ana.id(), "Pricing page", "The pricing page needs a refresh before the launch.");
    String board = team.createSpace(team.ana, "Board", "private");
    posts.thread(team.workspaceId, board, team.ana.id(), "Acquisition", "An acquisition offer arrived.");
    Posts.indexed(server.dispatcher());

    JsonNode typo = ok(search(team.cy, "pricng", ""));
    assertThat(typo.get("similarWords").asBoolean()).isTrue();
    assertThat(typo.get("searchedFor").asText()).isEqualTo("pricing");
    assertThat(typo.get("hits")).hasSize(1);
    assertThat(typo.get("hits").get(0).get("snippet").asText()).contains("<mark>pricing</mark>");
    JsonNode two = ok(search(team.cy, "refrehs launhc", ""));
    assertThat(two.get("searchedFor").asText()).as("a transposition is one edit").isEqualTo("refresh launch");
    assertThat(two.get("hits")).hasSize(1);
    assertThat(ok(search(team.cy, "pricng with", "")).get("searchedFor").asText()).as("a stop word stays").isEqualTo("pricng with".replace("pricng", "pricing"));
    JsonNode exact = ok(search(team.cy, "pricing", ""));
    assertThat(exact.get("similarWords").asBoolean()).isFalse();
    assertThat(exact.has("searchedFor")).isFalse();
    assertThat(ok(search(team.cy, "\"pricng page\"", "")).get("similarWords").asBoolean()).as("a phrase stays as typed").isFalse();
    assertThat(ok(search(team.cy, "prcing", "")).get("similarWords").asBoolean()).as("six letters: two edits").isTrue();
    assertThat(ok(search(team.cy, "pircng", "")).get("searchedFor").asText()).as("two edits, when no word is one away")
        .isEqualTo("pricing");
    assertThat(ok(search(team.cy, "pag", "")).get("similarWords").asBoolean()).as("under four letters: as typed").isFalse();

    JsonNode outsider = ok(search(team.bo, "acquisiton", ""));
    assertThat(outsider.get("similarWords").asBoolean()).as("no word from a private space is suggested").isFalse();
    assertThat(outsider.get("hits")).isEmpty();
    assertThat(ok(search(team.ana, "acquisiton", "")).get("searchedFor").asText()).isEqualTo("acquisition");
  }

  @Test
  void theSearchPageGroupsEchoesOperatorsAsChipsAndPages() {
    String kiosk = team.ana.api().post("/api/v1/spaces/" + general + "/threads",
        Map.of("title", "Kiosk rollout", "body", "The **kiosk** goes to every shop.")).text("id");
    String reply = team.bo.api().post("/api/v1/threads/" + kiosk + "/replies", Map.of("body", "Which kiosk first?")).text("id");
    team.cy.api().post("/api/v1/spaces/" + general + "/threads", Map.of("title", "Shop", "body", "The shop wants a kiosk."));
    Posts.indexed(server.dispatcher());

    var page = team.cy.api().get("/search?q=" + encode("kiosk in:general is:thread") + "&limit=1");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("2 results")
        .contains("href=\"/threads/" + kiosk + "\"")
        .contains("href=\"/threads/" + kiosk + "/replies/" + reply + "\"")
        .contains("The <mark>kiosk</mark> goes to every shop.")
        .doesNotContain("**")
        .contains("<span>in:general</span>")
        .contains("href=\"/search?q=kiosk+is%3Athread&amp;limit=1\"")
        .contains("<span>is:thread</span>")
        .contains("href=\"/search?q=kiosk+in%3Ageneral&amp;limit=1\"")
        .contains("href=\"/search?q=kiosk+in%3Ageneral+is%3Athread&amp;limit=1&amp;offset=1\"")
        .contains("1–1 of 2");
    var similar = team.cy.api().get("/search?q=" + encode("kiosc from:ana"));
    assertThat(similar.body()).contains("results for similar words").contains("<strong>kiosk</strong>")
        .contains("<span>from:ana</span>");
  }

  private Api.Response search(Team.Person who, String q, String more) {
    return who.api().get("/api/v1/search?q=" + encode(q) + more);
  }

  private static JsonNode ok(Api.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private List<JsonNode> hits(Team.Person who, String q) {
    return hits(who, q, "");
  }

  private List<JsonNode> hits(Team.Person who, String q, String more) {
    List<JsonNode> out = new ArrayList<>();
    ok(search(who, q, more)).get("hits").forEach(out::add);
    return out;
  }

  private static List<Long> ids(List<JsonNode> hits) {
    return hits.stream().map(h -> h.get("id").asLong()).toList();
  }

  private static List<String> kinds(List<JsonNode> hits) {
    return hits.stream().map(h -> h.get("kind").asText()).toList();
  }

  private static List<String> urls(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("groups").forEach(g -> out.add(g.get("url").asText()));
    return out;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
