package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Slow mode: who may set it, what it refuses (429 with Retry-After, naming the time) through the API and the page. */
@ParameterizedClass
@EnumSource(Db.class)
class SlowModeTest {
  @Parameter Db db;
  Team team;
  String thread;

  @BeforeEach
  void scene() {
    team = Team.of(db);
    String product = team.createSpace(team.ana, "Product", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Pricing", "body", "Heated, again.")).text("id");
  }

  private static Map<String, Object> interval(Object value) {
    Map<String, Object> body = new HashMap<>();
    body.put("interval", value);
    return body;
  }

  @Test
  void onlyTheAuthorTheSpacesCreatorOrAnAdminSetsSlowModeAndBadIntervalsAreRefusedNamingInterval() {
    String path = "/api/v1/threads/" + thread + "/slow-mode";
    assertThat(team.cy.api().put(path, interval("PT30M")).status()).as("a reader who is none of them").isEqualTo(403);
    assertThat(team.eve.api().put(path, interval("PT30M")).status()).as("another workspace").isEqualTo(404);
    for (Object bad : new Object[] {"30 minutes", "PT10S", "P2D", 30}) {
      Api.Response r = team.ana.api().put(path, interval(bad));
      assertThat(r.status()).as(String.valueOf(bad)).isEqualTo(400);
      assertThat(r.text("field")).isEqualTo("interval");
    }
    Api.Response missing = team.ana.api().put(path, Map.of());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("field")).isEqualTo("interval");
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "One")).status()).isEqualTo(201);
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Two")).status())
        .as("nothing was set by the refusals").isEqualTo(201);

    Api.Response set = team.ana.api().put(path, interval("PT30M"));
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.text("interval")).isEqualTo("PT30M");
    assertThat(set.json().get("nextReplyAt").isNull()).isTrue();
  }

  @Test
  void aReplyTooSoonIsRefusedWithRetryAfterAndTheTimeAndOthersStillReply() {
    String path = "/api/v1/threads/" + thread + "/slow-mode";
    assertThat(team.ana.api().put(path, interval("PT30M")).status()).isEqualTo(200);
    Api.Response first = team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "My view, once."));
    assertThat(first.status()).isEqualTo(201);
    Instant next = Instant.parse(first.text("createdAt")).plus(Duration.ofMinutes(30));

    Api.Response second = team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "And another thing!"));
    assertThat(second.status()).isEqualTo(429);
    long retry = Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retry).isBetween(1L, 1800L);
    assertThat(second.text("field")).isEqualTo("body");
    assertThat(second.text("detail")).contains("one reply every 30 minutes").contains(next.toString());
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().get("replyCount").asInt()).as("nothing written").isEqualTo(1);

    // Ana's own replies have their own interval; Bo's status names when he may reply
    assertThat(team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Noted.")).status()).isEqualTo(201);
    Api.Response bo = team.bo.api().put(path, interval("PT30M"));
    assertThat(bo.status()).as("Bo may not change it").isEqualTo(403);

    // turned off, Bo may reply again at once
    assertThat(team.ana.api().put(path, interval(null)).json().get("interval").isNull()).isTrue();
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "And another thing.")).status()).isEqualTo(201);
  }

  @Test
  void fiveRepliesBoSendsAtOnceAreRefusedButOneOrAtMostOnePerBatchInFlight() throws Exception {
    assertThat(team.ana.api().put("/api/v1/threads/" + thread + "/slow-mode", interval("PT30M")).status()).isEqualTo(200);
    var start = new java.util.concurrent.CountDownLatch(1);
    var statuses = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
    List<java.lang.Thread> senders = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      senders.add(java.lang.Thread.ofVirtual().start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        statuses.add(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Point " + n)).status());
      }));
    }
    start.countDown();
    for (java.lang.Thread t : senders) t.join();
    long written = statuses.stream().filter(s -> s == 201).count();
    // within one batch the second reply is refused in the batch's read; a batch reads after the one before the
    // batch in flight committed, and at most two batches are written at once
    assertThat(written).isBetween(1L, 2L);
    assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(5 - written);
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().get("replyCount").asInt()).isEqualTo((int) written);
  }

  @Test
  void thePageSaysWhenBoMayReplyAndARefusedReplyKeepsItsText() {
    String base = TestServers.get(db).baseUrl();
    WebSession ana = WebSession.signedIn(base, team.ana.email(), "correct horse battery");
    WebSession bo = WebSession.signedIn(base, team.bo.email(), "correct horse battery");
    assertThat(ana.get("/threads/" + thread + "/slow-mode").body()).contains("name=\"interval\"");
    assertThat(bo.get("/threads/" + thread + "/slow-mode").body()).doesNotContain("name=\"interval\"")
        .contains("Only the thread's author");
    assertThat(bo.postForm("/threads/" + thread + "/slow-mode", Map.of("interval", "PT1H")).statusCode()).isEqualTo(403);
    HttpResponse<String> bad = ana.postForm("/threads/" + thread + "/slow-mode", Map.of("interval", "forever"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"slow-error\"");
    assertThat(ana.postForm("/threads/" + thread + "/slow-mode", Map.of("interval", "PT1H")).statusCode()).isEqualTo(303);

    assertThat(bo.get("/threads/" + thread).body()).contains("id=\"slow-mode-note\"").contains("One reply every 1 hour per person")
        .contains("You may reply now");
    assertThat(bo.postForm("/threads/" + thread + "/replies", Map.of("body", "First, calmly.")).statusCode()).isEqualTo(303);
    assertThat(bo.get("/threads/" + thread).body()).contains("You may reply again at");

    HttpResponse<String> refused = bo.postForm("/threads/" + thread + "/replies", Map.of("body", "Second thought, right away"));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("This thread is in slow mode: you may reply again at").contains("id=\"reply-error\"")
        .contains("Second thought, right away</textarea>");

    assertThat(ana.postForm("/threads/" + thread + "/slow-mode", Map.of("interval", "off")).statusCode()).isEqualTo(303);
    assertThat(bo.get("/threads/" + thread).body()).doesNotContain("id=\"slow-mode-note\"");
  }
}
