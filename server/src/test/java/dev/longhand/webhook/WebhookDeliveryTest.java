package dev.longhand.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.config.Cidr;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Webhooks delivered for real: a server of its own on a test clock that allows loopback (LONGHAND_WEBHOOK_ALLOW), a
 * receiver on loopback, a reply's event signed as Standard Webhooks sign it (checked with their library), retries
 * with backoff driven by the clock, a day of failures ending in "failed", redirects not followed, redelivery, and a
 * receiver that never answers holding up neither posting nor other receivers.
 */
@ParameterizedClass
@EnumSource(Db.class)
class WebhookDeliveryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @Parameter Db db;
  TestClock clock;
  OwnServer own;
  Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    own = OwnServer.at(TestServers.config(db).withWebhookAllow(List.of(Cidr.parse("127.0.0.0/8", "test"))), clock, "Launch");
    receiver = new Receiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
    own.close();
  }

  @Test
  void aReplysEventReachesTheReceiverSignedAndOnlyItsOwnWorkspaces() throws Exception {
    var created = subscribe("/hook", "ReplyAdded");
    String secret = created.text("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(24);
    // another workspace's reply goes to nobody here
    String elsewhere = own.team.eve.api().post("/api/v1/workspaces/" + own.team.otherWorkspaceId + "/spaces",
        Map.of("name", "Elsewhere", "visibility", "public")).text("id");
    String eveThread = own.team.eve.api().post("/api/v1/spaces/" + elsewhere + "/threads", Map.of("title", "Hers", "body", "Hers")).text("id");
    own.team.eve.api().post("/api/v1/threads/" + eveThread + "/replies", Map.of("body", "Not for Acme"));
    String thread = own.team.bo.api().post("/api/v1/spaces/" + own.space + "/threads", Map.of("title", "Plan", "body", "The plan")).text("id");
    String reply = own.team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Agreed")).text("id");

    Receiver.Request heard = receiver.next();
    new com.standardwebhooks.Webhook(secret).verify(heard.body(), heard.headers()); // throws unless signed right, and recent
    assertThat(heard.header("webhook-signature")).startsWith("v1,");
    assertThat(heard.header("content-type")).startsWith("application/json");
    JsonNode body = JSON.readTree(heard.body());
    assertThat(body.path("type").asText()).isEqualTo("ReplyAdded");
    assertThat(body.path("id").asText()).isEqualTo(heard.header("webhook-id"));
    assertThat(body.path("workspaceId").asText()).isEqualTo(own.team.workspaceId);
    assertThat(body.path("data").path("replyId").isTextual()).isTrue();
    assertThat(body.path("data").path("replyId").asText()).isEqualTo(reply);
    assertThat(body.path("data").path("threadId").asText()).isEqualTo(thread);
    assertThat(body.path("data").path("authorId").asText()).isEqualTo(own.team.bo.id());
    assertThat(body.path("data").path("v").asInt()).isEqualTo(1);
    assertThat(Instant.parse(body.path("timestamp").asText())).isEqualTo(clock.instant());

    JsonNode d = awaitLog(created.text("id"), log -> log.size() == 1 && log.get(0).path("status").asText().equals("delivered")).get(0);
    assertThat(d.path("eventId").asText()).isEqualTo(body.path("id").asText());
    assertThat(d.path("kind").asText()).isEqualTo("ReplyAdded");
    assertThat(d.path("attempts").asInt()).isEqualTo(1);
    assertThat(d.path("lastStatus").asInt()).isEqualTo(200);
    assertThat(d.has("nextAttemptAt")).isFalse();
    assertThat(Instant.parse(d.path("deliveredAt").asText())).isEqualTo(clock.instant());
    own.server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    assertThat(receiver.drain()).as("only Acme's reply, once").isEmpty();
    assertThat(log(created.text("id"))).hasSize(1);
  }

  @Test
  void aFailedDeliveryIsRetriedWithDoublingWaitsUntilTheReceiverTakesIt() throws Exception {
    receiver.answer(500, 503, 200);
    String hook = subscribe("/hook", "ThreadPosted").text("id");
    Instant start = clock.instant();
    own.team.bo.api().post("/api/v1/spaces/" + own.space + "/threads", Map.of("title", "Plan", "body", "The plan"));
    Receiver.Request first = receiver.next();
    JsonNode d = awaitLog(hook, log -> log.get(0).path("attempts").asInt() == 1).get(0);
    assertThat(d.path("status").asText()).isEqualTo("pending");
    assertThat(d.path("lastStatus").asInt()).isEqualTo(500);
    assertThat(d.path("lastError").asText()).isEqualTo("answered 500");
    assertThat(Instant.parse(d.path("nextAttemptAt").asText())).isEqualTo(start.plus(Duration.ofMinutes(1)));

    clock.advance(Duration.ofMinutes(1));
    Receiver.Request second = receiver.next();
    assertThat(second.header("webhook-id")).isEqualTo(first.header("webhook-id"));
    assertThat(second.body()).isEqualTo(first.body());
    d = awaitLog(hook, log -> log.get(0).path("attempts").asInt() == 2).get(0);
    assertThat(d.path("lastStatus").asInt()).isEqualTo(503);
    assertThat(Instant.parse(d.path("nextAttemptAt").asText())).isEqualTo(start.plus(Duration.ofMinutes(3)));

    clock.advance(Duration.ofMinutes(2));
    receiver.next();
    d = awaitLog(hook, log -> log.get(0).path("status").asText().equals("delivered")).get(0);
    assertThat(d.path("attempts").asInt()).isEqualTo(3);
    assertThat(d.path("lastStatus").asInt()).isEqualTo(200);
    assertThat(d.has("lastError")).isFalse();
    assertThat(Instant.parse(d.path("deliveredAt").asText())).isEqualTo(start.plus(Duration.ofMinutes(3)));
  }

  /** 1, 2, 4 ... minutes apart, at most 4 hours, for a day: 13 tries, the last 20 h 15 min after the first. */
  @Test
  void afterADayOfFailuresTheDeliveryIsFailed() throws Exception {
    Integer[] always = new Integer[20];
    java.util.Arrays.fill(always, 500);
    receiver.answer(always);
    String hook = subscribe("/hook", "ThreadPosted").text("id");
    Instant start = clock.instant();
    own.team.bo.api().post("/api/v1/spaces/" + own.space + "/threads", Map.of("title", "Plan", "body", "The plan"));
    JsonNode d;
    int tries = 0;
    while (true) {
      receiver.next();
      tries++;
      int expected = tries;
      d = awaitLog(hook, log -> log.get(0).path("attempts").asInt() == expected).get(0);
      if (!d.has("nextAttemptAt")) break;
      clock.set(Instant.parse(d.path("nextAttemptAt").asText()));
    }
    assertThat(d.path("status").asText()).isEqualTo("failed");
    assertThat(tries).isEqualTo(13);
    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofHours(20).plusMinutes(15));
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    receiver.answer(302);
    String hook = subscribe("/hook", "ThreadPosted").text("id");
    own.team.bo.api().post("/api/v1/spaces/" + own.space + "/threads", Map.of("title", "Plan", "body", "The plan"));
    assertThat(receiver.next().path()).isEqualTo("/hook");
    JsonNode d = awaitLog(hook, log -> log.get(0).path("attempts").asInt() == 1).get(0);
    assertThat(d.path("status").asText()).isEqualTo("pending");
    assertThat(d.path("lastStatus").asInt()).isEqualTo(302);
    assertThat(d.path("lastError").asText()).contains("redirects are not followed");
    assertThat(receiver.drain()).as("nothing went to /elsewhere").isEmpty();
  }

  @Test
  void redeliverSendsTheSameMessageAgain() throws Exception {
    String hook = subscribe("/hook", "ThreadPosted").text("id");
    own.team.bo.api().post("/api/v1/spaces/" + own.space + "/threads", Map.of("title", "Plan", "body", "The plan"));
    Receiver.Request first = receiver.next();
    String delivery = awaitLog(hook, log -> log.get(0).path("status").asText().equals("delivered")).get(0).path("id").asText();
    clock.advance(Duration.ofHours(30)); // long after: a redelivery is not bound by the first day

    var again = own.team.ana.api().post("/api/v1/webhooks/" + hook + "/deliveries/" + delivery + "/redeliver", Map.of());
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.text("status")).isEqualTo("pending");
    Receiver.Request second = receiver.next();
    assertThat(second.header("webhook-id")).isEqualTo(first.header("webhook-id"));
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(Long.parseLong(second.header("webhook-timestamp")) - Long.parseLong(first.header("webhook-timestamp")))
        .isEqualTo(Duration.ofHours(30).toSeconds());
    JsonNode d = awaitLog(hook, log -> log.get(0).path("attempts").asInt() == 2).get(0);
    assertThat(d.path("status").asText()).isEqualTo("delivered");

    String other = subscribe("/other", "ReplyAdded").text("id");
    assertThat(own.team.ana.api().post("/api/v1/webhooks/" + other + "/deliveries/" + delivery + "/redeliver", Map.of()).status())
        .as("a delivery of another webhook").isEqualTo(404);
    assertThat(own.team.ana.api().post("/api/v1/webhooks/" + hook + "/deliveries/123456789/redeliver", Map.of()).status()).isEqualTo(404);
  }

  /**
   * A receiver that never answers: the reply's answer does not wait for it (it comes while the receiver still holds
   * the delivery), and another receiver still hears the next event meanwhile.
   */
  @Test
  void aReceiverThatNeverAnswersHoldsUpNeitherPostingNorOtherReceivers() throws Exception {
    subscribe("/hang", "ThreadPosted");
    String thread = own.team.bo.api().post("/api/v1/spaces/" + own.space + "/threads", Map.of("title", "Plan", "body", "The plan")).text("id");
    assertThat(receiver.next().path()).isEqualTo("/hang");
    subscribe("/fast", "ReplyAdded");

    var posted = own.team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Still here"));
    assertThat(posted.status()).isEqualTo(201);
    assertThat(receiver.holding()).as("the receiver still holds the first delivery when the reply is answered").isEqualTo(1);
    assertThat(receiver.next().path()).isEqualTo("/fast");
    assertThat(receiver.holding()).as("and still while the other receiver hears the reply").isEqualTo(1);
  }

  /**
   * One webhook has at most 4 sends under way: 7 events for a receiver that takes 3 s over each answer are sent at most
   * 4 at a time (without the limit one pass would send all 7 at once), and another webhook's event still goes out
   * meanwhile. The receiver answers well within the sender's 15 s, so a slow machine cannot free a place early.
   */
  @Test
  void aSlowReceiverTakesAtMostFourPlaces() throws Exception {
    String subscribed = subscribe("/pause", "ThreadPosted").text("id");
    for (int i = 0; i < 7; i++) own.team.bo.api().post("/api/v1/spaces/" + own.space + "/threads", Map.of("title", "Plan " + i, "body", "Go"));
    assertThat(receiver.next().path()).isEqualTo("/pause");
    subscribe("/fast", "ReplyAdded");
    String someThread = own.team.bo.api().post("/api/v1/spaces/" + own.space + "/threads", Map.of("title", "Other", "body", "x")).text("id");
    own.team.bo.api().post("/api/v1/threads/" + someThread + "/replies", Map.of("body", "Heard?"));
    List<String> paths = new java.util.ArrayList<>();
    while (paths.stream().filter("/pause"::equals).count() < 7 || !paths.contains("/fast")) {
      try {
        paths.add(receiver.next().path());
      } catch (AssertionError e) {
        throw new AssertionError("heard so far: " + paths + "; log: " + log(subscribed), e);
      }
    }
    assertThat(paths).as("the other webhook was heard").contains("/fast");
    assertThat(receiver.mostPausedAtOnce()).as("sends under way at once for the slow webhook").isBetween(1, 4);
  }

  private dev.longhand.testkit.Api.Response subscribe(String path, String... kinds) {
    var created = own.team.ana.api().post("/api/v1/workspaces/" + own.team.workspaceId + "/webhooks",
        Map.of("url", receiver.url(path), "events", List.of(kinds)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  private JsonNode log(String hook) {
    return own.team.ana.api().get("/api/v1/webhooks/" + hook + "/deliveries").json().path("deliveries");
  }

  /** The delivery log once it shows what the test waits for (a wait for the sender's write, not a timed assertion). */
  private JsonNode awaitLog(String hook, Predicate<JsonNode> ready) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode log = log(hook);
    while (!(log.size() > 0 && ready.test(log))) {
      if (System.nanoTime() > deadline) throw new AssertionError("the delivery log never got there: " + log);
      Thread.sleep(20);
      log = log(hook);
    }
    return log;
  }
}
