package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Notices;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What deleting and editing posts left undone: notifications about a deleted post leave the centre (and its unread
 * count), open asks of a deleted post leave both queues, a refused edit form comes back with its text and the error
 * beside the field, and a page of replies reads only its own replies' reactions.
 */
@ParameterizedClass
@EnumSource(Db.class)
class PostGapsTest {
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

  private String startThread(Team.Person who, String title, String body) {
    var r = who.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", title, "body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private String reply(Team.Person who, String thread, String body) {
    var r = who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private static Api.Response form(Api api, String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return api.send("POST", path, body, "application/x-www-form-urlencoded", "Accept", "text/html");
  }

  /** The centre's unread count, checked against what it lists: held notices are not counted until delivered. */
  private int unread(Team.Person who) {
    Notices.of(server, who);
    JsonNode centre = who.api().get("/api/v1/notifications").json();
    int unread = centre.get("unread").asInt();
    assertThat(unread).as("the count follows the delivered list").isEqualTo(centre.get("delivered").size());
    return unread + centre.get("held").size();
  }

  @Test
  void notificationsAboutADeletedReplyOrThreadLeaveTheCentreAndItsCount() {
    String thread = startThread(team.ana, "Launch", "Over to @" + team.bo.handle());
    String reply = reply(team.cy, thread, "@" + team.bo.handle() + " can you check the numbers?");
    assertThat(Notices.of(server, team.bo)).extracting(n -> n.get("kind").asText()).containsExactlyInAnyOrder("mention", "mention");
    assertThat(Notices.of(server, team.ana)).extracting(n -> n.get("kind").asText()).containsExactly("reply");
    assertThat(unread(team.bo)).isEqualTo(2);

    assertThat(team.cy.api().delete("/api/v1/replies/" + reply).status()).isEqualTo(204);
    List<JsonNode> bos = Notices.of(server, team.bo);
    assertThat(bos).as("only the thread's own mention is left").hasSize(1);
    assertThat(bos.getFirst().path("link").asText("")).doesNotContain("/replies/");
    assertThat(unread(team.bo)).isEqualTo(1);
    assertThat(Notices.of(server, team.ana)).as("Cy's reply, deleted, told Ana nothing that stays").isEmpty();

    assertThat(team.ana.api().delete("/api/v1/threads/" + thread).status()).isEqualTo(204);
    assertThat(Notices.of(server, team.bo)).isEmpty();
    assertThat(unread(team.bo)).isZero();
  }

  @Test
  void openAsksOfADeletedPostLeaveBothQueuesAndTheirNoticeGoesWithIt() {
    String thread = startThread(team.ana, "Budget", "Numbers, please");
    var asked = team.ana.api().post("/api/v1/threads/" + thread + "/replies",
        Map.of("body", "Could you look?", "ask", Map.of("assignee", team.bo.id(), "within", "P1D")));
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    var kept = team.ana.api().post("/api/v1/threads/" + thread + "/replies",
        Map.of("body", "And this one?", "ask", Map.of("assignee", team.bo.id(), "within", "P2D")));
    assertThat(open(team.bo, "mine")).hasSize(2);
    assertThat(Notices.of(server, team.bo)).extracting(n -> n.get("kind").asText()).containsExactly("ask", "ask");

    assertThat(team.ana.api().delete("/api/v1/replies/" + asked.text("id")).status()).isEqualTo(204);
    assertThat(open(team.bo, "mine")).extracting(a -> a.get("postId").asText()).containsExactly(kept.text("id"));
    assertThat(open(team.ana, "others")).extracting(a -> a.get("postId").asText()).containsExactly(kept.text("id"));
    assertThat(Notices.of(server, team.bo)).as("the ask's notice left with its reply").hasSize(1);

    assertThat(team.ana.api().delete("/api/v1/threads/" + thread).status()).isEqualTo(204);
    assertThat(open(team.bo, "mine")).isEmpty();
    assertThat(open(team.ana, "others")).isEmpty();
    assertThat(recentlyDone(team.ana, "others")).as("asks deleted with their posts are listed nowhere").isEmpty();
    assertThat(Notices.of(server, team.bo)).isEmpty();
  }

  private List<JsonNode> open(Team.Person who, String queue) {
    var r = who.api().get("/api/v1/asks?queue=" + queue);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return list(r.json().get("asks"));
  }

  private List<JsonNode> recentlyDone(Team.Person who, String queue) {
    return list(who.api().get("/api/v1/asks?queue=" + queue).json().get("recentlyDone"));
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  @Test
  void aRefusedEditComesBackWithItsTextAndTheErrorBesideTheField() {
    String thread = startThread(team.ana, "Plans", "Opening");
    var refused = form(team.ana.api(), "/threads/" + thread + "/edit", Map.of("title", "", "body", "Opening, rewritten with care"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("action=\"/threads/" + thread + "/edit\"", "Opening, rewritten with care", "id=\"edit-thread-error\"",
        "aria-describedby=\"edit-thread-error\"");
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).text("body")).isEqualTo("Opening");

    String reply = reply(team.bo, thread, "First go");
    String tooLong = "Second go, kept. " + "x".repeat(ThreadApi.BODY_MAX);
    var refusedReply = form(team.bo.api(), "/threads/" + thread + "/replies/" + reply + "/edit", Map.of("body", tooLong));
    assertThat(refusedReply.status()).isEqualTo(400);
    assertThat(refusedReply.body()).contains("action=\"/threads/" + thread + "/replies/" + reply + "/edit\"", tooLong,
        "id=\"edit-reply-" + reply + "-error\"", "aria-invalid=\"true\"");
    assertThat(team.bo.api().get("/api/v1/replies/" + reply + "/revisions").json().get("revisions")).hasSize(1);
    // someone who may not edit it still gets the plain refusal, never the form
    assertThat(form(team.cy.api(), "/threads/" + thread + "/replies/" + reply + "/edit", Map.of("body", "")).status()).isIn(400, 403);
    assertThat(form(team.cy.api(), "/threads/" + thread + "/replies/" + reply + "/edit", Map.of("body", "x")).status()).isEqualTo(403);
  }

  @Test
  void aPageOfRepliesReadsOnlyTheReactionsOfItsReplies() {
    String thread = startThread(team.ana, "Long", "Opening");
    String first = reply(team.bo, thread, "first");
    String second = reply(team.cy, thread, "second");
    for (String post : List.of(thread, first, second)) {
      assertThat(team.ana.api().post("/api/v1/threads/" + thread + "/reactions", Map.of("postId", post, "emoji", "thumbsup")).status())
          .isIn(200, 201);
    }
    ThreadStore store = new ThreadStore();
    List<ThreadStore.PostReaction> read = server.database().read(h ->
        store.reactions(h, Long.parseLong(thread), Long.parseLong(team.ana.id()), List.of(Long.parseLong(second))));
    assertThat(read).extracting(ThreadStore.PostReaction::postId).containsExactly(Long.parseLong(second));
    assertThat(read.getFirst().mine()).isTrue();

    var page = team.bo.api().get("/api/v1/threads/" + thread + "/replies?after=" + first);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    JsonNode only = page.json().get("replies").get(0);
    assertThat(only.get("id").asText()).isEqualTo(second);
    assertThat(only.get("reactions").get(0).get("count").asInt()).isEqualTo(1);
    assertThat(team.bo.api().get("/api/v1/threads/" + thread).json().get("reactions").get(0).get("count").asInt()).isEqualTo(1);
  }
}
