package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replies posted at the same moment are written in batches (see {@code Replies}); the result must be the same as if
 * they had been written one after the other in the order of their ids: every reply counted, and each person's unread
 * count in a thread the number of posts by others after their own last post there.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ConcurrentRepliesTest {
  private static final int REPLIES_EACH = 15;

  @Parameter Db db;
  Team team;
  String product;

  @BeforeEach
  void team() {
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
  }

  @Test
  void repliesWrittenTogetherCountAndFanOutAsIfWrittenOneByOne() throws Exception {
    List<String> threads = List.of(startThread("Launch"), startThread("Pricing"));
    List<Team.Person> people = List.of(team.ana, team.bo, team.cy);
    List<Future<Integer>> posts = new ArrayList<>();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Team.Person p : people) {
        for (int i = 0; i < REPLIES_EACH; i++) {
          String thread = threads.get(i % 2);
          String body = i % 5 == 0 ? "Noted, @" + team.bo.handle() + " (" + i + ")" : p.name() + " says " + i;
          posts.add(clients.submit(() -> p.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body)).status()));
        }
      }
      // Someone from another workspace posts at the same time: refused alone, as if on their own.
      Future<Integer> stranger = clients.submit(() ->
          team.eve.api().post("/api/v1/threads/" + threads.get(0) + "/replies", Map.of("body", "hello?")).status());
      for (Future<Integer> post : posts) assertThat(post.get(60, TimeUnit.SECONDS)).isEqualTo(201);
      assertThat(stranger.get(60, TimeUnit.SECONDS)).isEqualTo(404);
    }

    Map<String, Map<String, Integer>> expected = new HashMap<>(); // person id -> thread -> unread
    int replies = 0;
    for (String thread : threads) {
      JsonNode t = team.ana.api().get("/api/v1/threads/" + thread).json();
      List<String> authors = new ArrayList<>();
      authors.add(t.path("author").path("id").asText());
      t.get("replies").forEach(r -> authors.add(r.path("author").path("id").asText()));
      replies += authors.size() - 1;
      for (Team.Person p : people) {
        int unread = 0;
        for (String author : authors) unread = author.equals(p.id()) ? 0 : unread + 1;
        expected.computeIfAbsent(p.id(), k -> new HashMap<>()).put(thread, unread);
      }
    }
    assertThat(replies).isEqualTo(people.size() * REPLIES_EACH);
    for (Team.Person p : people) {
      Map<String, Integer> shown = new HashMap<>();
      for (JsonNode item : p.api().get("/api/v1/inbox").json().get("items")) {
        if (threads.contains(item.path("threadId").asText())) shown.put(item.path("threadId").asText(), item.path("unreadCount").asInt());
      }
      Map<String, Integer> want = new HashMap<>();
      expected.get(p.id()).forEach((thread, n) -> { if (n > 0) want.put(thread, n); });
      assertThat(shown).as("%s's inbox", p.name()).isEqualTo(want);
    }
    JsonNode listed = team.ana.api().get("/api/v1/spaces/" + product + "/threads").json();
    int counted = 0;
    for (JsonNode t : listed.get("threads")) counted += t.path("replyCount").asInt();
    assertThat(counted).isEqualTo(people.size() * REPLIES_EACH);
  }

  @Test
  void aReplyRefusedOnceFoundLeavesNoCountBehind() {
    // On PostgreSQL a batch is found and counted in one round trip (Replies.writeInOneGo); a reply refused there is
    // rolled back and read again the slow way, so its count must not stay on the thread.
    String thread = startThread("Budget");
    String secret = team.createSpace(team.ana, "Leads", "private");
    var hidden = team.ana.api().post("/api/v1/spaces/" + secret + "/threads", Map.of("title", "Salaries", "body", "Numbers."));
    assertThat(hidden.status()).as(hidden.body()).isEqualTo(201);
    assertThat(team.bo.api().post("/api/v1/threads/" + hidden.text("id") + "/replies", Map.of("body", "may I?")).status()).isEqualTo(404);
    assertThat(team.eve.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "hello?")).status()).isEqualTo(404);
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Agreed.")).status()).isEqualTo(201);

    JsonNode leads = team.ana.api().get("/api/v1/spaces/" + secret + "/threads").json();
    assertThat(leads.get("threads").get(0).path("replyCount").asInt()).isZero();
    JsonNode listed = team.ana.api().get("/api/v1/spaces/" + product + "/threads").json();
    assertThat(listed.get("threads").get(0).path("replyCount").asInt()).isEqualTo(1);
    JsonNode cy = team.cy.api().get("/api/v1/inbox").json().get("items");
    assertThat(cy).hasSize(1);
    assertThat(cy.get(0).path("unreadCount").asInt()).as("the opening post and bo's reply").isEqualTo(2);
  }

  private String startThread(String title) {
    var r = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", title, "body", "Thoughts?"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }
}
