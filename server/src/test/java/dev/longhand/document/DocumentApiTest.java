package dev.longhand.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Notices;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Documents through the API: revisions, diffs, stale saves and merges, limits, and who may see them. */
@ParameterizedClass
@EnumSource(Db.class)
class DocumentApiTest {
  static final String PLAN = "# Launch plan\n\nWe ship on Friday after the review.\nSupport is told.\n";
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

  @Test
  void everySaveIsARevisionWithItsAuthorTimeAndSummary() {
    var created = team.ana.api().post("/api/v1/spaces/" + product + "/documents", Map.of("title", "Launch plan", "body", PLAN,
        "summary", "First draft"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("revision").asInt()).isEqualTo(1);
    String doc = created.text("id");

    var saved = team.bo.api().put("/api/v1/documents/" + doc, Map.of("body", PLAN.replace("Friday", "Monday"), "baseRevision", 1,
        "summary", "Moved the date"));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().get("revision").asInt()).isEqualTo(2);
    assertThat(saved.json().get("merged").asBoolean()).isFalse();
    var retitled = team.cy.api().put("/api/v1/documents/" + doc, Map.of("body", PLAN.replace("Friday", "Monday"), "baseRevision", "2",
        "title", "Launch plan (final)"));
    assertThat(retitled.json().get("revision").asInt()).isEqualTo(3);
    var same = team.cy.api().put("/api/v1/documents/" + doc, Map.of("body", PLAN.replace("Friday", "Monday"), "baseRevision", 3));
    assertThat(same.json().get("changed").asBoolean()).as("saving what is there writes no revision").isFalse();
    assertThat(same.json().get("revision").asInt()).isEqualTo(3);

    JsonNode latest = team.bo.api().get("/api/v1/documents/" + doc).json();
    assertThat(latest.get("title").asText()).isEqualTo("Launch plan (final)");
    assertThat(latest.get("revision").asInt()).isEqualTo(3);
    assertThat(latest.get("bodyHtml").asText()).contains("<h1>Launch plan</h1>").contains("Monday");
    assertThat(latest.get("lastEditor").get("id").asText()).isEqualTo(team.cy.id());

    JsonNode list = team.bo.api().get("/api/v1/spaces/" + product + "/documents").json().get("documents");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("revisionCount").asInt()).isEqualTo(3);
    assertThat(list.get(0).get("lastEditor").get("name").asText()).isEqualTo(team.cy.name());

    JsonNode revisions = team.ana.api().get("/api/v1/documents/" + doc + "/revisions").json().get("revisions");
    assertThat(revisions).extracting(r -> r.get("number").asInt()).containsExactly(3, 2, 1);
    assertThat(revisions.get(1).get("summary").asText()).isEqualTo("Moved the date");
    assertThat(revisions.get(1).get("author").get("id").asText()).isEqualTo(team.bo.id());
    assertThat(revisions.get(2).get("createdAt").asText()).endsWith("Z");

    JsonNode retitle = team.cy.api().get("/api/v1/documents/" + doc + "/diff?from=2&to=3").json();
    assertThat(retitle.get("titleChange").get("from").asText()).isEqualTo("Launch plan");
    assertThat(retitle.get("titleChange").get("to").asText()).isEqualTo("Launch plan (final)");
    assertThat(retitle.get("lines")).allSatisfy(l -> assertThat(l.get("op").asText()).isEqualTo("equal"));

