package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The top bar's badges: threads in the inbox and unread entries of the notification centre, by the API and live on the
 * page's one event stream; notices about one thread grouped into one entry that lands on its first unread reply.
 */
@ParameterizedClass
@EnumSource(Db.class)
class LiveBadgesTest {
  @Parameter Db db;
  Team team;
  String space;

  @BeforeEach
  void team() {
    team = Team.of(db);
    space = team.createSpace(team.ana, "Launch", "public");
  }

  private void idle() throws InterruptedException {
    assertThat(TestServers.get(db).dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();
  }

  private String thread(Team.Person who, String title, String body) {
    var r = who.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private String reply(Team.Person who, String thread, String body) {
    var r = who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private JsonNode badges(Team.Person who) throws InterruptedException {
    idle();
    var r = who.api().get("/api/v1/me/badges");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void badgesCountInboxThreadsAndUnreadNoticesAndFallWhenRead() throws InterruptedException {
    NotificationsApiTest.workingNow(team.bo);
    String first = thread(team.ana, "Launch plan", "@" + team.bo.handle() + " the numbers, please");
    String second = thread(team.ana, "Venue", "Somewhere warm");
    JsonNode b = badges(team.bo);
    assertThat(b.get("inbox").asInt()).isEqualTo(2);
    assertThat(b.get("notifications").asInt()).isEqualTo(1);
    assertThat(badges(team.ana).get("inbox").asInt()).as("one's own posts are never unread").isZero();

    // Reading the thread reads it in the inbox and reads its notices.
    assertThat(team.bo.api().post("/api/v1/threads/" + first + "/read", Map.of()).status()).isEqualTo(204);
    b = badges(team.bo);
    assertThat(b.get("inbox").asInt()).isEqualTo(1);
    assertThat(b.get("notifications").asInt()).isZero();

    reply(team.ana, second, "@" + team.bo.handle() + " and the date?");
    assertThat(badges(team.bo).get("notifications").asInt()).isEqualTo(1);
    assertThat(team.bo.api().post("/api/v1/notifications/read", Map.of()).status()).isEqualTo(200);
    b = badges(team.bo);
    assertThat(b.get("notifications").asInt()).isZero();
    assertThat(b.get("inbox").asInt()).as("marking notifications read leaves the inbox alone").isEqualTo(1);
    assertThat(team.anonymous.get("/api/v1/me/badges").status()).isEqualTo(401);
  }

  @Test
  void thePageStreamTellsItsCountsAtOnceAndWhenTheyMove() throws Exception {
    NotificationsApiTest.workingNow(team.bo);
    try (Events bo = new Events(TestServers.get(db).baseUrl(), team.bo.token())) {
      assertThat(bo.status).isEqualTo(200);
      JsonNode first = bo.next(e -> true);
      assertThat(first.get("inbox").asInt()).isZero();
      assertThat(first.get("notifications").asInt()).isZero();

      String t = thread(team.ana, "Launch plan", "Thoughts?");
      assertThat(bo.next(e -> e.get("inbox").asInt() == 1).get("notifications").asInt()).isZero();

      reply(team.cy, t, "@" + team.bo.handle() + " you should see this");
      // The reply's own event may come first, with the new count already (the notice committed meanwhile) and no
      // line; the notice's event then brings its line even though the count did not move.
      JsonNode mention = bo.next(e -> e.get("notifications").asInt() == 1 && !e.path("text").asText().isEmpty());
      assertThat(mention.get("text").asText()).contains("mentioned you in “Launch plan”");
      assertThat(mention.get("inbox").asInt()).isEqualTo(1);

      assertThat(team.bo.api().post("/api/v1/threads/" + t + "/read", Map.of()).status()).isEqualTo(204);
      bo.next(e -> e.get("inbox").asInt() == 0 && e.get("notifications").asInt() == 0);
    }
  }

  @Test
  void theStreamHasAPathOfItsOwnThatSignedOutCallersCannotOpen() {
    WebSession web = WebSession.signedIn(TestServers.get(db).baseUrl(), team.bo.email(), "correct horse battery");
    assertThat(new WebSession(TestServers.get(db).baseUrl()).getStream("/live/events", 2)).as("signed out").isNull();
    var page = web.get("/inbox");
    assertThat(page.body()).contains("data-badges=\"/live/events\"").doesNotContain("/notifications/events");
  }

  @Test
  void noticesAboutOneThreadAreOneEntryThatLandsOnItsFirstUnreadReply() throws InterruptedException {
    NotificationsApiTest.workingNow(team.ana);
    String t = thread(team.ana, "Launch plan", "Plans");
    String firstReply = reply(team.bo, t, "One");
    reply(team.cy, t, "Two");
    reply(team.bo, t, "Three");
    String other = thread(team.bo, "Venue", "@" + team.ana.handle() + " where?");
    idle();

    JsonNode entries = team.ana.api().get("/api/v1/notifications/entries").json();
    assertThat(entries.get("unread").asInt()).isEqualTo(2);
    assertThat(entries.get("entries")).hasSize(2);
    JsonNode grouped = entries.get("entries").get(1);
    assertThat(grouped.get("count").asInt()).isEqualTo(3);
    assertThat(grouped.get("text").asText()).isEqualTo("3 new replies in “Launch plan”");
    assertThat(grouped.get("link").asText()).isEqualTo("/threads/" + t + "/replies/" + firstReply);
    assertThat(grouped.get("unread").asBoolean()).isTrue();
    assertThat(entries.get("entries").get(0).get("link").asText()).isEqualTo("/threads/" + other);
    assertThat(badges(team.ana).get("notifications").asInt()).isEqualTo(2);

    // The centre page shows the entry once; opening it lands on the first unread reply and reads all three.
    WebSession web = WebSession.signedIn(TestServers.get(db).baseUrl(), team.ana.email(), "correct horse battery");
    String centre = web.get("/notifications").body();
    assertThat(centre).contains("3 new replies in “Launch plan”").contains("latest: ");
    var opened = web.postForm("/notifications/" + grouped.get("id").asText() + "/open", Map.of());
    assertThat(opened.statusCode()).isEqualTo(303);
    assertThat(opened.headers().firstValue("Location")).hasValue("/threads/" + t + "/replies/" + firstReply);
    idle();
    JsonNode after = team.ana.api().get("/api/v1/notifications/entries").json();
    assertThat(after.get("unread").asInt()).isEqualTo(1);
    assertThat(team.ana.api().get("/api/v1/notifications").json().get("unread").asInt()).as("all three read").isEqualTo(1);
    assertThat(badges(team.ana).get("notifications").asInt()).isEqualTo(1);
  }

  /** A page's event stream, read on a thread of its own: each {@code badges} event's data, in order. */
  static final class Events implements AutoCloseable {
    final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    final int status;
    private final InputStream body;

    Events(String base, String token) throws Exception {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/live/events"))
          .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
      HttpResponse<InputStream> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
      status = r.statusCode();
      body = r.body();
      ObjectMapper json = new ObjectMapper();
      java.lang.Thread.ofVirtual().start(() -> {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
          String event = "";
          for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith("event:")) event = line.substring(6).strip();
            else if (line.startsWith("data:") && event.equals("badges")) events.add(json.readTree(line.substring(5).strip()));
          }
        } catch (java.io.IOException closed) {
          // the test is done with it
        }
      });
    }

    /** The next event that matches, skipping others; fails when none comes within 15 s. */
    JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < end) {
        JsonNode e = events.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (e != null && wanted.test(e)) return e;
      }
      throw new AssertionError("no such badges event came; the last were " + events);
    }

    @Override
    public void close() throws java.io.IOException {
      body.close();
    }
  }
}
