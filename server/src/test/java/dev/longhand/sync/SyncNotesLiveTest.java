package dev.longhand.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** Open session pages hear of saved notes and of the closing, after commit; outsiders and the removed hear nothing. */
@ParameterizedClass
@EnumSource(Db.class)
class SyncNotesLiveTest {
  private static final String END = "\u0000end";
  @Parameter Db db;
  Team team;
  String space;
  String session;
  HttpClient http;

  @BeforeEach
  void aSessionInAPrivateSpace() {
    team = Team.of(db);
    space = team.createSpace(team.ana, "Leadership", "private");
    team.ana.api().post("/api/v1/spaces/" + space + "/members", Map.of("accountId", team.bo.id()));
    team.ana.api().post("/api/v1/spaces/" + space + "/members", Map.of("accountId", team.cy.id()));
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Reorg", "body", "Let us talk")).text("id");
    session = team.ana.api().post("/api/v1/threads/" + thread + "/sync-sessions", Map.of("purpose", "Agree the reorg",
        "agenda", List.of("Teams"), "participants", List.of(team.bo.id(), team.cy.id()), "minutes", 30)).text("id");
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void tearDown() {
    http.shutdownNow();
  }

  private BlockingQueue<String> subscribe(Team.Person who) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    HttpRequest request = HttpRequest.newBuilder(URI.create(team.anonymous.base() + "/sync-sessions/" + session + "/notes/events"))
        .header("Accept", "text/event-stream").header("Authorization", "Bearer " + who.token()).build();
    CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    Thread.ofVirtual().start(() -> {
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
  void savedNotesAndTheClosingReachEveryOpenPageOfTheSession() throws Exception {
    BlockingQueue<String> cy = subscribe(team.cy);
    assertThat(awaitLine(cy, ":")).as("subscription confirmed").isNotNull().isNotEqualTo(END);
    team.bo.api().put("/api/v1/sync-sessions/" + session + "/notes", Map.of("items", List.of(Map.of("agendaIndex", 0, "notes", "Two teams"))));
    assertThat(awaitLine(cy, "event:")).isEqualTo("event: notes");
    assertThat(awaitLine(cy, "data:")).contains("\"sessionId\":\"" + session + "\"", "\"savedBy\":\"" + team.bo.id() + "\"");

    var closed = team.ana.api().post("/api/v1/sync-sessions/" + session + "/close", Map.of("noDecisionBecause", "HR first."));
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(awaitLine(cy, "event:")).isEqualTo("event: closed");
  }

  @Test
  void outsidersAreRefusedAndSomeoneTakenOffTheSpaceLosesTheirStream() throws Exception {
    assertThat(awaitLine(subscribe(team.eve), ":")).as("another workspace").isEqualTo(END);
    assertThat(awaitLine(subscribe(team.gil), ":")).as("a guest outside the space").isEqualTo(END);

    BlockingQueue<String> cy = subscribe(team.cy);
    assertThat(awaitLine(cy, ":")).isNotNull().isNotEqualTo(END);
    assertThat(team.ana.api().delete("/api/v1/spaces/" + space + "/members/" + team.cy.id()).status()).isEqualTo(204);
    assertThat(awaitLine(cy, "event:")).as("closed before anything more is said").isEqualTo(END);
  }
}