    JsonNode first = team.cy.api().get("/api/v1/documents/" + doc + "/revisions/1").json();
    assertThat(first.get("body").asText()).isEqualTo(PLAN);
    assertThat(first.get("title").asText()).isEqualTo("Launch plan");
    assertThat(first.get("latest").asBoolean()).isFalse();
  }

  @Test
  void theDiffListsLinesAddedRemovedAndTheWordsChanged() {
    String doc = create(team.ana, "Plan", PLAN);
    save(team.bo, doc, 1, "# Launch plan\n\nWe ship on Monday after the review.\nSupport is told.\nMarketing writes the post.\n");
    save(team.bo, doc, 2, "# Launch plan\n\nWe ship on Monday after the review.\nMarketing writes the post.\n");

    var diff = team.cy.api().get("/api/v1/documents/" + doc + "/diff?from=1&to=2");
    assertThat(diff.status()).isEqualTo(200);
    JsonNode lines = diff.json().get("lines");
    JsonNode changed = find(lines, "change");
    assertThat(changed.get("old").asInt()).isEqualTo(3);
    assertThat(changed.get("oldText").asText()).contains("Friday");
    assertThat(changed.get("words")).anySatisfy(w -> {
      assertThat(w.get("op").asText()).isEqualTo("delete");
      assertThat(w.get("text").asText()).isEqualTo("Friday");
    });
    assertThat(changed.get("words")).anySatisfy(w -> {
      assertThat(w.get("op").asText()).isEqualTo("insert");
      assertThat(w.get("text").asText()).isEqualTo("Monday");
    });
    assertThat(find(lines, "insert").get("text").asText()).isEqualTo("Marketing writes the post.");
    assertThat(diff.json().get("stats").get("added").asInt()).isEqualTo(1);
    assertThat(diff.json().get("html").asText()).contains("<del>Friday</del>").contains("<ins>Monday</ins>");

    var byDefault = team.cy.api().get("/api/v1/documents/" + doc + "/diff").json();
    assertThat(byDefault.get("from").get("number").asInt()).isEqualTo(2);
    assertThat(byDefault.get("to").get("number").asInt()).isEqualTo(3);
    assertThat(find(byDefault.get("lines"), "delete").get("text").asText()).isEqualTo("Support is told.");
  }

  @Test
  void aStaleSaveIsRefusedWithTheLatestRevisionAndMergesWhenAskedAndClean() {
    String doc = create(team.ana, "Plan", "alpha\nbeta\ngamma\ndelta\n");
    save(team.bo, doc, 1, "alpha\nbeta\ngamma\ndelta changed by Bo\n");

    var stale = team.ana.api().put("/api/v1/documents/" + doc, Map.of("body", "alpha changed by Ana\nbeta\ngamma\ndelta\n", "baseRevision", 1));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(stale.text("field")).isEqualTo("baseRevision");
    assertThat(stale.json().get("latestRevision").asInt()).isEqualTo(2);
    assertThat(stale.json().get("latest").get("body").asText()).isEqualTo("alpha\nbeta\ngamma\ndelta changed by Bo\n");
    assertThat(stale.json().get("latest").get("author").get("id").asText()).isEqualTo(team.bo.id());
    assertThat(stale.json().get("merge").get("clean").asBoolean()).isTrue();
    assertThat(revisionOf(doc)).as("nothing was saved").isEqualTo(2);

    var merged = team.ana.api().put("/api/v1/documents/" + doc, Map.of("body", "alpha changed by Ana\nbeta\ngamma\ndelta\n",
        "baseRevision", 1, "merge", true, "summary", "Ana's intro"));
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(merged.json().get("revision").asInt()).isEqualTo(3);
    assertThat(merged.json().get("merged").asBoolean()).isTrue();
    assertThat(merged.json().get("mergedWith").get("number").asInt()).isEqualTo(2);
    assertThat(team.bo.api().get("/api/v1/documents/" + doc).text("body")).isEqualTo("alpha changed by Ana\nbeta\ngamma\ndelta changed by Bo\n");
  }

  @Test
  void overlappingEditsStayAConflictEvenWhenAMergeIsAsked() {
    String doc = create(team.ana, "Plan", "one\ntwo\nthree\n");
    save(team.bo, doc, 1, "one\ntwo by Bo\nthree\n");
    var stale = team.ana.api().put("/api/v1/documents/" + doc, Map.of("body", "one\ntwo by Ana\nthree\n", "baseRevision", 1, "merge", true));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().get("merge").get("clean").asBoolean()).isFalse();
    assertThat(stale.json().get("merge").get("body").asText()).contains("<<<<<<< your edit\ntwo by Ana\n=======\ntwo by Bo\n>>>>>>> revision 2 by ");
    assertThat(revisionOf(doc)).isEqualTo(2);
    // Resolved by hand on top of the latest revision: saved.
    assertThat(save(team.ana, doc, 2, "one\ntwo by Ana and Bo\nthree\n")).isEqualTo(3);
  }

  @Test
  void writersSavingFromTheSameRevisionAtOnceNeverOverwriteEachOther() throws Exception {
    String doc = create(team.ana, "Plan", "start\n");
    List<Team.Person> writers = List.of(team.ana, team.bo, team.cy, team.ana, team.bo, team.cy);
    List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < writers.size(); i++) {
        String body = "start\nwriter " + i + "\n";
        Team.Person who = writers.get(i);
        answers.add(pool.submit(() -> who.api().put("/api/v1/documents/" + doc, Map.of("body", body, "baseRevision", 1))));
      }
    }
    List<Integer> statuses = new ArrayList<>();
    for (var a : answers) statuses.add(a.get().status());
    assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(writers.size() - 1);
    assertThat(revisionOf(doc)).isEqualTo(2);
    assertThat(team.ana.api().get("/api/v1/documents/" + doc + "/revisions").json().get("revisions")).hasSize(2);
  }

  @Test
  void badInputNamesTheFieldAndChangesNothing() {
    String doc = create(team.ana, "Plan", PLAN);
    String docs = "/api/v1/spaces/" + product + "/documents";
    expectInvalid(team.ana.api().post(docs, Map.of("body", "text")), "title");
    expectInvalid(team.ana.api().post(docs, Map.of("title", "No text")), "body");
    expectInvalid(team.ana.api().post(docs, Map.of("title", "x".repeat(201), "body", "text")), "title");
    expectInvalid(team.ana.api().post(docs, Map.of("title", "Huge", "body", "x".repeat(200_001))), "body");
    expectInvalid(team.ana.api().post(docs, Map.of("title", "Summary", "body", "text", "summary", "s".repeat(301))), "summary");
    String url = "/api/v1/documents/" + doc;
    expectInvalid(team.ana.api().put(url, Map.of("body", "new")), "baseRevision");
    expectInvalid(team.ana.api().put(url, Map.of("body", "new", "baseRevision", "abc")), "baseRevision");
    expectInvalid(team.ana.api().put(url, Map.of("body", "new", "baseRevision", 7)), "baseRevision");
    expectInvalid(team.ana.api().put(url, Map.of("baseRevision", 1)), "body");
    expectInvalid(team.ana.api().get(url + "/diff?from=abc&to=1"), "from");
    expectInvalid(team.ana.api().get(url + "/diff?from=0&to=1"), "from");
    expectInvalid(team.ana.api().get(url + "/diff?from=1&to=9"), "to");
    assertThat(team.ana.api().get(url + "/revisions/9").status()).isEqualTo(404);
    assertThat(team.ana.api().get(url + "/revisions/abc").status()).isEqualTo(404);
    assertThat(team.ana.api().get(url + "/revisions/9").headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

    assertThat(team.ana.api().get(docs).json().get("documents")).hasSize(1);
    assertThat(revisionOf(doc)).isEqualTo(1);
    assertThat(team.ana.api().get(url).text("body")).isEqualTo(PLAN);
  }

  @Test
  void onlyPeopleWhoMayReadTheSpaceSeeOrTouchItsDocuments() {
    String doc = create(team.ana, "Plan", PLAN);
    String vault = team.createSpace(team.ana, "Vault", "private");
    String secret = create(team.ana, vault, "Secret plan", "Hidden text");
    for (Api outsider : List.of(team.gil.api(), team.eve.api())) {
      assertThat(outsider.get("/api/v1/documents/" + doc).status()).isEqualTo(404);
      assertThat(outsider.get("/api/v1/spaces/" + product + "/documents").status()).isEqualTo(404);
      assertThat(outsider.put("/api/v1/documents/" + doc, Map.of("body", "mine", "baseRevision", 1)).status()).isEqualTo(404);
      assertThat(outsider.post("/api/v1/documents/" + doc + "/comments", Map.of("body", "hi")).status()).isEqualTo(404);
      assertThat(outsider.post("/api/v1/spaces/" + product + "/documents", Map.of("title", "t", "body", "b")).status()).isEqualTo(404);
    }
    for (String path : List.of("", "/revisions", "/revisions/1", "/diff", "/comments")) {
      var r = team.cy.api().get("/api/v1/documents/" + secret + path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.body()).doesNotContain("Secret");
    }
    assertThat(team.cy.api().put("/api/v1/documents/" + secret, Map.of("body", "x", "baseRevision", 1)).status()).isEqualTo(404);
    assertThat(revisionOf(doc)).isEqualTo(1);

    // A guest added to the space reads, comments and edits there, like in its threads.
    team.ana.api().post("/api/v1/spaces/" + product + "/members", Map.of("accountId", team.gil.id()));
    assertThat(team.gil.api().get("/api/v1/documents/" + doc).status()).isEqualTo(200);
    assertThat(team.gil.api().post("/api/v1/documents/" + doc + "/comments", Map.of("body", "Looks good")).status()).isEqualTo(201);
    assertThat(save(team.gil, doc, 1, PLAN + "Guest note.\n")).isEqualTo(2);
  }

  @Test
  void commentsQuoteAPassageTakeRepliesAndAreResolvedAndReopened() {
    String doc = create(team.ana, "Plan", PLAN);
    String comments = "/api/v1/documents/" + doc + "/comments";
    var anchored = team.bo.api().post(comments, Map.of("body", "Is Friday realistic?", "quote", "ship on  Friday\nafter"));
    assertThat(anchored.status()).as(anchored.body()).isEqualTo(201);
    assertThat(anchored.text("quote")).isEqualTo("ship on Friday after");
    assertThat(anchored.json().get("revision").asInt()).isEqualTo(1);
    assertThat(anchored.json().get("quoteInLatest").asBoolean()).isTrue();
    String commentId = anchored.text("id");

    expectInvalid(team.bo.api().post(comments, Map.of("body", "?", "quote", "a passage that is not there")), "quote");
    expectInvalid(team.bo.api().post(comments, Map.of("body", "?", "parentId", "12345")), "parentId");
    expectInvalid(team.bo.api().post(comments, Map.of("quote", "Friday")), "body");

    var reply = team.ana.api().post(comments, Map.of("body", "Monday then.", "parentId", commentId));
    assertThat(reply.status()).isEqualTo(201);
    var replyToReply = team.cy.api().post(comments, Map.of("body", "Agreed.", "parentId", reply.text("id")));
    assertThat(replyToReply.text("parentId")).as("a reply to a reply joins the comment").isEqualTo(commentId);
    team.cy.api().post(comments, Map.of("body", "General remark without a quote"));

    var resolved = team.ana.api().post("/api/v1/document-comments/" + commentId + "/resolution", Map.of());
    assertThat(resolved.status()).isEqualTo(200);
    assertThat(resolved.json().get("resolved").asBoolean()).isTrue();
    assertThat(resolved.json().get("resolvedBy").get("id").asText()).isEqualTo(team.ana.id());

    save(team.ana, doc, 1, PLAN.replace("Friday", "Monday"));
    JsonNode listed = team.cy.api().get(comments).json().get("comments");
    assertThat(listed).hasSize(2);
    JsonNode first = listed.get(0);
    assertThat(first.get("resolved").asBoolean()).isTrue();
    assertThat(first.get("quoteInLatest").asBoolean()).as("the passage left in revision 2").isFalse();
    assertThat(first.get("replies")).extracting(r -> r.get("body").asText()).containsExactly("Monday then.", "Agreed.");
    assertThat(listed.get(1).has("quote")).isFalse();

    var reopened = team.bo.api().delete("/api/v1/document-comments/" + commentId + "/resolution");
    assertThat(reopened.status()).isEqualTo(200);
    assertThat(reopened.json().get("resolved").asBoolean()).isFalse();
    assertThat(team.eve.api().post("/api/v1/document-comments/" + commentId + "/resolution", Map.of()).status()).isEqualTo(404);
    assertThat(team.gil.api().delete("/api/v1/document-comments/" + commentId + "/resolution").status()).isEqualTo(404);
  }

  @Test
  void searchFindsTheLatestTextAndCommentsForReadersOnly() throws InterruptedException {
    String doc = create(team.ana, "Kestrel rollout", "The zeppelin migration starts in spring.");
    String vault = team.createSpace(team.ana, "Vault", "private");
    create(team.ana, vault, "Hidden", "The zeppelin budget is secret.");
    indexed();
    assertThat(hits(team.bo, "zeppelin")).extracting(h -> h.get("id").asText()).containsExactly(doc);
    JsonNode hit = hits(team.bo, "kestrel").get(0);
    assertThat(hit.get("kind").asText()).isEqualTo("document");
    assertThat(hit.get("url").asText()).isEqualTo("/documents/" + doc);
    assertThat(hits(team.ana, "zeppelin")).hasSize(2);
    assertThat(hits(team.gil, "zeppelin")).isEmpty();
    assertThat(hits(team.eve, "zeppelin")).isEmpty();

    String comment = team.cy.api().post("/api/v1/documents/" + doc + "/comments", Map.of("body", "Book the hangar early.")).text("id");
    save(team.bo, doc, 1, "The airship migration starts in spring.");
    indexed();
    JsonNode found = hits(team.bo, "hangar").get(0);
    assertThat(found.get("kind").asText()).isEqualTo("comment");
    assertThat(found.get("title").asText()).isEqualTo("Kestrel rollout");
    assertThat(found.get("url").asText()).isEqualTo("/documents/" + doc + "#comment-" + comment);
    assertThat(hits(team.gil, "hangar")).isEmpty();

    // A rebuild reads the same: every document once, with its latest text, and every comment.
    List<dev.longhand.search.Indexed> all = new ArrayList<>();
    server.database().read(h -> {
      new DocumentSearch().each(h, all::add);
      DocumentSearch.COMMENTS.each(h, all::add);
      return null;
    });
    assertThat(all).filteredOn(d -> d.owner() == Long.parseLong(doc)).singleElement()
        .satisfies(d -> assertThat(d.body()).isEqualTo("The airship migration starts in spring."));
    assertThat(all).filteredOn(d -> d.owner() == Long.parseLong(comment)).singleElement()
        .satisfies(d -> assertThat(d.body()).isEqualTo("Book the hangar early."));
    assertThat(hits(team.cy, "airship")).extracting(h -> h.get("id").asText()).containsExactly(doc);
    assertThat(hits(team.cy, "zeppelin")).isEmpty();
  }

  @Test
  void theListComesAPageAtATimeMostRecentlyEditedFirst() {
    String space = team.createSpace(team.ana, "Archive", "public");
    String a = create(team.ana, space, "Alpha", "a");
    String b = create(team.ana, space, "Beta", "b");
    String c = create(team.ana, space, "Gamma", "c");
    save(team.bo, a, 1, "a, edited"); // Alpha is now the most recently edited
    String list = "/api/v1/spaces/" + space + "/documents";

    var first = team.cy.api().get(list + "?limit=2");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("documents")).extracting(d -> d.get("id").asText()).containsExactly(a, c);
    String next = first.text("next");
    var second = team.cy.api().get(list + "?limit=2&before=" + next);
    assertThat(second.json().get("documents")).extracting(d -> d.get("id").asText()).containsExactly(b);
    assertThat(second.json().has("next")).isFalse();
    assertThat(team.cy.api().get(list).json().get("documents")).hasSize(3);

    expectInvalid(team.cy.api().get(list + "?before=yesterday"), "before");
    expectInvalid(team.cy.api().get(list + "?limit=0"), "limit");
    expectInvalid(team.cy.api().get(list + "?limit=201"), "limit");
    assertThat(team.eve.api().get(list + "?before=" + next).status()).isEqualTo(404);
  }

  @Test
  void commentsTellTheCreatorTheConversationAndWhomTheyMention() {
    String doc = create(team.ana, "Plan", PLAN);
    String comments = "/api/v1/documents/" + doc + "/comments";
    var first = team.bo.api().post(comments, Map.of("body", "Is Friday realistic, @" + team.cy.handle() + "? And @" + team.gil.handle() + "?"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    String link = "/documents/" + doc + "#comment-" + first.text("id");

    assertThat(Notices.of(server, team.ana)).singleElement().satisfies(n -> {
      assertThat(n.get("kind").asText()).isEqualTo("comment");
      assertThat(n.get("text").asText()).isEqualTo(team.bo.name() + " commented on your document “Plan”");
      assertThat(n.get("link").asText()).isEqualTo(link);
      assertThat(n.get("actor").get("id").asText()).isEqualTo(team.bo.id());
    });
    assertThat(Notices.of(server, team.cy)).singleElement().satisfies(n -> {
      assertThat(n.get("kind").asText()).isEqualTo("mention");
      assertThat(n.get("text").asText()).isEqualTo(team.bo.name() + " mentioned you in a comment on “Plan”");
    });
    assertThat(Notices.of(server, team.gil)).as("a guest outside the space hears nothing of it").isEmpty();
    assertThat(Notices.of(server, team.bo)).as("nobody is told of their own comment").isEmpty();

    // A reply tells the conversation, not the creator again; a reply to the reply tells both earlier writers.
    var reply = team.cy.api().post(comments, Map.of("body", "Monday is safer.", "parentId", first.text("id")));
    assertThat(Notices.of(server, team.bo)).extracting(n -> n.get("text").asText()).containsExactly(team.cy.name() + " replied to a comment on “Plan”");
    assertThat(Notices.of(server, team.ana)).hasSize(1);
    team.ana.api().post(comments, Map.of("body", "Monday it is.", "parentId", reply.text("id")));
    assertThat(Notices.of(server, team.bo)).hasSize(2);
    assertThat(Notices.of(server, team.cy)).extracting(n -> n.get("text").asText())
        .contains(team.ana.name() + " replied to a comment on “Plan”").hasSize(2);
    // Bo answers in the conversation he started: the others hear of it, he does not.
    team.bo.api().post(comments, Map.of("body", "Agreed.", "parentId", first.text("id")));
    assertThat(Notices.of(server, team.bo)).hasSize(2);
    assertThat(Notices.of(server, team.ana)).hasSize(2);
    assertThat(Notices.of(server, team.cy)).hasSize(3);
    assertThat(Notices.of(server, team.eve)).isEmpty();
  }

  private String create(Team.Person who, String title, String body) {
    return create(who, product, title, body);
  }

  private String create(Team.Person who, String space, String title, String body) {
    var r = who.api().post("/api/v1/spaces/" + space + "/documents", Map.of("title", title, "body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private int save(Team.Person who, String doc, int base, String body) {
    var r = who.api().put("/api/v1/documents/" + doc, Map.of("body", body, "baseRevision", base));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("revision").asInt();
  }

  private int revisionOf(String doc) {
    return team.ana.api().get("/api/v1/documents/" + doc).json().get("revision").asInt();
  }

  private static JsonNode find(JsonNode lines, String op) {
    for (JsonNode l : lines) if (l.get("op").asText().equals(op)) return l;
    throw new AssertionError("no " + op + " line in " + lines);
  }

  private static void expectInvalid(Api.Response r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.text("field")).as(r.body()).isEqualTo(field);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
  }

  private void indexed() throws InterruptedException {
    server.dispatcher().wake();
    assertThat(server.dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
  }

  private List<JsonNode> hits(Team.Person who, String q) {
    var r = who.api().get("/api/v1/search?q=" + q);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().get("hits").forEach(out::add);
    return out;
  }
}
