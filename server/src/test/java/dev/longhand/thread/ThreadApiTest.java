package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class ThreadApiTest {
  @Parameter Db db;
  Team team;
  String product;

  @BeforeEach
  void team() {
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
  void aStartedThreadReadsBackWithItsRepliesInOrder() {
    var created = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Launch plan", "body", "We ship **Friday**."));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("title")).isEqualTo("Launch plan");
    assertThat(created.text("spaceId")).isEqualTo(product);
    String thread = created.text("id");
    String first = reply(team.bo, thread, "Sounds good");
    String second = reply(team.cy, thread, "I'll write the notes");

    var t = team.bo.api().get("/api/v1/threads/" + thread);
    assertThat(t.status()).isEqualTo(200);
    assertThat(t.text("title")).isEqualTo("Launch plan");
    assertThat(t.text("body")).isEqualTo("We ship **Friday**.");
    assertThat(t.text("bodyHtml")).contains("<strong>Friday</strong>");
    assertThat(t.json().path("author").path("id").asText()).isEqualTo(team.ana.id());
    assertThat(t.json().path("author").path("handle").asText()).isEqualTo(team.ana.handle());
    assertThat(t.text("createdAt")).endsWith("Z");
    assertThat(t.json().get("replies").valueStream().map(n -> n.path("id").asText()).toList()).containsExactly(first, second);
    assertThat(t.json().get("replies").get(1).path("author").path("name").asText()).isEqualTo(team.cy.name());
  }

  @Test
  void aSpacesThreadsListNewestActivityFirstAndPage() {
    String a = startThread(team.ana, product, "A", "a");
    String b = startThread(team.ana, product, "B", "b");
    String c = startThread(team.ana, product, "C", "c");
    reply(team.bo, a, "bump");

    var all = team.cy.api().get("/api/v1/spaces/" + product + "/threads").json().get("threads");
    assertThat(all.valueStream().map(n -> n.path("id").asText()).toList()).containsExactly(a, c, b);
    assertThat(all.get(0).path("replyCount").asInt()).isEqualTo(1);
    assertThat(all.get(0).path("author").path("name").asText()).isEqualTo(team.ana.name());

    var page1 = team.cy.api().get("/api/v1/spaces/" + product + "/threads?limit=2");
    assertThat(page1.json().get("threads").valueStream().map(n -> n.path("id").asText()).toList()).containsExactly(a, c);
    var page2 = team.cy.api().get("/api/v1/spaces/" + product + "/threads?limit=2&before=" + page1.text("next"));
    assertThat(page2.json().get("threads").valueStream().map(n -> n.path("id").asText()).toList()).containsExactly(b);
    assertThat(page2.json().has("next")).isFalse();
    assertThat(team.cy.api().get("/api/v1/spaces/" + product + "/threads?limit=0").text("field")).isEqualTo("limit");
    assertThat(team.cy.api().get("/api/v1/spaces/" + product + "/threads?before=yesterday").text("field")).isEqualTo("before");
  }

  @Test
  void badInputNamesTheFieldAndChangesNothing() {
    var noTitle = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("body", "text"));
    assertThat(noTitle.status()).isEqualTo(400);
    assertThat(noTitle.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(noTitle.text("field")).isEqualTo("title");
    assertThat(team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "x".repeat(201), "body", "b")).text("field")).isEqualTo("title");
    assertThat(team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Empty", "body", "   ")).text("field")).isEqualTo("body");
    assertThat(team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Long", "body", "x".repeat(50_001))).text("field")).isEqualTo("body");
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/threads").json().get("threads")).isEmpty();

    String thread = startThread(team.ana, product, "Ok", "ok");
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "")).text("field")).isEqualTo("body");
    var badEmoji = team.bo.api().post("/api/v1/threads/" + thread + "/reactions", Map.of("postId", thread, "emoji", "poop"));
    assertThat(badEmoji.status()).isEqualTo(400);
    assertThat(badEmoji.text("field")).isEqualTo("emoji");
    var otherPost = team.bo.api().post("/api/v1/threads/" + thread + "/reactions", Map.of("postId", "12345", "emoji", "tada"));
    assertThat(otherPost.text("field")).isEqualTo("postId");
    var t = team.bo.api().get("/api/v1/threads/" + thread).json();
    assertThat(t.get("replies")).isEmpty();
    assertThat(t.get("reactions")).isEmpty();
  }

  @Test
  void onlyPeopleWhoMayReadTheSpaceSeeItsThreads() {
    String secret = team.createSpace(team.ana, "Leadership", "private");
    String open = startThread(team.ana, product, "Open", "for all members");
    String hidden = startThread(team.ana, secret, "Hidden", "for leadership");

    assertThat(team.bo.api().get("/api/v1/threads/" + open).status()).isEqualTo(200);
    for (Api outsider : List.of(team.gil.api(), team.eve.api())) {
      assertThat(outsider.get("/api/v1/threads/" + open).status()).isEqualTo(404);
      assertThat(outsider.post("/api/v1/threads/" + open + "/replies", Map.of("body", "hi")).status()).isEqualTo(404);
      assertThat(outsider.post("/api/v1/threads/" + open + "/reactions", Map.of("postId", open, "emoji", "tada")).status()).isEqualTo(404);
      assertThat(outsider.post("/api/v1/threads/" + open + "/acknowledgements", Map.of()).status()).isEqualTo(404);
      assertThat(outsider.get("/api/v1/spaces/" + product + "/threads").status()).isEqualTo(404);
      assertThat(outsider.post("/api/v1/spaces/" + product + "/threads", Map.of("title", "t", "body", "b")).status()).isEqualTo(404);
    }
    assertThat(team.bo.api().get("/api/v1/threads/" + hidden).status()).isEqualTo(404);
    assertThat(team.bo.api().post("/api/v1/threads/" + hidden + "/replies", Map.of("body", "hi")).status()).isEqualTo(404);
    assertThat(team.bo.api().get("/api/v1/threads/999999999").status()).isEqualTo(404);
    assertThat(team.bo.api().get("/api/v1/threads/not-an-id").status()).isEqualTo(404);
    assertThat(team.anonymous.get("/api/v1/threads/" + open).status()).isEqualTo(401);
    assertThat(team.anonymous.post("/api/v1/spaces/" + product + "/threads", Map.of("title", "t", "body", "b")).status()).isEqualTo(401);

    team.ana.api().post("/api/v1/spaces/" + product + "/members", Map.of("accountId", team.gil.id()));
    assertThat(team.gil.api().get("/api/v1/threads/" + open).status()).isEqualTo(200);
    assertThat(team.gil.api().post("/api/v1/threads/" + open + "/replies", Map.of("body", "Guest here")).status()).isEqualTo(201);
    assertThat(team.ana.api().get("/api/v1/threads/" + open).json().get("replies")).hasSize(1);
  }

  @Test
  void reactionsCountPeopleAndCanBeTakenBack() {
    String thread = startThread(team.ana, product, "Lunch", "Pizza?");
    String reply = reply(team.cy, thread, "Yes");
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/reactions", Map.of("postId", thread, "emoji", "thumbsup")).status()).isEqualTo(201);
    assertThat(team.cy.api().post("/api/v1/threads/" + thread + "/reactions", Map.of("postId", thread, "emoji", "👍")).status()).isEqualTo(201);
    assertThat(team.cy.api().post("/api/v1/threads/" + thread + "/reactions", Map.of("postId", thread, "emoji", "👍")).status()).isEqualTo(201);
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/reactions", Map.of("postId", reply, "emoji", "tada")).status()).isEqualTo(201);

    JsonNode asBo = team.bo.api().get("/api/v1/threads/" + thread).json();
    assertThat(asBo.get("reactions")).hasSize(1);
    assertThat(asBo.get("reactions").get(0).path("emoji").asText()).isEqualTo("👍");
    assertThat(asBo.get("reactions").get(0).path("count").asInt()).isEqualTo(2);
    assertThat(asBo.get("reactions").get(0).path("mine").asBoolean()).isTrue();
    assertThat(asBo.get("replies").get(0).get("reactions").get(0).path("emoji").asText()).isEqualTo("🎉");
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().get("reactions").get(0).path("mine").asBoolean()).isFalse();

    assertThat(team.bo.api().delete("/api/v1/threads/" + thread + "/reactions?postId=" + thread + "&emoji=thumbsup").status()).isEqualTo(204);
    assertThat(team.cy.api().send("DELETE", "/api/v1/threads/" + thread + "/reactions", Map.of("postId", thread, "emoji", "👍"), "application/json").status()).isEqualTo(204);
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().get("reactions")).isEmpty();
  }

  @Test
  void acknowledgingIsIdempotentAndVisibleToEveryone() {
    String thread = startThread(team.ana, product, "Policy change", "Please read");
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/acknowledgements", Map.of()).status()).isEqualTo(201);
    var again = team.bo.api().post("/api/v1/threads/" + thread + "/acknowledgements", Map.of());
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().get("acknowledgedBy")).hasSize(1);
    team.cy.api().post("/api/v1/threads/" + thread + "/acknowledgements", Map.of());

    for (Team.Person p : List.of(team.ana, team.bo, team.cy)) {
      JsonNode acks = p.api().get("/api/v1/threads/" + thread).json().get("acknowledgedBy");
      assertThat(acks.findValuesAsText("handle")).containsExactly(team.bo.handle(), team.cy.handle());
      assertThat(acks.get(0).path("at").asText()).endsWith("Z");
    }
  }

  @Test
  void markdownIsSanitizedAndMentionsAreMarked() {
    String thread = startThread(team.ana, product, "Safe", "Hi @" + team.bo.handle() + " <script>alert(1)</script> [x](javascript:alert(1))");
    String html = team.bo.api().get("/api/v1/threads/" + thread).text("bodyHtml");
    assertThat(html).doesNotContain("<script").doesNotContain("javascript:");
    assertThat(html).contains("<span class=\"mention\">&#64;" + team.bo.handle() + "</span>");
  }

  @Test
  void everyWriteAppendsItsEventInTheThreadsWorkspace() throws Exception {
    String thread = startThread(team.ana, product, "Events", "e");
    String reply = reply(team.bo, thread, "r");
    var server = TestServers.get(db);
    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> rows = server.database().read(h -> h.createQuery(
            "SELECT kind, workspace_id, payload FROM outbox WHERE kind IN ('ThreadPosted', 'ReplyAdded') AND payload LIKE :t ORDER BY id")
        .bind("t", "%" + thread + "%").mapToMap().list());
    assertThat(rows).extracting(r -> r.get("kind")).containsExactly("ThreadPosted", "ReplyAdded");
    assertThat(rows).allSatisfy(r -> assertThat(String.valueOf(r.get("workspace_id"))).isEqualTo(team.workspaceId));
    JsonNode posted = json.readTree((String) rows.get(0).get("payload"));
    assertThat(posted.properties()).hasSize(4); // and the payload's version
    assertThat(posted.get("v").asInt()).isEqualTo(1);
    assertThat(posted.get("threadId").isIntegralNumber()).isTrue();
    assertThat(posted.get("threadId").asText()).isEqualTo(thread);
    assertThat(posted.get("spaceId").asText()).isEqualTo(product);
    assertThat(posted.get("authorId").asText()).isEqualTo(team.ana.id());
    JsonNode added = json.readTree((String) rows.get(1).get("payload"));
    assertThat(added.properties()).hasSize(5); // and the payload's version
    assertThat(added.get("v").asInt()).isEqualTo(1);
    assertThat(added.get("replyId").isIntegralNumber()).isTrue();
    assertThat(added.get("threadId").asText()).isEqualTo(thread);
    assertThat(added.get("replyId").asText()).isEqualTo(reply);
    assertThat(added.get("spaceId").asText()).isEqualTo(product);
    assertThat(added.get("authorId").asText()).isEqualTo(team.bo.id());
  }
}
