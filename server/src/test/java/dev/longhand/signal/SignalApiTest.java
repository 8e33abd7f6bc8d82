package dev.longhand.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.Longhand;
import dev.longhand.calendar.CalendarService;
import dev.longhand.event.SyncSessionClosed;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.store.OutboxEvent;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Escalation signals through the API and the thread page, computed by the `signals` consumer from a thread's events. */
@ParameterizedClass
@EnumSource(Db.class)
class SignalApiTest {
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

  /** Ana's thread and the six quick, heated replies she and Bo exchange; the thread's id first, then the replies'. */
  private List<String> heatedExchange() {
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads",
        Map.of("title", "Pricing page", "body", "Let us settle the pricing page copy today.")).text("id");
    List<String> ids = new ArrayList<>(List.of(thread));
    String[][] lines = {
        {"bo", "This copy is ridiculous, nobody reads three paragraphs."},
        {"ana", "You never read the research!!"},
        {"bo", "I did. Your reading of it is absurd."},
        {"ana", "Then propose something better."},
        {"bo", "Two lines and a table."},
        {"ana", "Fine, draft it."}};
    for (String[] line : lines) {
      Team.Person who = line[0].equals("ana") ? team.ana : team.bo;
      var r = who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", line[1]));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      ids.add(r.text("id"));
    }
    idle();
    return ids;
  }

  private void idle() {
    try {
      assertThat(server.dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode signal(JsonNode answer, String id) {
    for (JsonNode s : answer.get("signals")) if (s.get("id").asText().equals(id)) return s;
    return null;
  }

  @Test
  void aHeatedFastExchangeBetweenAnaAndBoRaisesFastBackAndForthAndHeatedToneWithTheirEvidence() {
    List<String> ids = heatedExchange();
    var answer = team.cy.api().get("/api/v1/threads/" + ids.getFirst() + "/signals");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode fast = signal(answer.json(), "fast-back-and-forth");
    assertThat(fast).as(answer.body()).isNotNull();
    assertThat(fast.get("score").asDouble()).isEqualTo(1.0);
    assertThat(fast.get("explanation").asText()).contains("7 posts changing hands 6 times between Ana").contains(" and Bo");
    List<String> fastPosts = new ArrayList<>();
    fast.get("evidence").forEach(e -> fastPosts.add(e.get("replyId").asText()));
    assertThat(fastPosts).isEqualTo(ids);

    JsonNode heated = signal(answer.json(), "heated-tone");
    assertThat(heated).as(answer.body()).isNotNull();
    List<String> found = new ArrayList<>();
    heated.get("evidence").forEach(e -> found.add(e.get("replyId").asText() + ":" + e.get("text").asText()));
    assertThat(found).containsExactly(ids.get(1) + ":ridiculous", ids.get(2) + ":You never", ids.get(2) + ":!!", ids.get(3) + ":absurd");
    assertThat(heated.get("explanation").asText()).isEqualTo("Heated words: “ridiculous”, “you never”, “!!”, “absurd”");
    assertThat(heated.get("score").asDouble()).isEqualTo(1.0);

    JsonNode suggestion = answer.json().get("suggestion");
    assertThat(suggestion.get("kind").asText()).isEqualTo("slow-mode");
    assertThat(suggestion.get("reasons").toString()).contains("Heated words").contains("changing hands");

    // The page shows the calm suggestion with its reasons; slow mode only to whoever may turn it on (Ana wrote the thread)
    String anaPage = anaWeb().get("/threads/" + ids.getFirst()).body();
    assertThat(anaPage).contains("id=\"suggestion\"").contains("Heated words").contains("/threads/" + ids.getFirst() + "/sync-sessions/new")
        .contains("/threads/" + ids.getFirst() + "/brainstorms/new").contains("Turn on slow mode");
    String cyPage = WebSession.signedIn(server.baseUrl(), team.cy.email(), "correct horse battery").get("/threads/" + ids.getFirst()).body();
    assertThat(cyPage).contains("id=\"suggestion\"").doesNotContain("Turn on slow mode");
  }

  @Test
  void dismissingWithAReasonStopsTheNagUntilANewSignalComes() {
    List<String> ids = heatedExchange();
    String thread = ids.getFirst();
    var missing = team.bo.api().post("/api/v1/threads/" + thread + "/signals/dismissal", Map.of("reason", "  "));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("field")).isEqualTo("reason");
    assertThat(team.bo.api().get("/api/v1/threads/" + thread + "/signals").json().get("suggestion").isNull()).as("nothing changed").isFalse();

    var dismissed = team.bo.api().post("/api/v1/threads/" + thread + "/signals/dismissal", Map.of("reason", "We are fine, just direct"));
    assertThat(dismissed.status()).isEqualTo(200);
    assertThat(dismissed.json().get("suggestion").isNull()).isTrue();
    assertThat(dismissed.json().get("signals")).isNotEmpty();

    // the same signals again do not nag, for anyone
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Draft is up."));
    idle();
    assertThat(team.ana.api().get("/api/v1/threads/" + thread + "/signals").json().get("suggestion").isNull()).isTrue();
    assertThat(anaWeb().get("/threads/" + thread).body()).doesNotContain("id=\"suggestion\"");

    // a new signal may
    team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Wait, checkout is down. Outage, sev1."));
    idle();
    JsonNode back = team.ana.api().get("/api/v1/threads/" + thread + "/signals").json();
    assertThat(back.get("suggestion").get("kind").asText()).isEqualTo("sync");
    assertThat(back.get("suggestion").get("reasons").toString()).contains("Crisis words").doesNotContain("Heated words");
  }

  @Test
  void aCalmThreadShowsNothing() {
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads",
        Map.of("title", "Release notes", "body", "Draft for Friday is in the doc.")).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Looks good to me."));
    idle();
    var answer = team.cy.api().get("/api/v1/threads/" + thread + "/signals");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("signals")).isEmpty();
    assertThat(answer.json().get("suggestion").isNull()).isTrue();
    assertThat(anaWeb().get("/threads/" + thread).body()).doesNotContain("id=\"suggestion\"");
  }

  @Test
  void onlyReadersOfTheThreadSeeOrDismissItsSignals() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    String thread = team.ana.api().post("/api/v1/spaces/" + vault + "/threads", Map.of("title", "Secret", "body", "Outage, sev1!")).text("id");
    idle();
    assertThat(team.ana.api().get("/api/v1/threads/" + thread + "/signals").json().get("signals")).isNotEmpty();
    assertThat(team.cy.api().get("/api/v1/threads/" + thread + "/signals").status()).isEqualTo(404);
    assertThat(team.eve.api().get("/api/v1/threads/" + thread + "/signals").status()).isEqualTo(404);
    assertThat(team.cy.api().post("/api/v1/threads/" + thread + "/signals/dismissal", Map.of("reason", "no")).status()).isEqualTo(404);
    assertThat(team.cy.api().post("/api/v1/threads/" + thread + "/signals/dismissal", Map.of()).status()).as("before the body").isEqualTo(404);
    assertThat(team.ana.api().get("/api/v1/threads/" + thread + "/signals").json().get("suggestion").isNull()).as("still there").isFalse();
  }

  @Test
  void aClosedSyncSessionAnswersTheSignalsThatLedToIt() {
    List<String> ids = heatedExchange();
    long thread = Long.parseLong(ids.getFirst());
    assertThat(team.ana.api().get("/api/v1/threads/" + thread + "/signals").json().get("suggestion").isNull()).isFalse();
    // the sync helper appends SyncSessionClosed when a session closes; here it is handed to a consumer as the dispatcher would
    ObjectMapper json = new ObjectMapper();
    Clock clock = Clock.systemUTC();
    Ids ids2 = new Ids(clock, 9);
    WorkspaceService workspaces = new WorkspaceService(server.database(), ids2, clock, new Outbox(ids2, clock, json));
    SignalService signals = new SignalService(server.database(), clock, null, new CalendarService(server.database(), ids2, clock, workspaces),
        server.dueWork(), json);
    SignalConsumer consumer = new SignalConsumer(server.database(), signals);
    consumer.accept(List.of(new OutboxEvent(1, Long.parseLong(team.workspaceId),
        new SyncSessionClosed(42L, thread, null, Long.parseLong(team.ana.id())), clock.millis())));
    consumer.caughtUp(); // as the dispatcher says once it has handed over every event committed so far
    JsonNode after = team.ana.api().get("/api/v1/threads/" + thread + "/signals").json();
    assertThat(after.get("suggestion").isNull()).isTrue();
    assertThat(after.get("signals")).isNotEmpty();
  }

  private WebSession anaWeb() {
    return WebSession.signedIn(server.baseUrl(), team.ana.email(), "correct horse battery");
  }
}
