package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The thread page's edit, delete, move and history, as a browser without JavaScript drives them, and reading a long
 * thread: pages of replies with older/newer links, opening at the first unread reply.
 */
@ParameterizedClass
@EnumSource(Db.class)
class PostPagesTest {
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

  private String startThread(Team.Person who, String title, String body) {
    return who.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", title, "body", body)).text("id");
  }

  private String reply(Team.Person who, String thread, String body) {
    var r = who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private String page(Team.Person who, String path) {
    var r = who.api().get(path);
    assertThat(r.status()).as(path).isEqualTo(200);
    return r.body();
  }

  @Test
  void thePageOffersOnlyWhatTheViewerMayDo() {
    team.createSpace(team.ana, "Leadership", "private"); // somewhere to move to
    String thread = startThread(team.ana, "Plans", "Opening");
    String reply = reply(team.bo, thread, "Bo's reply");
    String asAna = page(team.ana, "/threads/" + thread);
    assertThat(asAna).contains("/threads/" + thread + "?edit=" + thread, "action=\"/threads/" + thread + "/delete\"", "Move to another space",
        "action=\"/threads/" + thread + "/replies/" + reply + "/delete\"");
    assertThat(asAna).as("an admin deletes others' replies but does not edit them").doesNotContain("edit=" + reply);
    String asBo = page(team.bo, "/threads/" + thread);
    assertThat(asBo).contains("edit=" + reply, "/replies/" + reply + "/delete").doesNotContain("?edit=" + thread)
        .doesNotContain("/threads/" + thread + "/delete").doesNotContain("Move to another space");
    String asCy = page(team.cy, "/threads/" + thread);
    assertThat(asCy).doesNotContain("edit=").doesNotContain("/delete\"").doesNotContain("Move to another space");
    assertThat(form(team.cy.api(), "/threads/" + thread + "/replies/" + reply + "/edit", Map.of("body", "x")).status()).isEqualTo(403);
    assertThat(form(team.cy.api(), "/threads/" + thread + "/delete", Map.of()).status()).isEqualTo(403);
    assertThat(form(team.eve.api(), "/threads/" + thread + "/delete", Map.of()).status()).isEqualTo(404);
    // a reply of another thread is not found under this one
    String other = startThread(team.bo, "Other", "Else");
    assertThat(form(team.bo.api(), "/threads/" + other + "/replies/" + reply + "/edit", Map.of("body", "x")).status()).isEqualTo(404);
    assertThat(team.bo.api().get("/threads/" + other + "/replies/" + reply + "/history").status()).isEqualTo(404);
  }

  @Test
  void editingInlineShowsEditedAndTheHistoryShowsTheChange() {
    String thread = startThread(team.ana, "Plans", "We ship on Friday.");
    String reply = reply(team.bo, thread, "Friday works for support.");
    String editing = page(team.bo, "/threads/" + thread + "?after=" + (Long.parseLong(reply) - 1) + "&edit=" + reply);
    assertThat(editing).contains("action=\"/threads/" + thread + "/replies/" + reply + "/edit\"", ">Friday works for support.</textarea>");

    var saved = form(team.bo.api(), "/threads/" + thread + "/replies/" + reply + "/edit", Map.of("body", "Monday works for support."));
    assertThat(saved.status()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location").orElseThrow()).isEqualTo("/threads/" + thread + "/replies/" + reply);
    assertThat(team.bo.api().get("/threads/" + thread + "/replies/" + reply).headers().firstValue("Location").orElseThrow())
        .as("a thread whose replies fit one page opens whole, at the reply").isEqualTo("/threads/" + thread + "#reply-" + reply);
    String after = page(team.cy, "/threads/" + thread);
    assertThat(after).contains("Monday works for support.", "href=\"/threads/" + thread + "/replies/" + reply + "/history\"");
    String history = page(team.cy, "/threads/" + thread + "/replies/" + reply + "/history");
    assertThat(history).contains("<del>Friday</del>", "<ins>Monday</ins>", "Edited by " + team.bo.name(), "Written by " + team.bo.name());

    var renamed = form(team.ana.api(), "/threads/" + thread + "/edit", Map.of("title", "Plans for Monday", "body", "We ship on Monday."));
    assertThat(renamed.status()).isEqualTo(303);
    String threadHistory = page(team.bo, "/threads/" + thread + "/history");
    assertThat(threadHistory).contains("Title: <del>Plans</del> → <ins>Plans for Monday</ins>", "<ins>Monday</ins>");
    var empty = form(team.ana.api(), "/threads/" + thread + "/edit", Map.of("title", "", "body", "x"));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).text("title")).isEqualTo("Plans for Monday");
  }

