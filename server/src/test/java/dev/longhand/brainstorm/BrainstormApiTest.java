package dev.longhand.brainstorm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Brainstorms through the API on a server with a test clock, from Monday 2 March 2026 09:00 UTC: Ana starts one on a
 * thread of the Product space; ideas until 12:00, voting until 15:00. Ana, Bo and Cy give ideas and place dots.
 */
@ParameterizedClass
@EnumSource(Db.class)
class BrainstormApiTest {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final Instant IDEAS_UNTIL = Instant.parse("2026-03-02T12:00:00Z");
  static final Instant VOTES_UNTIL = Instant.parse("2026-03-02T15:00:00Z");
  @Parameter Db db;
  TestClock clock;
  Config config;
  Longhand server;
  Team team;
  String space;
  String thread;

  @BeforeEach
  void start() {
    clock = new TestClock(START);
    config = TestServers.config(db);
    server = Longhand.start(config, clock);
    team = Team.on(server);
    space = team.createSpace(team.ana, "Product", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Onboarding", "body", "New people get lost.")).text("id");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String startBrainstorm(Team.Person who, int dots) {
    var r = who.api().post("/api/v1/threads/" + thread + "/brainstorms", Map.of("prompt", "How do we welcome new people?",
        "ideasUntil", IDEAS_UNTIL.toString(), "votesUntil", VOTES_UNTIL.toString(), "dots", dots));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  static String idea(Team.Person who, String brainstorm, String text) {
    var r = who.api().post("/api/v1/brainstorms/" + brainstorm + "/ideas", Map.of("text", text));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("mine").asBoolean()).isTrue();
    return r.text("id");
  }

  static Api.Response vote(Team.Person who, String brainstorm, String idea) {
    return who.api().post("/api/v1/brainstorms/" + brainstorm + "/votes", Map.of("ideaId", idea));
  }

  void moveTo(Instant at) {
    clock.set(at);
    server.dueWork().runDue();
  }

  static void sleep(long millis) {
    try {
      java.lang.Thread.sleep(millis);
    } catch (InterruptedException e) {
      java.lang.Thread.currentThread().interrupt();
    }
  }

  static JsonNode get(Team.Person who, String brainstorm) {
    var r = who.api().get("/api/v1/brainstorms/" + brainstorm);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static List<String> texts(JsonNode ideas) {
    List<String> out = new ArrayList<>();
    ideas.forEach(i -> out.add(i.path("text").asText()));
    return out;
  }

  static void assertProblem(Api.Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.text("field")).as(r.body()).isEqualTo(field);
  }

  @Test
  void ideasAreSeenAsMineOnlyByTheirAuthorWhoAloneMayWithdrawThem() {
    String b = startBrainstorm(team.ana, 3);
    String buddies = idea(team.bo, b, "A buddy for the first week");
    String map = idea(team.bo, b, "A map of who knows what");
    idea(team.cy, b, "Record the onboarding talk");

    JsonNode bo = get(team.bo, b);
    assertThat(bo.path("phase").asText()).isEqualTo("ideas");
    assertThat(bo.path("ideaCount").asInt()).isEqualTo(3);
    assertThat(texts(bo.get("ideas"))).as("only his own, while ideas are written").containsExactly("A buddy for the first week", "A map of who knows what");
    bo.get("ideas").forEach(i -> assertThat(i.path("mine").asBoolean()).isTrue());
    assertThat(texts(get(team.cy, b).get("ideas"))).containsExactly("Record the onboarding talk");
    assertThat(get(team.ana, b).get("ideas")).as("the starter sees no one's but her own").isEmpty();

    assertThat(team.cy.api().delete("/api/v1/brainstorms/" + b + "/ideas/" + buddies).status()).as("not hers: as if it did not exist").isEqualTo(404);
    assertThat(team.ana.api().delete("/api/v1/brainstorms/" + b + "/ideas/" + buddies).status()).as("not even the owner's").isEqualTo(404);
    assertThat(team.bo.api().delete("/api/v1/brainstorms/" + b + "/ideas/" + buddies).status()).isEqualTo(204);
    assertThat(team.bo.api().delete("/api/v1/brainstorms/" + b + "/ideas/" + buddies).status()).as("gone").isEqualTo(404);
    assertThat(texts(get(team.bo, b).get("ideas"))).containsExactly("A map of who knows what");
    assertThat(get(team.cy, b).path("ideaCount").asInt()).isEqualTo(2);

    moveTo(IDEAS_UNTIL);
    JsonNode voting = get(team.bo, b);
    assertThat(voting.path("phase").asText()).isEqualTo("voting");
    assertThat(texts(voting.get("ideas"))).containsExactlyInAnyOrder("A map of who knows what", "Record the onboarding talk");
    voting.get("ideas").forEach(i -> assertThat(i.path("mine").asBoolean()).isEqualTo(i.path("id").asText().equals(map)));
    assertProblem(team.bo.api().delete("/api/v1/brainstorms/" + b + "/ideas/" + map), 409, "phase");
  }

  @Test
  void dotsAreCountedPerPersonAndVotesOutsideVotingAnswer409() {
    String b = startBrainstorm(team.ana, 3);
    String buddies = idea(team.bo, b, "A buddy for the first week");
    String talk = idea(team.cy, b, "Record the onboarding talk");
    assertProblem(vote(team.bo, b, buddies), 409, "phase");

    moveTo(IDEAS_UNTIL);
    assertProblem(team.cy.api().post("/api/v1/brainstorms/" + b + "/ideas", Map.of("text", "Too late")), 409, "phase");
    assertThat(vote(team.bo, b, talk).status()).isEqualTo(201);
    assertThat(vote(team.bo, b, talk).status()).as("dots may pile up on one idea").isEqualTo(201);
    var third = vote(team.bo, b, buddies);
    assertThat(third.status()).isEqualTo(201);
    assertThat(third.json().path("dotsLeft").asInt()).isZero();
    assertProblem(vote(team.bo, b, buddies), 409, "dots");
    assertProblem(vote(team.bo, b, "123"), 400, "ideaId");

    JsonNode bo = get(team.bo, b);
    for (JsonNode i : bo.get("ideas")) {
      assertThat(i.has("votes")).as("counts stay hidden during voting").isFalse();
      assertThat(i.path("myDots").asInt()).isEqualTo(i.path("id").asText().equals(talk) ? 2 : 1);
    }
    JsonNode cy = get(team.cy, b);
    assertThat(cy.path("dotsLeft").asInt()).as("Bo's dots are his own").isEqualTo(3);
    cy.get("ideas").forEach(i -> assertThat(i.path("myDots").asInt()).isZero());

    clock.set(VOTES_UNTIL); // over, even before the due work has filed the result
    assertProblem(vote(team.cy, b, talk), 409, "phase");
    server.dueWork().runDue();
    assertProblem(vote(team.cy, b, talk), 409, "phase");
    JsonNode closed = get(team.cy, b);
    assertThat(closed.path("phase").asText()).isEqualTo("closed");
    assertThat(closed.get("ideas").get(0).path("votes").asInt()).isEqualTo(2);
    assertThat(closed.has("dotsLeft")).isFalse();
  }

  @Test
  void phasesMoveAtTheirTimesAsDueWorkAndSurviveARestart() {
    String b = startBrainstorm(team.ana, 2);
    String talk = idea(team.cy, b, "Record the onboarding talk");
    moveTo(IDEAS_UNTIL.minusSeconds(1));
    assertThat(get(team.ana, b).path("phase").asText()).isEqualTo("ideas");
    moveTo(IDEAS_UNTIL);
    assertThat(get(team.ana, b).path("phase").asText()).isEqualTo("voting");
    assertThat(vote(team.bo, b, talk).status()).isEqualTo(201);

    server.close(); // down over the end of voting: the next start files the result
    clock.set(VOTES_UNTIL.plus(Duration.ofMinutes(30)));
    server = Longhand.start(config, clock);
    Api ana = new Api(server.baseUrl(), team.ana.token()); // the new server listens elsewhere
    JsonNode closed = ana.get("/api/v1/brainstorms/" + b).json();
    // Its own ticker may hold the item when it starts (PostgreSQL skips a locked row): wait for whichever runs it.
    for (int i = 0; i < 200 && !closed.path("phase").asText().equals("closed"); i++) {
      server.dueWork().runDue();
      sleep(50);
      closed = ana.get("/api/v1/brainstorms/" + b).json();
    }
    assertThat(closed.path("phase").asText()).isEqualTo("closed");
    assertThat(closed.path("replyId").asText()).isNotEmpty();
    assertThat(closed.get("ideas").get(0).path("votes").asInt()).isEqualTo(1);
  }

  @Test
  void aBrainstormWithNoIdeasClosesWhenTheIdeaPhaseEnds() {
    String b = startBrainstorm(team.ana, 3);
    moveTo(IDEAS_UNTIL);
    JsonNode closed = get(team.bo, b);
    assertThat(closed.path("phase").asText()).isEqualTo("closed");
    String reply = closed.path("replyId").asText();
    JsonNode replies = team.bo.api().get("/api/v1/threads/" + thread + "/replies").json().get("replies");
    assertThat(replies.get(replies.size() - 1).path("id").asText()).isEqualTo(reply);
    assertThat(replies.get(replies.size() - 1).path("body").asText()).contains("No ideas were given");
  }

  @Test
  void theFiledReplyRanksIdeasByDotsIsTheStartersAndIsFoundBySearch() throws InterruptedException {
    String b = startBrainstorm(team.ana, 3);
    String buddies = idea(team.bo, b, "A buddy for the first week");
    String talk = idea(team.cy, b, "Record the onboarding talk about zeppelins");
    idea(team.ana, b, "A map of who knows what");
    idea(team.cy, b, "@" + team.bo.handle() + " writes the guide by 2 working days");
    moveTo(IDEAS_UNTIL);
    for (int i = 0; i < 3; i++) assertThat(vote(team.bo, b, talk).status()).isEqualTo(201);
    assertThat(vote(team.cy, b, talk).status()).isEqualTo(201);
    assertThat(vote(team.cy, b, buddies).status()).isEqualTo(201);
    assertThat(vote(team.ana, b, buddies).status()).isEqualTo(201);
    moveTo(VOTES_UNTIL);

    JsonNode closed = get(team.bo, b);
    assertThat(texts(closed.get("ideas"))).containsExactly("Record the onboarding talk about zeppelins", "A buddy for the first week",
        "@" + team.bo.handle() + " writes the guide by 2 working days", "A map of who knows what"); // ties by text
    List<Integer> votes = new ArrayList<>();
    closed.get("ideas").forEach(i -> votes.add(i.path("votes").asInt()));
    assertThat(votes).containsExactly(4, 2, 0, 0);
    closed.get("ideas").forEach(i -> assertThat(i.path("mine").asBoolean()).as("closing forgets whose").isFalse());

    JsonNode reply = team.bo.api().get("/api/v1/threads/" + thread + "/replies").json().get("replies").get(0);
    assertThat(reply.path("id").asText()).isEqualTo(closed.path("replyId").asText());
    assertThat(reply.path("author").path("id").asText()).as("filed by the starter").isEqualTo(team.ana.id());
    String body = reply.path("body").asText();
    assertThat(body).contains("How do we welcome new people?", "4 dots", "2 dots", "/brainstorms/" + b);
    assertThat(body.indexOf("zeppelins")).isLessThan(body.indexOf("A buddy")).isPositive();
    assertThat(body.indexOf("A buddy")).isLessThan(body.indexOf("A map"));
    assertThat(body).doesNotContain(team.bo.name(), team.cy.name());
    assertThat(team.bo.api().get("/api/v1/asks?queue=mine").json().get("asks")).as("an idea never asks in the starter's name").isEmpty();

    server.dispatcher().wake();
    assertThat(server.dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
    JsonNode hits = team.cy.api().get("/api/v1/search?q=zeppelins").json().get("hits");
    List<String> found = new ArrayList<>();
    hits.forEach(h -> found.add(h.path("kind").asText() + ":" + h.path("id").asText()));
    assertThat(found).contains("reply:" + reply.path("id").asText());
  }

  @Test
  void thoseWhoWroteInTheThreadHearThatItStartedAndThatVotingOpened() throws InterruptedException {
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Agreed, it is rough."));
    String b = startBrainstorm(team.ana, 3);
    idea(team.cy, b, "Record the onboarding talk");
    moveTo(IDEAS_UNTIL);
    server.dispatcher().wake();
    assertThat(server.dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();

    List<JsonNode> bo = brainstormNotices(team.bo);
    assertThat(bo).extracting(n -> n.path("text").asText()).containsExactlyInAnyOrder(
        team.ana.name() + " started a brainstorm in “Onboarding”: How do we welcome new people? (ideas are anonymous)",
        "Voting is open on the brainstorm in “Onboarding”: How do we welcome new people?");
    assertThat(bo).allSatisfy(n -> assertThat(n.path("link").asText()).isEqualTo("/brainstorms/" + b));
    assertThat(brainstormNotices(team.ana)).as("not the starter").isEmpty();
    assertThat(brainstormNotices(team.cy)).as("Cy had not written in the thread").isEmpty();
  }

  static List<JsonNode> brainstormNotices(Team.Person who) {
    JsonNode centre = who.api().get("/api/v1/notifications").json();
    List<JsonNode> out = new ArrayList<>();
    for (String list : List.of("delivered", "held")) {
      centre.path(list).forEach(n -> {
        if (n.path("kind").asText().equals("brainstorm")) out.add(n);
      });
    }
    return out;
  }

  @Test
  void badTimesAndDotsAreRefusedNamingTheFieldAndOutsidersFindNothing() {
    String path = "/api/v1/threads/" + thread + "/brainstorms";
    assertProblem(team.bo.api().post(path, Map.of("prompt", "Ideas?", "ideasUntil", START.minusSeconds(60).toString(),
        "votesUntil", VOTES_UNTIL.toString())), 400, "ideasUntil");
    assertProblem(team.bo.api().post(path, Map.of("prompt", "Ideas?", "ideasUntil", IDEAS_UNTIL.toString(),
        "votesUntil", IDEAS_UNTIL.minusSeconds(60).toString())), 400, "votesUntil");
    assertProblem(team.bo.api().post(path, Map.of("prompt", "Ideas?", "ideasUntil", IDEAS_UNTIL.toString(),
        "votesUntil", START.minusSeconds(60).toString())), 400, "votesUntil");
    assertProblem(team.bo.api().post(path, Map.of("prompt", "Ideas?", "ideasUntil", "tomorrow", "votesUntil", VOTES_UNTIL.toString())),
        400, "ideasUntil");
    assertProblem(team.bo.api().post(path, Map.of("ideasUntil", IDEAS_UNTIL.toString(), "votesUntil", VOTES_UNTIL.toString())), 400, "prompt");
    assertProblem(team.bo.api().post(path, Map.of("prompt", "Ideas?", "ideasUntil", IDEAS_UNTIL.toString(), "votesUntil", VOTES_UNTIL.toString(),
        "dots", 0)), 400, "dots");
    assertThat(team.bo.api().get("/api/v1/threads/" + thread).json().path("replyCount").asInt()).isZero();

    String b = startBrainstorm(team.bo, 3);
    assertThat(get(team.bo, b).path("dots").asInt()).isEqualTo(3);
    assertProblem(team.cy.api().post("/api/v1/brainstorms/" + b + "/ideas", Map.of("text", " ")), 400, "text");
    assertThat(team.eve.api().get("/api/v1/brainstorms/" + b).status()).isEqualTo(404);
    assertThat(team.eve.api().post("/api/v1/brainstorms/" + b + "/ideas", Map.of("text", "Hi")).status()).isEqualTo(404);
    assertThat(team.eve.api().post(path, Map.of("prompt", "Ideas?", "ideasUntil", IDEAS_UNTIL.toString(),
        "votesUntil", VOTES_UNTIL.toString())).status()).isEqualTo(404);

    String vault = team.createSpace(team.ana, "Vault", "private");
    String secret = team.ana.api().post("/api/v1/spaces/" + vault + "/threads", Map.of("title", "Secret", "body", "Shh")).text("id");
    String hidden = team.ana.api().post("/api/v1/threads/" + secret + "/brainstorms", Map.of("prompt", "Names?",
        "ideasUntil", IDEAS_UNTIL.toString(), "votesUntil", VOTES_UNTIL.toString())).text("id");
    assertThat(team.bo.api().get("/api/v1/brainstorms/" + hidden).status()).as("like the thread").isEqualTo(404);
    assertThat(team.gil.api().post("/api/v1/brainstorms/" + hidden + "/ideas", Map.of("text", "Hi")).status()).isEqualTo(404);
    assertThat(get(team.ana, hidden).path("dots").asInt()).as("three by default").isEqualTo(3);
  }
}
