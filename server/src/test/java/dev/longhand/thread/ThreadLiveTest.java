package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class ThreadLiveTest {
  private static final String END = "\u0000end";
  @Parameter Db db;
  Team team;
  String thread;
  HttpClient http;

  @BeforeEach
  void setUp() {
    team = Team.of(db);
    String space = team.createSpace(team.ana, "Product", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Live", "body", "Watch this")).text("id");
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void tearDown() {
    http.shutdownNow();
  }

  /** Opens the thread's event stream as someone, and collects its lines; the stream's end is marked. */
  private BlockingQueue<String> subscribe(Team.Person who) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    HttpRequest request = HttpRequest.newBuilder(URI.create(team.anonymous.base() + "/threads/" + thread + "/events"))
        .header("Accept", "text/event-stream")
        .header("Authorization", "Bearer " + who.token())
        .build();
    CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    java.lang.Thread.ofVirtual().start(() -> {
      try (Stream<String> body = response.join().body()) {
        body.forEach(lines::add);
      } catch (RuntimeException closed) {
        // the client shut down: the stream simply ends
      }
      lines.add(END);
    });
    return lines;
  }

  private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line == null) continue;
      if (line.equals(END)) return END;
      if (line.startsWith(prefix)) return line;
    }
    return null;
  }

  @Test
  void aReplyIsAnnouncedToEveryoneWatchingTheThread() throws Exception {
    BlockingQueue<String> lines = subscribe(team.bo);
    assertThat(awaitLine(lines, ":")).as("subscription confirmed").isNotNull().isNotEqualTo(END);

    String reply = team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Here I am")).text("id");

    assertThat(awaitLine(lines, "event:")).isEqualTo("event: reply");
    String data = awaitLine(lines, "data:");
    assertThat(data).contains("\"threadId\":\"" + thread + "\"").contains("\"replyId\":\"" + reply + "\"");

    team.ana.api().post("/api/v1/threads/" + thread + "/acknowledgements", Map.of());
    assertThat(awaitLine(lines, "event:")).isEqualTo("event: acknowledged");
  }

  @Test
  void peopleWhoCannotReadTheThreadGetNoStream() throws Exception {
    BlockingQueue<String> lines = subscribe(team.eve);
    assertThat(awaitLine(lines, "event:")).isEqualTo(END);
    BlockingQueue<String> guest = subscribe(team.gil);
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "secret-ish"));
    assertThat(awaitLine(guest, "event:")).isEqualTo(END);
  }

  @Test
  void theReplyFragmentRendersTheReplyForThePage() {
    String reply = team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "**Bold** move")).text("id");
    var fragment = team.bo.api().get("/threads/" + thread + "/replies/" + reply + "/fragment");
    assertThat(fragment.status()).isEqualTo(200);
    assertThat(fragment.body()).startsWith("<article").contains("id=\"reply-" + reply + "\"", "<strong>Bold</strong>", team.cy.name());
    assertThat(team.eve.api().get("/threads/" + thread + "/replies/" + reply + "/fragment").status()).isEqualTo(404);
  }
}