  @Test
  void deletingAndMovingFromThePage() {
    String leadership = team.createSpace(team.ana, "Leadership", "private");
    String thread = startThread(team.bo, "Doomed", "Soon gone");
    String reply = reply(team.cy, thread, "Cy's reply");
    var deleted = form(team.cy.api(), "/threads/" + thread + "/replies/" + reply + "/delete", Map.of());
    assertThat(deleted.status()).isEqualTo(303);
    assertThat(page(team.bo, "/threads/" + thread)).doesNotContain("Cy's reply").contains("0 replies");

    String moving = startThread(team.bo, "Moving", "To leadership");
    var moved = form(team.ana.api(), "/threads/" + moving + "/move", Map.of("spaceId", leadership));
    assertThat(moved.status()).isEqualTo(303);
    assertThat(page(team.ana, "/threads/" + moving)).contains("href=\"/spaces/" + leadership + "\"");
    assertThat(team.bo.api().get("/threads/" + moving).status()).isEqualTo(404);

    var gone = form(team.bo.api(), "/threads/" + thread + "/delete", Map.of());
    assertThat(gone.status()).isEqualTo(303);
    assertThat(gone.headers().firstValue("Location").orElseThrow()).startsWith("/spaces/" + product);
    assertThat(team.bo.api().get("/threads/" + thread).status()).isEqualTo(404);
    assertThat(page(team.cy, "/spaces/" + product)).doesNotContain("Doomed");
  }

  @Test
  void aLongThreadOpensAtTheFirstUnreadReplyWithOlderAndNewerLinks() {
    String thread = startThread(team.ana, "Long", "Opening");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) ids.add(reply(i % 2 == 0 ? team.ana : team.cy, thread, "Reply number " + i + "."));
    page(team.bo, "/threads/" + thread); // Bo has read it all
    for (int i = 60; i < 63; i++) ids.add(reply(i % 2 == 0 ? team.ana : team.cy, thread, "Reply number " + i + "."));

    String opened = page(team.bo, "/threads/" + thread);
    assertThat(opened).contains("New since your last visit", "Reply number 60.", "Reply number 62.", "Older replies")
        .doesNotContain("Reply number 0.").doesNotContain("Newer replies");
    assertThat(opened.indexOf("New since your last visit")).isLessThan(opened.indexOf("Reply number 60."));
    // read now: opening again starts at the first page, with no line
    String again = page(team.bo, "/threads/" + thread);
    assertThat(again).contains("Reply number 0.", "Reply number 49.", "Newer replies").doesNotContain("Reply number 50.")
        .doesNotContain("New since your last visit").doesNotContain("Older replies");
    String newer = page(team.bo, "/threads/" + thread + "?after=" + ids.get(49));
    assertThat(newer).contains("Reply number 50.", "Reply number 62.", "Older replies").doesNotContain("Reply number 49.");
    String older = page(team.bo, "/threads/" + thread + "?before=" + ids.get(50));
    assertThat(older).contains("Reply number 0.", "Reply number 49.").doesNotContain("Reply number 50.");
    assertThat(team.bo.api().get("/threads/" + thread + "?after=soon").status()).isEqualTo(400);

    // a short thread shows everything, with the line before the first reply Bo has not read
    String short_ = startThread(team.ana, "Short", "Opening");
    reply(team.ana, short_, "Seen before.");
    page(team.bo, "/threads/" + short_);
    reply(team.cy, short_, "Fresh one.");
    String s = page(team.bo, "/threads/" + short_);
    assertThat(s.indexOf("Seen before.")).isLessThan(s.indexOf("New since your last visit"));
    assertThat(s.indexOf("New since your last visit")).isLessThan(s.indexOf("Fresh one."));
  }
}
