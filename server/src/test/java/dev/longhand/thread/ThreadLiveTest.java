package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.Team;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
    return subscribe(who, thread);
  }

  private BlockingQueue<String> subscribe(Team.Person who, String thread) {
    return subscribe(who, thread, "", Map.of());
  }

  private BlockingQueue<String> subscribe(Team.Person who, String thread, String query, Map<String, String> headers) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(team.anonymous.base() + "/threads/" + thread + "/events" + query))
        .header("Accept", "text/event-stream")
        .header("Authorization", "Bearer " + who.token());
    headers.forEach(builder::header);
    HttpRequest request = builder.build();
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

  /**
   * A page is rendered, then its script opens the stream: a reply posted in between was announced to nobody. The page
   * sends the last reply it shows, and hears what came after it; a browser reconnecting sends the last event's id.
   */
  @Test
  void aPageHearsTheRepliesPostedBeforeItsStreamOpened() throws Exception {
    String shown = team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "On the page")).text("id");
    String missed = team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Posted while the page loaded")).text("id");

    BlockingQueue<String> page = subscribe(team.ana, thread, "?after=" + shown, Map.of());
    assertThat(awaitLine(page, ":")).as("subscription confirmed").isNotNull().isNotEqualTo(END);
    // (the live announcement of the reply it shows may still come, too: the page ignores replies it has)
    assertThat(awaitLine(page, "id: " + missed)).as("the missed reply, with its id").isEqualTo("id: " + missed);
    assertThat(awaitLine(page, "event:")).isEqualTo("event: reply");
    assertThat(awaitLine(page, "data:")).contains("\"replyId\":\"" + missed + "\"");

    // The live announcements of the replies so far are made by a consumer that may lag (PostgreSQL, a busy fork): let
    // them all go out first, or the reconnected stream would hear a late one of them, rightly, and not only what
    // came after its last event.
    assertThat(TestServers.get(db).dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
    String later = team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "After a dropped connection")).text("id");
    BlockingQueue<String> reconnected = subscribe(team.ana, thread, "?after=" + shown, Map.of("Last-Event-ID", missed));
    String caughtUp;
    do caughtUp = awaitLine(reconnected, "data:"); while (caughtUp != null && !caughtUp.equals(END) && !caughtUp.contains(later)); // after the look back
    assertThat(caughtUp).as("what came after its last event").contains("\"replyId\":\"" + later + "\"");
    String heard;
    do heard = awaitLine(page, "data:"); while (heard != null && !heard.equals(END) && !heard.contains(later)); // after any repeats
    assertThat(heard).as("the open stream hears it live").contains("\"replyId\":\"" + later + "\"");

    BlockingQueue<String> outsider = subscribe(team.eve, thread, "?after=" + shown, Map.of());
    assertThat(awaitLine(outsider, "event:")).isEqualTo(END);
  }

  /**
   * Ids are made before commit, on any node: a reply can commit, and be announced, after one with a larger id. A page
   * that heard the larger one, lost its stream before the smaller one came and reconnects with the larger one's id
   * hears the smaller one in the catch-up, which looks again at replies made shortly before its last event's. One made
   * long before is not repeated.
   */
  @Test
  void aReconnectingPageHearsAReplyThatCommittedAfterItsLastEventThoughItsIdIsSmaller() throws Exception {
    String earlier = team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Made first, committed late")).text("id");
    String last = team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Heard before the drop")).text("id");
    assertThat(Long.parseLong(earlier)).isLessThan(Long.parseLong(last));
    assertThat(TestServers.get(db).dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();

    BlockingQueue<String> reconnected = subscribe(team.ana, thread, "", Map.of("Last-Event-ID", last));
    assertThat(awaitLine(reconnected, "id: " + earlier)).as("the reply made before the last event's, heard again").isEqualTo("id: " + earlier);

    long longBefore = dev.longhand.store.Ids.lowestAt(dev.longhand.store.Ids.millisOf(Long.parseLong(earlier)) + ThreadLive.LATE_COMMIT_MILLIS + 1);
    assertThat(ThreadLive.lookAgainFrom(longBefore)).as("a catch-up from an id made long after looks back past nothing of it")
        .isGreaterThanOrEqualTo(Long.parseLong(earlier));
  }

  @Test
  void editsAndDeletesReachOpenPages() throws Exception {
    BlockingQueue<String> lines = subscribe(team.bo);
    assertThat(awaitLine(lines, ":")).as("subscription confirmed").isNotNull().isNotEqualTo(END);
    String reply = team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Frist")).text("id");
    assertThat(awaitLine(lines, "event:")).isEqualTo("event: reply");

    assertThat(team.cy.api().put("/api/v1/replies/" + reply, Map.of("body", "First")).status()).isEqualTo(200);
    assertThat(awaitLine(lines, "event:")).isEqualTo("event: reply-edited");
    assertThat(awaitLine(lines, "data:")).contains("\"replyId\":\"" + reply + "\"");

    assertThat(team.cy.api().delete("/api/v1/replies/" + reply).status()).isEqualTo(204);
    assertThat(awaitLine(lines, "event:")).isEqualTo("event: reply-deleted");
    assertThat(awaitLine(lines, "data:")).contains("\"replyId\":\"" + reply + "\"");

    assertThat(team.ana.api().put("/api/v1/threads/" + thread, Map.of("title", "Live, renamed")).status()).isEqualTo(200);
    assertThat(awaitLine(lines, "event:")).isEqualTo("event: thread-edited");
    assertThat(team.ana.api().delete("/api/v1/threads/" + thread).status()).isEqualTo(204);
    assertThat(awaitLine(lines, "event:")).isEqualTo("event: thread-deleted");
  }

  @Test
  void someoneRemovedLosesTheirOpenStreamsAndHearsNothingMore() throws Exception {
    String secret = team.createSpace(team.ana, "Leadership", "private");
    assertThat(team.ana.api().post("/api/v1/spaces/" + secret + "/members", Map.of("accountId", team.cy.id())).status()).isIn(200, 201, 204);
    String hidden = team.ana.api().post("/api/v1/spaces/" + secret + "/threads", Map.of("title", "Reorg", "body", "Quiet")).text("id");
    BlockingQueue<String> cyOnHidden = subscribe(team.cy, hidden);
    BlockingQueue<String> boOnPublic = subscribe(team.bo, thread);
    BlockingQueue<String> cyOnPublic = subscribe(team.cy, thread);
    for (var lines : List.of(cyOnHidden, boOnPublic, cyOnPublic)) assertThat(awaitLine(lines, ":")).isNotNull().isNotEqualTo(END);

    // off the private space: that stream ends; the public thread's stays, as Cy still reads it
    assertThat(team.ana.api().delete("/api/v1/spaces/" + secret + "/members/" + team.cy.id()).status()).isEqualTo(204);
    assertThat(awaitLine(cyOnHidden, "event:")).isEqualTo(END);
    team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Still here"));
    assertThat(awaitLine(cyOnPublic, "event:")).isEqualTo("event: reply");
    assertThat(awaitLine(boOnPublic, "event:")).isEqualTo("event: reply");

    // out of the workspace: every stream of theirs ends before the next reply is announced
    assertThat(team.ana.api().delete("/api/v1/workspaces/" + team.workspaceId + "/members/" + team.bo.id()).status()).isEqualTo(204);
    team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "After Bo left"));
    assertThat(awaitLine(boOnPublic, "event:")).isEqualTo(END);
    assertThat(awaitLine(cyOnPublic, "event:")).isEqualTo("event: reply");
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

  /**
   * Pages that go away without a word (a closed laptop, a dropped connection) must not keep their stream, nor its
   * file descriptor: the next write to them, or the heartbeat, finds them gone. The test calls the heartbeat rather
   * than waiting for its timer.
   */
  @Test
  void abandonedStreamsAreClosedAndTheirDescriptorsFreed() throws Exception {
    ThreadLive live = dev.longhand.testkit.TestServers.get(db).threadLive();
    long threadId = dev.longhand.store.Ids.parse(thread);
    int streamsBefore = live.openStreams(threadId); // this thread's only: other tests' streams come and go meanwhile
    long descriptorsBefore = openDescriptors();
    var url = URI.create(team.anonymous.base());
    java.util.List<java.net.Socket> sockets = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      var socket = new java.net.Socket(url.getHost(), url.getPort());
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /threads/" + thread + "/events HTTP/1.1\r\nHost: " + url.getAuthority()
          + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + team.bo.token() + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String seen = "";
      byte[] buffer = new byte[4096];
      while (!seen.contains("subscribed")) {
        int n = socket.getInputStream().read(buffer);
        assertThat(n).as("stream opened").isPositive();
        seen += new String(buffer, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
      }
      sockets.add(socket);
    }
    assertThat(live.openStreams(threadId)).isEqualTo(streamsBefore + 100);
    for (var socket : sockets) socket.close();

    team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Anyone still here?"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (live.openStreams(threadId) > streamsBefore && System.nanoTime() < deadline) {
      live.heartbeat();
      java.lang.Thread.sleep(200);
    }
    assertThat(live.openStreams(threadId)).as("streams still listed").isLessThanOrEqualTo(streamsBefore);
    if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/fd"))) {
      while (openDescriptors() > descriptorsBefore + 20 && System.nanoTime() < deadline) java.lang.Thread.sleep(200);
      assertThat(openDescriptors()).as("descriptors, from " + descriptorsBefore).isLessThan(descriptorsBefore + 20);
    }
  }

  private static long openDescriptors() throws java.io.IOException {
    java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
    if (!java.nio.file.Files.isDirectory(fds)) return 0;
    try (var list = java.nio.file.Files.list(fds)) {
      return list.count();
    }
  }
}
