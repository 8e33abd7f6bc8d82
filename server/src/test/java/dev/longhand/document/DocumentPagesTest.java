package dev.longhand.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The document pages as a browser without JavaScript uses them: list, editor, merges, conflicts, diff and comments. */
@ParameterizedClass
@EnumSource(Db.class)
class DocumentPagesTest {
  @Parameter Db db;
  Team team;
  String product;

  @BeforeEach
  void team() {
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
  }

  @Test
  void aDocumentIsWrittenFromTheSpaceListAndEditedInTheEditor() {
    var missing = form(team.ana.api(), "/spaces/" + product + "/documents", Map.of("title", "", "body", "Kept text"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).containsPattern("role=\"alert\">[^<]*title[^<]*is required.").contains("Kept text", "aria-invalid=\"true\"");

    var created = form(team.ana.api(), "/spaces/" + product + "/documents", Map.of("title", "Launch plan",
        "body", "# Plan\n\nWe ship on Friday.\n", "summary", "First draft"));
    assertThat(created.status()).isEqualTo(303);
    String path = created.headers().firstValue("Location").orElseThrow();
    assertThat(path).startsWith("/documents/");

    String editor = team.bo.api().get(path + "/edit").body();
    assertThat(editor).contains("name=\"baseRevision\" value=\"1\"", "We ship on Friday.", "Save revision");
    var saved = form(team.bo.api(), path + "/edit", Map.of("title", "Launch plan", "body", "# Plan\n\nWe ship on Monday.\n",
        "summary", "New date", "baseRevision", "1"));
    assertThat(saved.status()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location").orElseThrow()).contains("Saved+as+revision+2");

    String page = team.cy.api().get(path).body();
    assertThat(page).contains("<h1>Plan</h1>", "We ship on Monday.", "Revision 2 · " + team.bo.name(), "New date", "First draft",
        "/diff?from=1&to=2", "/static/document.js");
    assertThat(page).doesNotContain(" style=", "<script>");

    String list = team.cy.api().get("/spaces/" + product + "/documents").body();
    assertThat(list).contains("Launch plan", team.bo.name(), "<td>2</td>", "New document", "aria-current=\"page\">Documents");

    String diff = team.cy.api().get(path + "/diff?from=1&to=2").body();
    assertThat(diff).contains("<del>Friday</del>", "<ins>Monday</ins>", "Changes from revision 1 to 2", "Lines: 1 changed, 0 added, 0 removed");
    String first = team.cy.api().get(path + "/revisions/1").body();
    assertThat(first).contains("You are reading revision 1 of 2", "We ship on Friday.", "Restore this revision");
    var restored = form(team.cy.api(), path + "/edit", Map.of("title", "Launch plan", "body", "# Plan\n\nWe ship on Friday.\n",
        "summary", "Restored revision 1", "baseRevision", "2"));
    assertThat(restored.headers().firstValue("Location").orElseThrow()).contains("Saved+as+revision+3");
    assertThat(team.cy.api().get("/api/v1" + path).text("body")).isEqualTo("# Plan\n\nWe ship on Friday.\n");
    assertThat(team.cy.api().get(path + "/revisions/3").body()).doesNotContain("Restore this revision");
    assertThat(team.cy.api().get(path + "/revisions/4").status()).isEqualTo(404);
    assertThat(team.gil.api().get(path).status()).isEqualTo(404);
    assertThat(team.eve.api().get(path + "/edit").status()).isEqualTo(404);
  }

  @Test
  void aLongListEndsWithALinkToOlderDocuments() {
    String space = team.createSpace(team.ana, "Archive", "public");
    for (int i = 1; i <= 51; i++) {
      var r = team.ana.api().post("/api/v1/spaces/" + space + "/documents", Map.of("title", "Note " + i, "body", "text " + i));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    String page = team.bo.api().get("/spaces/" + space + "/documents").body();
    assertThat(page).contains(">Note 51<", ">Note 2<").doesNotContain(">Note 1<");
    var older = java.util.regex.Pattern.compile("href=\"(/spaces/" + space + "/documents\\?before=[0-9.]+)\">Older documents</a>").matcher(page);
    assertThat(older.find()).as(page).isTrue();
    String rest = team.bo.api().get(older.group(1)).body();
    assertThat(rest).contains(">Note 1<").doesNotContain(">Note 2<", "Older documents");
  }

  @Test
  void aStaleSaveMergesCleanlyOrShowsTheConflictToSettle() {
    String path = "/documents/" + team.ana.api().post("/api/v1/spaces/" + product + "/documents",
        Map.of("title", "Plan", "body", "intro\nalpha\nbeta\nend\n")).text("id");
    team.bo.api().put("/api/v1" + path, Map.of("body", "intro\nalpha\nbeta by Bo\nend\n", "baseRevision", 1));

    // Ana edited revision 1, another line: merged and saved, and she is told.
    var merged = form(team.ana.api(), path + "/edit", Map.of("title", "Plan", "body", "intro by Ana\nalpha\nbeta\nend\n", "baseRevision", "1"));
    assertThat(merged.status()).isEqualTo(303);
    assertThat(merged.headers().firstValue("Location").orElseThrow()).contains("merged+with+revision+2");
    assertThat(team.cy.api().get("/api/v1" + path).text("body")).isEqualTo("intro by Ana\nalpha\nbeta by Bo\nend\n");

    // Cy edited revision 1 too, the line Bo changed: the conflict page shows what changed since and both versions.
    var conflict = form(team.cy.api(), path + "/edit", Map.of("title", "Plan", "body", "intro\nalpha\nbeta by Cy\nend\n", "baseRevision", "1"));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.body()).contains(team.ana.name() + " saved while you were editing", "Their change: revision 1 → 3",
        "<ins> by Ana</ins>", "<ins> by Bo</ins>", "name=\"baseRevision\" value=\"3\"", "name=\"resolving\"",
        "&lt;&lt;&lt;&lt;&lt;&lt;&lt; your edit\nbeta by Cy\n=======\nbeta by Bo\n&gt;&gt;&gt;&gt;&gt;&gt;&gt; revision 3 by " + team.ana.name());
    assertThat(team.cy.api().get("/api/v1" + path).json().get("revision").asInt()).as("nothing saved").isEqualTo(3);

    var markersLeft = form(team.cy.api(), path + "/edit", Map.of("title", "Plan", "baseRevision", "3", "resolving", "1",
        "body", "intro by Ana\nalpha\n<<<<<<< your edit\nbeta by Cy\n=======\nbeta by Bo\n>>>>>>> revision 3\nend\n"));
    assertThat(markersLeft.status()).isEqualTo(400);
    assertThat(markersLeft.body()).contains("still holds conflict markers");
    var settled = form(team.cy.api(), path + "/edit", Map.of("title", "Plan", "baseRevision", "3", "resolving", "1",
        "body", "intro by Ana\nalpha\nbeta by Bo and Cy\nend\n"));
    assertThat(settled.status()).isEqualTo(303);
    assertThat(team.cy.api().get("/api/v1" + path).json().get("revision").asInt()).isEqualTo(4);
  }

  @Test
  void theConflictPageHasTheTrailOfTheOtherDocumentPages() {
    String path = "/documents/" + team.ana.api().post("/api/v1/spaces/" + product + "/documents",
        Map.of("title", "Runbook", "body", "one\ntwo\n")).text("id");
    team.bo.api().put("/api/v1" + path, Map.of("body", "one\ntwo by Bo\n", "baseRevision", 1));

    var conflict = form(team.cy.api(), path + "/edit", Map.of("title", "Runbook", "body", "one\ntwo by Cy\n", "baseRevision", "1"));
    assertThat(conflict.status()).isEqualTo(409);
    String trail = "<ol><li><a href=\"/spaces/" + product + "\">Product</a></li><li><a href=\"/spaces/" + product
        + "/documents\">Documents</a></li><li><a href=\"" + path + "\">Runbook</a></li>";
    assertThat(crumbs(team.cy.api().get(path + "/edit").body())).isEqualTo(trail + "<li aria-current=\"page\">Edit</li></ol>");
    assertThat(crumbs(conflict.body())).isEqualTo(trail + "<li aria-current=\"page\">Edit conflict</li></ol>");
  }

  private static final Pattern CRUMBS = Pattern.compile("<nav aria-label=\"Breadcrumb\" class=\"crumbs\">(.*?)</nav>", Pattern.DOTALL);

  private static String crumbs(String html) {
    var m = CRUMBS.matcher(html);
    assertThat(m.find()).as("the page has breadcrumbs").isTrue();
    return m.group(1);
  }

  @Test
  void aCommentQuotesAPassageWithoutJavaScriptAndIsResolvedAndReopened() {
    String id = team.ana.api().post("/api/v1/spaces/" + product + "/documents",
        Map.of("title", "Plan", "body", "We ship on **Friday** after the review.\n")).text("id");
    String path = "/documents/" + id;
    var bad = form(team.bo.api(), path + "/comments", Map.of("quote", "not in the text", "body", "Why?"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("must be a passage of the document", "Why?");

    var posted = form(team.bo.api(), path + "/comments", Map.of("quote", "ship on Friday after", "body", "Is Friday realistic?"));
    assertThat(posted.status()).isEqualTo(303);
    String comment = team.bo.api().get("/api/v1" + path + "/comments").json().get("comments").get(0).get("id").asText();
    form(team.ana.api(), path + "/comments", Map.of("parentId", comment, "body", "Monday then."));

    String page = team.cy.api().get(path).body();
    assertThat(page).contains("class=\"doc-quote\"", "ship on Friday after", "Quoted from revision 1", "Is Friday realistic?", "Monday then.",
        "1 open");
    assertThat(page).as("a comment's reply box attaches files to the document's space")
        .contains("id=\"reply-" + comment + "\" name=\"body\" required maxlength=\"10000\" rows=\"3\" data-attach=\"" + product + "\"");

    assertThat(form(team.cy.api(), "/document-comments/" + comment + "/resolve", Map.of()).status()).isEqualTo(303);
    page = team.cy.api().get(path).body();
    assertThat(page).contains("Resolved comments (1)", "Resolved by " + team.cy.name(), "0 open", "Reopen");

    team.ana.api().put("/api/v1" + path, Map.of("body", "We ship on Monday.\n", "baseRevision", 1));
    assertThat(form(team.bo.api(), "/document-comments/" + comment + "/reopen", Map.of()).status()).isEqualTo(303);
    page = team.cy.api().get(path).body();
    assertThat(page).contains("1 open", "This passage is no longer in the latest revision (revision 2)", "doc-quote gone")
        .doesNotContain("Resolved comments");
    assertThat(form(team.eve.api(), "/document-comments/" + comment + "/resolve", Map.of()).status()).isEqualTo(404);
  }

  private static Api.Response form(Api api, String path, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    String body = all.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return api.send("POST", path, body, "application/x-www-form-urlencoded", "Accept", "text/html");
  }
}
