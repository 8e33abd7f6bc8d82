package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.markdown.Markdown;
import dev.longhand.notify.DigestSource;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Notices;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Editing, deleting and moving threads and replies through the API, on both databases: who may, what the others
 * are told (403 when they can see the post, 404 when they cannot), bad input that changes nothing, the kept
 * versions, mentions added by an edit, and deleted posts vanishing from the thread, inbox, search and digests.
 */
@ParameterizedClass
@EnumSource(Db.class)
class PostEditApiTest {
  @Parameter Db db;
  Longhand server;
  Team team;
  String product;

  @BeforeEach
  void team() {
    server = TestServers.get(db);
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
  }

  private String startThread(Team.Person who, String space, String title, String body) {
    var r = who.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private String reply(Team.Person who, String thread, String body) {
    var r = who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  @Test
  void theAuthorEditsAndRenamesAndEveryVersionIsKept() {
    String thread = startThread(team.ana, product, "Launch plan", "We ship **Friday**.");
    String reply = reply(team.bo, thread, "Sounds good");
    assertThat(team.bo.api().get("/api/v1/threads/" + thread).json().has("editedAt")).isFalse();

    var edited = team.ana.api().put("/api/v1/threads/" + thread, Map.of("title", "Launch plan (moved)", "body", "We ship **Monday**."));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.text("title")).isEqualTo("Launch plan (moved)");
    assertThat(edited.text("bodyHtml")).contains("<strong>Monday</strong>");
    assertThat(edited.text("editedAt")).endsWith("Z");
    assertThat(edited.json().get("replies").get(0).get("id").asText()).isEqualTo(reply);

    var renamed = team.ana.api().put("/api/v1/threads/" + thread, Map.of("title", "Launch"));
    assertThat(renamed.text("title")).isEqualTo("Launch");
    assertThat(renamed.text("body")).isEqualTo("We ship **Monday**.");
    var history = team.cy.api().get("/api/v1/threads/" + thread + "/revisions");
    assertThat(history.status()).isEqualTo(200);
    List<JsonNode> versions = list(history.json().get("revisions"));
    assertThat(versions).extracting(v -> v.get("title").asText()).containsExactly("Launch plan", "Launch plan (moved)", "Launch");
    assertThat(versions.get(0).get("body").asText()).isEqualTo("We ship **Friday**.");
    assertThat(versions.get(0).get("editor").get("id").asText()).isEqualTo(team.ana.id());

    var replyEdit = team.bo.api().put("/api/v1/replies/" + reply, Map.of("body", "Sounds good, see the [notes](https://example.com)"));
    assertThat(replyEdit.status()).as(replyEdit.body()).isEqualTo(200);
    assertThat(replyEdit.text("editedAt")).endsWith("Z");
    assertThat(replyEdit.text("bodyHtml")).contains("href=\"https://example.com\"");
    List<JsonNode> replyVersions = list(team.ana.api().get("/api/v1/replies/" + reply + "/revisions").json().get("revisions"));
    assertThat(replyVersions).extracting(v -> v.get("body").asText()).containsExactly("Sounds good", "Sounds good, see the [notes](https://example.com)");
    assertThat(replyVersions.get(1).has("title")).isFalse();
    assertThat(team.cy.api().get("/api/v1/threads/" + thread).json().get("replies").get(0).get("editedAt").asText()).endsWith("Z");

    // the same text again writes nothing
    team.bo.api().put("/api/v1/replies/" + reply, Map.of("body", "Sounds good, see the [notes](https://example.com)"));
    assertThat(team.ana.api().get("/api/v1/replies/" + reply + "/revisions").json().get("revisions")).hasSize(2);
    // a never-edited post has one version: itself
    String plain = reply(team.cy, thread, "Plain");
    assertThat(team.ana.api().get("/api/v1/replies/" + plain + "/revisions").json().get("revisions")).hasSize(1);
  }

  @Test
  void othersWhoCanSeeAPostAreRefusedAndThoseWhoCannotAreToldNothing() {
    String thread = startThread(team.bo, product, "Bo's thread", "By Bo");
    String reply = reply(team.bo, thread, "Bo again");
    for (Api reader : List.of(team.cy.api(), team.ana.api())) {
      assertThat(reader.put("/api/v1/threads/" + thread, Map.of("title", "Hijacked")).status()).isEqualTo(403);
      assertThat(reader.put("/api/v1/replies/" + reply, Map.of("body", "Hijacked")).status()).isEqualTo(403);
    }
    assertThat(team.cy.api().delete("/api/v1/threads/" + thread).status()).isEqualTo(403);
    assertThat(team.cy.api().delete("/api/v1/replies/" + reply).status()).isEqualTo(403);
    assertThat(team.cy.api().put("/api/v1/threads/" + thread, Map.of("spaceId", product)).status()).as("members move nothing").isEqualTo(403);
    for (Api outsider : List.of(team.eve.api(), team.gil.api())) {
      assertThat(outsider.put("/api/v1/threads/" + thread, Map.of("title", "x")).status()).isEqualTo(404);
      assertThat(outsider.delete("/api/v1/threads/" + thread).status()).isEqualTo(404);
      assertThat(outsider.put("/api/v1/replies/" + reply, Map.of("body", "x")).status()).isEqualTo(404);
      assertThat(outsider.delete("/api/v1/replies/" + reply).status()).isEqualTo(404);
      assertThat(outsider.get("/api/v1/replies/" + reply + "/revisions").status()).isEqualTo(404);
      assertThat(outsider.get("/api/v1/threads/" + thread + "/replies").status()).isEqualTo(404);
    }
    assertThat(team.bo.api().put("/api/v1/replies/123456789", Map.of("body", "x")).status()).isEqualTo(404);
    assertThat(team.bo.api().delete("/api/v1/threads/123456789").status()).isEqualTo(404);
    assertThat(team.bo.api().put("/api/v1/replies/not-an-id", Map.of("body", "x")).status()).isEqualTo(404);
    var t = team.cy.api().get("/api/v1/threads/" + thread);
    assertThat(t.text("title")).isEqualTo("Bo's thread");
    assertThat(t.json().get("replies").get(0).get("body").asText()).isEqualTo("Bo again");
  }

  @Test
  void badInputNamesTheFieldAndChangesNothing() {
    String thread = startThread(team.ana, product, "Title", "Body");
    String reply = reply(team.ana, thread, "Reply");
    invalid(team.ana.api().put("/api/v1/threads/" + thread, Map.of()), "title");
    invalid(team.ana.api().put("/api/v1/threads/" + thread, Map.of("title", "  ")), "title");
    invalid(team.ana.api().put("/api/v1/threads/" + thread, Map.of("title", "x".repeat(201))), "title");
    invalid(team.ana.api().put("/api/v1/threads/" + thread, Map.of("body", " \n ")), "body");
    invalid(team.ana.api().put("/api/v1/threads/" + thread, Map.of("title", "Fine", "body", "x".repeat(50_001))), "body");
    invalid(team.ana.api().put("/api/v1/threads/" + thread, Map.of("spaceId", "elsewhere")), "spaceId");
    invalid(team.ana.api().put("/api/v1/threads/" + thread, Map.of("spaceId", "123456789")), "spaceId");
    invalid(team.ana.api().put("/api/v1/replies/" + reply, Map.of()), "body");
    invalid(team.ana.api().put("/api/v1/replies/" + reply, Map.of("body", "")), "body");
    invalid(team.ana.api().put("/api/v1/replies/" + reply, Map.of("body", "bad\u0000text")), "body");
    var wrongType = team.ana.api().send("PUT", "/api/v1/replies/" + reply, "body=x", "application/x-www-form-urlencoded");
    assertThat(wrongType.status()).isEqualTo(415);

    var t = team.ana.api().get("/api/v1/threads/" + thread);
    assertThat(t.text("title")).isEqualTo("Title");
    assertThat(t.text("body")).isEqualTo("Body");
    assertThat(t.json().has("editedAt")).isFalse();
    assertThat(t.json().get("replies").get(0).get("body").asText()).isEqualTo("Reply");
    assertThat(team.ana.api().get("/api/v1/threads/" + thread + "/revisions").json().get("revisions")).hasSize(1);
  }

  @Test
  void anEditToldOnlyThoseItMentionsForTheFirstTime() {
    String thread = startThread(team.ana, product, "Review", "Please look");
    String reply = reply(team.bo, thread, "Over to @" + team.cy.handle());
    assertThat(mentions(team.cy)).isEqualTo(1);
    assertThat(mentions(team.ana)).isZero();

    team.bo.api().put("/api/v1/replies/" + reply, Map.of("body", "Over to @" + team.cy.handle() + " and @" + team.ana.handle()));
    assertThat(mentions(team.ana)).as("newly mentioned").isEqualTo(1);
    assertThat(mentions(team.cy)).as("already mentioned: not told again").isEqualTo(1);
    var html = team.ana.api().get("/api/v1/threads/" + thread).json().get("replies").get(0).get("bodyHtml").asText();
    assertThat(html).contains("<span class=\"mention\">&#64;" + team.ana.handle() + "</span>");

    team.bo.api().put("/api/v1/replies/" + reply, Map.of("body", "Just @" + team.ana.handle() + " then"));
    team.bo.api().put("/api/v1/replies/" + reply, Map.of("body", "Over to @" + team.cy.handle() + " and @" + team.ana.handle() + " again"));
    assertThat(mentions(team.ana)).isEqualTo(1);
    assertThat(mentions(team.cy)).as("a mention taken out and put back is no news").isEqualTo(1);

    // the opening post too, and a guest who cannot read the space is never told
    team.ana.api().put("/api/v1/threads/" + thread, Map.of("body", "Please look, @" + team.bo.handle() + " and @" + team.gil.handle()));
    assertThat(mentions(team.bo)).isEqualTo(1);
    assertThat(mentions(team.gil)).isZero();
  }

  @Test
  void aDeletedReplyVanishesFromTheThreadSearchAndDigests() throws Exception {
    Instant before = Instant.now().minusSeconds(5);
    String thread = startThread(team.ana, product, "Budget", "Numbers below");
    String keep = reply(team.cy, thread, "Kept zanzibarite remark");
    String gone = reply(team.bo, thread, "Regretted quokkaboard remark");
    indexed();
    assertThat(hits(team.cy, "quokkaboard")).hasSize(1);

    assertThat(team.bo.api().delete("/api/v1/replies/" + gone).status()).isEqualTo(204);
    var t = team.cy.api().get("/api/v1/threads/" + thread);
    assertThat(list(t.json().get("replies"))).extracting(r -> r.get("id").asText()).containsExactly(keep);
    assertThat(t.json().get("replyCount").asInt()).isEqualTo(1);
    assertThat(team.cy.api().get("/api/v1/replies/" + gone + "/revisions").status()).isEqualTo(404);
    assertThat(team.bo.api().put("/api/v1/replies/" + gone, Map.of("body", "back")).status()).isEqualTo(404);
    assertThat(team.bo.api().delete("/api/v1/replies/" + gone).status()).as("deleted once").isEqualTo(404);
    indexed();
    assertThat(hits(team.cy, "quokkaboard")).isEmpty();
    assertThat(hits(team.cy, "zanzibarite")).hasSize(1);
    // Ana started the thread: the digest counts only the reply left
    List<DigestSource.Line> lines = digest(ThreadDigests.repliesToFollowedThreads(), team.ana, before);
    assertThat(lines).extracting(DigestSource.Line::text).containsExactly("“Budget”");
    assertThat(lines.get(0).entries().size() + lines.get(0).more()).as("replies the digest counts").isEqualTo(1);

    // an admin (Ana owns the workspace) deletes anyone's reply
    assertThat(team.ana.api().delete("/api/v1/replies/" + keep).status()).isEqualTo(204);
    assertThat(team.cy.api().get("/api/v1/threads/" + thread).json().get("replies")).isEmpty();
    assertThat(digest(ThreadDigests.repliesToFollowedThreads(), team.ana, before)).isEmpty();
  }

  @Test
  void aDeletedThreadVanishesForEveryoneFromInboxSearchAndDigests() throws Exception {
    Instant before = Instant.now().minusSeconds(5);
    String thread = startThread(team.bo, product, "Offsite wombatery", "Where shall we go?");
    String reply = reply(team.cy, thread, "Somewhere wombatery");
    String other = startThread(team.cy, product, "Unrelated", "Stays");
    indexed();
    assertThat(inbox(team.ana)).contains(thread, other);
    assertThat(hits(team.ana, "wombatery")).hasSize(2);
    assertThat(digest(ThreadDigests.newThreads(), team.ana, before)).hasSize(2);

    var deleted = team.bo.api().delete("/api/v1/threads/" + thread);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    for (Team.Person p : List.of(team.ana, team.bo, team.cy)) {
      assertThat(p.api().get("/api/v1/threads/" + thread).status()).isEqualTo(404);
      assertThat(p.api().get("/api/v1/threads/" + thread + "/replies").status()).isEqualTo(404);
      assertThat(p.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "late")).status()).isEqualTo(404);
    }
    assertThat(team.cy.api().put("/api/v1/replies/" + reply, Map.of("body", "edit")).status()).isEqualTo(404);
    assertThat(inbox(team.ana)).containsExactly(other);
    assertThat(list(team.ana.api().get("/api/v1/spaces/" + product + "/threads").json().get("threads")))
        .extracting(x -> x.get("id").asText()).containsExactly(other);
    indexed();
    assertThat(hits(team.ana, "wombatery")).as("the thread and its reply left search").isEmpty();
    assertThat(digest(ThreadDigests.newThreads(), team.ana, before)).extracting(DigestSource.Line::path).containsExactly("/threads/" + other);
  }

  @Test
  void anAdminMovesAThreadAndItsReadersFollowTheSpace() throws Exception {
    String leadership = team.createSpace(team.ana, "Leadership", "private");
    String thread = startThread(team.cy, product, "Salaries", "Numbers of the plover kind");
    reply(team.cy, thread, "More plover numbers");
    indexed();
    assertThat(inbox(team.bo)).contains(thread);
    assertThat(hits(team.bo, "plover")).hasSize(2);

    String otherWorkspaceSpace = team.eve.api().post("/api/v1/workspaces/" + team.otherWorkspaceId + "/spaces",
        Map.of("name", "Elsewhere", "visibility", "public")).text("id");
    invalid(team.ana.api().put("/api/v1/threads/" + thread, Map.of("spaceId", otherWorkspaceSpace)), "spaceId");
    var moved = team.ana.api().put("/api/v1/threads/" + thread, Map.of("spaceId", leadership));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.text("spaceId")).isEqualTo(leadership);
    assertThat(moved.text("title")).isEqualTo("Salaries");
    assertThat(moved.json().has("editedAt")).as("a move is no edit").isFalse();

    assertThat(team.bo.api().get("/api/v1/threads/" + thread).status()).isEqualTo(404);
    assertThat(team.cy.api().get("/api/v1/threads/" + thread).status()).as("even its author, who cannot read the new space").isEqualTo(404);
    assertThat(inbox(team.bo)).doesNotContain(thread);
    indexed();
    assertThat(hits(team.bo, "plover")).as("its replies moved too").isEmpty();
    assertThat(hits(team.ana, "plover")).hasSize(2);
  }

  @Test
  void storedHtmlIsShownAndAnOlderRenderersIsRenderedAgain() throws Exception {
    String thread = startThread(team.ana, product, "Stored", "- [x] done");
    String reply = reply(team.bo, thread, "**bold**");
    long replyId = Long.parseLong(reply);
    assertThat(row(replyId).version()).isEqualTo(Markdown.VERSION);
    assertThat(row(replyId).html()).isEqualTo("<p><strong>bold</strong></p>\n");
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).text("bodyHtml")).contains("type=\"checkbox\"");

    // reads show what is stored, never rendering Markdown again
    server.database().writeAll(h -> h.execute("UPDATE replies SET body_html = '<p>as stored</p>' WHERE id = ?", replyId));
    assertThat(replyHtml(thread)).isEqualTo("<p>as stored</p>");
    // HTML of an older renderer is rendered on the fly, then again for good by the due work a start schedules
    server.database().writeAll(h -> h.execute("UPDATE replies SET render_version = 1 WHERE id = ?", replyId));
    assertThat(replyHtml(thread)).isEqualTo("<p><strong>bold</strong></p>");
    assertThat(row(replyId).html()).isEqualTo("<p>as stored</p>");
    server.database().writeAll(h -> server.dueWork().schedule(h, PostRendering.KIND, 0, Instant.EPOCH, ""));
    server.dueWork().runDue();
    // the server's own ticker may have claimed the turn first: then it is done in a moment
    for (long deadline = System.nanoTime() + 10_000_000_000L; row(replyId).version() != Markdown.VERSION && System.nanoTime() < deadline; ) {
      java.lang.Thread.sleep(50);
    }
    assertThat(row(replyId).version()).isEqualTo(Markdown.VERSION);
    assertThat(row(replyId).html()).isEqualTo("<p><strong>bold</strong></p>\n");
  }

  @Test
  void repliesComeInPagesBothWays() {
    String thread = startThread(team.ana, product, "Long", "Many replies");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) ids.add(reply(i % 2 == 0 ? team.bo : team.cy, thread, "Reply " + i));

    var first = team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=3");
    assertThat(first.status()).isEqualTo(200);
    assertThat(idsOf(first.json())).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(first.json().has("previous")).isFalse();
    var second = team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=3&after=" + first.text("next"));
    assertThat(idsOf(second.json())).containsExactlyElementsOf(ids.subList(3, 6));
    var third = team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=3&after=" + second.text("next"));
    assertThat(idsOf(third.json())).containsExactlyElementsOf(ids.subList(6, 7));
    assertThat(third.json().has("next")).isFalse();
    var back = team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=3&before=" + third.text("previous"));
    assertThat(idsOf(back.json())).containsExactlyElementsOf(ids.subList(3, 6));
    var backAgain = team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=3&before=" + back.text("previous"));
    assertThat(idsOf(backAgain.json())).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(backAgain.json().has("previous")).isFalse();
    assertThat(backAgain.text("next")).isEqualTo(ids.get(2));
    // a deleted reply drops out of the pages
    team.cy.api().delete("/api/v1/replies/" + ids.get(3));
    assertThat(idsOf(team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=3&after=" + first.text("next")).json()))
        .containsExactly(ids.get(4), ids.get(5), ids.get(6));
    // a cursor whose reply was deleted since still pages, offering the page before while older replies remain
    team.bo.api().delete("/api/v1/replies/" + ids.get(2));
    var afterDeleted = team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=3&after=" + ids.get(2));
    assertThat(idsOf(afterDeleted.json())).containsExactly(ids.get(4), ids.get(5), ids.get(6));
    assertThat(afterDeleted.text("previous")).isEqualTo(ids.get(4));
    team.bo.api().delete("/api/v1/replies/" + ids.get(0));
    team.cy.api().delete("/api/v1/replies/" + ids.get(1));
    assertThat(team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=3&after=" + ids.get(2)).json().has("previous"))
        .as("no older reply is left").isFalse();
    assertThat(team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=3&before=" + ids.get(6)).json().has("next"))
        .as("before a reply that is there, the next page starts with it").isTrue();

    invalid(team.ana.api().get("/api/v1/threads/" + thread + "/replies?after=soon"), "after");
    invalid(team.ana.api().get("/api/v1/threads/" + thread + "/replies?before=-3"), "before");
    invalid(team.ana.api().get("/api/v1/threads/" + thread + "/replies?after=1&before=2"), "before");
    invalid(team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=0"), "limit");
    invalid(team.ana.api().get("/api/v1/threads/" + thread + "/replies?limit=201"), "limit");
  }

  @Test
  void theThreadAnswerCarriesTheFirstPageAndItsCursor() {
    String thread = startThread(team.ana, product, "Busy", "Lots");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 55; i++) ids.add(reply(team.bo, thread, "Reply " + i));
    var t = team.cy.api().get("/api/v1/threads/" + thread);
    assertThat(idsOf(t.json())).containsExactlyElementsOf(ids.subList(0, 50));
    assertThat(t.json().get("replyCount").asInt()).isEqualTo(55);
    var rest = team.cy.api().get("/api/v1/threads/" + thread + "/replies?after=" + t.text("repliesNext"));
    assertThat(idsOf(rest.json())).containsExactlyElementsOf(ids.subList(50, 55));
    assertThat(rest.json().has("next")).isFalse();
    assertThat(rest.text("previous")).isEqualTo(ids.get(50));
  }

  private record Row(String html, int version) {}

  private Row row(long replyId) {
    return server.database().read(h -> h.createQuery("SELECT body_html, render_version FROM replies WHERE id = ?").bind(0, replyId)
        .map((rs, ctx) -> new Row(rs.getString(1), rs.getInt(2))).one());
  }

  private String replyHtml(String thread) {
    return team.ana.api().get("/api/v1/threads/" + thread).json().get("replies").get(0).get("bodyHtml").asText().strip();
  }

  private static List<String> idsOf(JsonNode page) {
    return list(page.get("replies")).stream().map(r -> r.get("id").asText()).toList();
  }

  private long mentions(Team.Person who) {
    return Notices.of(server, who).stream().filter(n -> n.path("kind").asText().equals("mention")).count();
  }

  private List<String> inbox(Team.Person who) {
    return list(who.api().get("/api/v1/inbox").json().get("items")).stream().map(i -> i.get("threadId").asText()).toList();
  }

  private List<DigestSource.Line> digest(DigestSource source, Team.Person who, Instant since) {
    Instant now = Instant.now().plus(Duration.ofSeconds(5));
    return server.database().read(h -> source.linesFor(h, Long.parseLong(who.id()), since, now)).stream()
        .filter(l -> l.text().contains("Budget") || l.text().contains("wombatery") || l.text().contains("Unrelated"))
        .toList();
  }

  private void indexed() throws InterruptedException {
    server.dispatcher().wake();
    assertThat(server.dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
  }

  private List<JsonNode> hits(Team.Person who, String q) {
    var r = who.api().get("/api/v1/search?q=" + q);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return list(r.json().get("hits"));
  }

  private static void invalid(Api.Response r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.text("field")).as(r.body()).isEqualTo(field);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    if (array != null) array.forEach(out::add);
    return out;
  }
}
