package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The space, thread and inbox pages, driven as a browser without JavaScript would (forms, redirects). */
@ParameterizedClass
@EnumSource(Db.class)
class ThreadPagesTest {
  @Parameter Db db;
  Team team;
  String product;

  @BeforeEach
  void team() {
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
  }

  private static Api.Response form(Api api, String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return api.send("POST", path, body, "application/x-www-form-urlencoded", "Accept", "text/html");
  }

  @Test
  void startingAThreadFromTheSpacePageLeadsToIt() {
    var empty = form(team.ana.api(), "/spaces/" + product + "/threads", Map.of("title", "", "body", "text kept"));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body()).contains("'title' is required", "text kept", "Start a thread");
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/threads").json().get("threads")).isEmpty();

    var created = form(team.ana.api(), "/spaces/" + product + "/threads", Map.of("title", "Roadmap", "body", "Q3 *ideas*"));
    assertThat(created.status()).isEqualTo(303);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/threads/");

    var space = team.bo.api().get("/spaces/" + product);
    assertThat(space.status()).isEqualTo(200);
    assertThat(space.body()).contains("Roadmap", "href=\"" + location + "\"", "0 replies", "Add person", team.gil.name(),
        "href=\"/workspaces/" + team.workspaceId + "\"");
    assertThat(space.body()).doesNotContain(" style=", "<script>");
  }

  @Test
  void openingTheThreadPageReadsItAndFormsReplyReactAndAcknowledge() {
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Offsite", "body", "Where to?")).text("id");
    assertThat(team.bo.api().get("/api/v1/inbox").body()).contains(thread);

    var page = team.bo.api().get("/threads/" + thread);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<h1 id=\"thread-title\">Offsite</h1>", "Where to?", "Got it",
        "data-live=\"/threads/" + thread + "/events?after=" + thread + "\"", "Product", "aria-label=\"Breadcrumb\"");
    assertThat(page.body()).doesNotContain(" style=", "<script>");
    assertThat(team.bo.api().get("/api/v1/inbox").body()).doesNotContain(thread);

    assertThat(form(team.bo.api(), "/threads/" + thread + "/replies", Map.of("body", " ")).status()).isEqualTo(400);
    var replied = form(team.bo.api(), "/threads/" + thread + "/replies", Map.of("body", "The lake"));
    assertThat(replied.status()).isEqualTo(303);
    assertThat(form(team.cy.api(), "/threads/" + thread + "/reactions", Map.of("postId", thread, "emoji", "heart")).status()).isEqualTo(303);
    assertThat(form(team.cy.api(), "/threads/" + thread + "/acknowledge", Map.of()).status()).isEqualTo(303);

    var asAuthor = team.ana.api().get("/threads/" + thread).body();
    assertThat(asAuthor).contains("The lake", "acks-author", "Who has taken in your post", team.cy.name(), "❤️ 1");
    assertThat(form(team.cy.api(), "/threads/" + thread + "/reactions", Map.of("postId", thread, "emoji", "heart")).status()).isEqualTo(303);
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().get("reactions")).isEmpty();
    assertThat(team.eve.api().get("/threads/" + thread).status()).isEqualTo(404);
  }

  @Test
  void theInboxPageListsUnreadThreadsAndMarksThemRead() {
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Hiring", "body", "@" + team.bo.handle() + " thoughts?")).text("id");
    var inbox = team.bo.api().get("/inbox");
    assertThat(inbox.status()).isEqualTo(200);
    assertThat(inbox.body()).contains("Hiring", "mentions you", "new thread", "href=\"/threads/" + thread + "\"");

    assertThat(form(team.bo.api(), "/threads/" + thread + "/read", Map.of()).status()).isEqualTo(303);
    assertThat(team.bo.api().get("/inbox").body()).doesNotContain("Hiring").contains("all caught up");
    assertThat(form(team.bo.api(), "/threads/" + thread + "/unread", Map.of()).status()).isEqualTo(303);
    assertThat(team.bo.api().get("/inbox").body()).contains("Hiring", "marked unread");
  }
}
