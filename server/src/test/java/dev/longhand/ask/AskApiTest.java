package dev.longhand.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.time.AwayPeriod;
import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Asks through the API: made by posts, due in the assignee's working time, queued, answered, and kept to readers. */
@ParameterizedClass
@EnumSource(Db.class)
class AskApiTest {
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  @Parameter Db db;
  Team team;
  String product;

  @BeforeEach
  void team() {
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
  }

  @Test
  void anaAsksBoForTwoWorkingDaysAndTheDeadlineCountsOnlyBosWorkingHours() {
    LocalDate tomorrowInSeoul = LocalDate.now(SEOUL).plusDays(1);
    team.bo.api().post("/api/v1/me/away", Map.of("from", tomorrowInSeoul.toString(), "returns", tomorrowInSeoul.plusDays(2).toString(),
        "note", "Offsite"));

    var started = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Launch plan", "body", "Please review.",
        "ask", Map.of("assignee", team.bo.id(), "within", "P2D")));
    assertThat(started.status()).isEqualTo(201);
    JsonNode ask = started.json().get("asks").get(0);
    Instant created = Instant.parse(started.text("createdAt"));
    WorkCalendar bo = bosCalendar(List.of(new AwayPeriod(tomorrowInSeoul, tomorrowInSeoul.plusDays(2), "Offsite")));
    Instant expected = bo.addWorking(created, Duration.ofHours(18)); // Bo's working day is 9 h
    assertThat(Instant.parse(ask.path("due").path("at").asText())).isEqualTo(expected);
    assertThat(ask.path("assignee").path("id").asText()).isEqualTo(team.bo.id());
    assertThat(ask.path("asker").path("id").asText()).isEqualTo(team.ana.id());
    assertThat(ask.path("within").asText()).isEqualTo("P2D");
    assertThat(ask.path("withinText").asText()).isEqualTo("2 working days");
    assertThat(ask.path("due").path("text").asText()).startsWith("due ").contains(" your time · ").endsWith(" in Seoul");
    assertThat(ask.path("due").path("yours").asText())
        .isEqualTo(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm", java.util.Locale.ENGLISH)
            .format(expected.atZone(ZoneId.of("Europe/Lisbon"))));

    // Written in a reply: the same rule, from the reply's instant.
    var replied = team.ana.api().post("/api/v1/threads/" + started.text("id") + "/replies",
        Map.of("body", "@" + team.bo.handle() + " please review by 2 working days, and @nobody too"));
    assertThat(replied.status()).isEqualTo(201);
    assertThat(replied.json().get("asks")).hasSize(1);
    JsonNode written = replied.json().get("asks").get(0);
    assertThat(Instant.parse(written.path("due").path("at").asText()))
        .isEqualTo(bo.addWorking(Instant.parse(replied.text("createdAt")), Duration.ofHours(18)));
    assertThat(written.path("postId").asText()).isEqualTo(replied.text("id"));

    // A plain reply answers with no asks, and costs the writer nothing more.
    assertThat(team.cy.api().post("/api/v1/threads/" + started.text("id") + "/replies", Map.of("body", "Nice")).json().has("asks")).isFalse();
  }

  @Test
  void queuesShowWhatWaitsOnMeAndOnOthersOverdueFirst() {
    String thread = thread("Budget");
    String twoDays = ask(thread, team.bo, "P2D");
    String fourHours = ask(thread, team.bo, "PT4H");
    String overdue = ask(thread, team.bo, "P1D");
    makeOverdue(overdue);

    JsonNode mine = team.bo.api().get("/api/v1/asks?queue=mine").json();
    assertThat(ids(mine.get("asks"))).containsExactly(overdue, fourHours, twoDays);
    assertThat(mine.get("asks").get(0).path("overdue").asBoolean()).isTrue();
    assertThat(mine.get("asks").get(0).path("age").path("text").asText()).contains("of working time", "overdue by");
    assertThat(mine.get("asks").get(1).path("overdue").asBoolean()).isFalse();
    assertThat(mine.get("asks").get(1).path("thread").path("title").asText()).isEqualTo("Budget");
    assertThat(mine.get("asks").get(1).path("due").path("theirs").asText()).isEmpty(); // Bo's own zone: one time
    assertThat(team.bo.api().get("/api/v1/asks").json().get("queue").asText()).isEqualTo("mine");

    JsonNode others = team.ana.api().get("/api/v1/asks?queue=others").json();
    assertThat(ids(others.get("asks"))).containsExactly(overdue, fourHours, twoDays);
    assertThat(others.get("asks").get(1).path("due").path("theirs").asText()).contains("in Seoul");
    assertThat(team.ana.api().get("/api/v1/asks?queue=mine").json().get("asks")).isEmpty();
    assertThat(team.cy.api().get("/api/v1/asks?queue=others").json().get("asks")).isEmpty();
    assertThat(team.bo.api().get("/api/v1/asks?queue=others").json().get("asks")).isEmpty();
  }

  @Test
  void anAskIsDoneWhenTheAssigneeMarksWhichReplyAnswersItOrMarksItDone() {
    String first = thread("Offsite");
    String second = thread("Hiring");
    String byAnswer = ask(first, team.bo, "P1D");
    String byButton = ask(second, team.bo, "P1D");

    String fromCy = reply(team.cy, first, "I can help");
    String statusNote = reply(team.bo, first, "Weekly status: all green");
    assertThat(ids(team.bo.api().get("/api/v1/asks").json().get("asks"))).as("a reply alone answers nothing")
        .containsExactlyInAnyOrder(byAnswer, byButton);
    String lake = reply(team.bo, first, "Lake it is");

    var answered = team.bo.api().post("/api/v1/asks/" + byAnswer + "/answer", Map.of("replyId", lake));
    assertThat(answered.status()).as(answered.body()).isEqualTo(200);
    assertThat(answered.json().path("done").asBoolean()).isTrue();
    assertThat(answered.json().path("doneHow").asText()).isEqualTo("answered");
    assertThat(answered.json().path("answer").path("replyId").asText()).isEqualTo(lake);
    assertThat(answered.json().path("answer").path("url").asText()).isEqualTo("/threads/" + first + "/replies/" + lake);
    assertThat(team.bo.api().post("/api/v1/asks/" + byAnswer + "/answer", Map.of("replyId", lake)).status()).as("twice is fine").isEqualTo(200);
    var other = team.bo.api().post("/api/v1/asks/" + byAnswer + "/answer", Map.of("replyId", statusNote));
    assertThat(other.status()).as("answered already").isEqualTo(409);
    assertThat(other.json().path("field").asText()).isEqualTo("replyId");
    JsonNode mine = team.bo.api().get("/api/v1/asks").json();
    assertThat(ids(mine.get("asks"))).containsExactly(byButton);
    assertThat(ids(mine.get("recentlyDone"))).containsExactly(byAnswer);
    assertThat(team.ana.api().get("/api/v1/asks?queue=others").json().get("recentlyDone").get(0).path("answer").path("replyId").asText())
        .isEqualTo(lake);

    // Ana is told, with a link to the answer (now, or held for her working hours).
    JsonNode centre = team.ana.api().get("/api/v1/notifications").json();
    List<JsonNode> told = new ArrayList<>();
    centre.get("delivered").forEach(told::add);
    centre.get("held").forEach(told::add);
    assertThat(told).filteredOn(n -> n.path("kind").asText().equals("ask-answered")).singleElement().satisfies(n -> {
      assertThat(n.path("link").asText()).isEqualTo("/threads/" + first + "/replies/" + lake);
      assertThat(n.path("text").asText()).contains(team.bo.name(), "answered your ask", "Offsite");
      assertThat(n.path("actor").path("id").asText()).isEqualTo(team.bo.id());
    });

    var done = team.bo.api().post("/api/v1/asks/" + byButton + "/done", Map.of());
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.json().path("doneHow").asText()).isEqualTo("marked");
    assertThat(done.json().has("answer")).isFalse();
    assertThat(team.bo.api().post("/api/v1/asks/" + byButton + "/done", Map.of()).status()).as("twice is fine").isEqualTo(200);
    assertThat(team.bo.api().get("/api/v1/asks").json().get("asks")).isEmpty();
    assertThat(ids(team.ana.api().get("/api/v1/asks?queue=others").json().get("recentlyDone"))).containsExactlyInAnyOrder(byAnswer, byButton);
    assertThat(fromCy).isNotEqualTo(lake);
  }

  @Test
  void onlyTheAssigneeMarksAnAnswerAndOnlyWithTheirOwnLaterReplyInTheThread() {
    String offsite = thread("Offsite");
    String before = reply(team.bo, offsite, "Early thoughts");
    String asked = ask(offsite, team.bo, "P1D");
    String fromCy = reply(team.cy, offsite, "I know a place");
    String elsewhere = reply(team.bo, thread("Hiring"), "Unrelated");
    String answer = reply(team.bo, offsite, "The lake");

    assertThat(status(team.cy, asked, Map.of("replyId", answer))).as("a reader who is not asked").isEqualTo(403);
    assertThat(status(team.ana, asked, Map.of("replyId", answer))).as("the asker").isEqualTo(403);
    assertThat(status(team.eve, asked, Map.of("replyId", answer))).as("an outsider").isEqualTo(404);
    assertThat(status(team.eve, "260000000000000000", Map.of("replyId", answer))).isEqualTo(404);
    for (Map<String, String> bad : List.of(Map.<String, String>of(), Map.of("replyId", "soon"), Map.of("replyId", fromCy),
        Map.of("replyId", elsewhere), Map.of("replyId", before), Map.of("replyId", "260000000000000000"))) {
      var r = team.bo.api().post("/api/v1/asks/" + asked + "/answer", bad);
      assertThat(r.status()).as(bad.toString()).isEqualTo(400);
      assertThat(r.json().path("field").asText()).isEqualTo("replyId");
    }
    assertThat(ids(team.bo.api().get("/api/v1/asks").json().get("asks"))).as("nothing changed").containsExactly(asked);
    assertThat(status(team.bo, asked, Map.of("replyId", answer))).isEqualTo(200);

    String withdrawn = ask(offsite, team.bo, "P1D");
    String late = reply(team.bo, offsite, "Late answer");
    team.ana.api().post("/api/v1/asks/" + withdrawn + "/withdrawal", Map.of());
    assertThat(status(team.bo, withdrawn, Map.of("replyId", late))).as("withdrawn meanwhile").isEqualTo(409);
  }

  private int status(Team.Person who, String ask, Map<String, String> body) {
    return who.api().post("/api/v1/asks/" + ask + "/answer", body).status();
  }

  private String reply(Team.Person who, String thread, String body) {
    var r = who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  @Test
  void onlyTheAssigneeMarksDoneAndOutsidersCannotTellAnAskExists() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.bo.id()));
    String secret = team.ana.api().post("/api/v1/spaces/" + vault + "/threads", Map.of("title", "Secret plan", "body", "Shh",
        "ask", Map.of("assignee", team.bo.id(), "within", "P1D"))).json().get("asks").get(0).get("id").asText();
    String missing = "260000000000000000";
    for (Team.Person outsider : List.of(team.eve, team.gil, team.cy)) {
      assertThat(outsider.api().post("/api/v1/asks/" + secret + "/done", Map.of()).status()).as(outsider.name()).isEqualTo(404);
      assertThat(outsider.api().post("/api/v1/asks/" + missing + "/done", Map.of()).status()).isEqualTo(404);
      assertThat(outsider.api().get("/api/v1/asks?queue=mine").body()).doesNotContain("Secret plan");
    }

    String open = ask(thread("Roadmap"), team.bo, "P1D");
    var cy = team.cy.api().post("/api/v1/asks/" + open + "/done", Map.of());
    assertThat(cy.status()).as("Cy can read the space, so he learns why not").isEqualTo(403);
    assertThat(team.ana.api().post("/api/v1/asks/" + open + "/done", Map.of()).status()).as("not even the asker").isEqualTo(403);
    assertThat(ids(team.bo.api().get("/api/v1/asks").json().get("asks"))).contains(open, secret);
  }

  @Test
  void theAskerWithdrawsAnAskSheNoLongerNeedsAndOnlySheMay() {
    String thread = thread("Venue");
    String asked = ask(thread, team.bo, "P1D");
    String withdraw = "/api/v1/asks/" + asked + "/withdrawal";
    assertThat(team.bo.api().post(withdraw, Map.of()).status()).as("not the assignee").isEqualTo(403);
    assertThat(team.cy.api().post(withdraw, Map.of()).status()).as("nor another reader").isEqualTo(403);
    for (Team.Person outsider : List.of(team.eve, team.gil)) {
      var r = outsider.api().post(withdraw, Map.of());
      assertThat(r.status()).as(outsider.name()).isEqualTo(404);
      assertThat(r.body()).doesNotContain("Venue");
    }
    assertThat(team.ana.api().post("/api/v1/asks/260000000000000000/withdrawal", Map.of()).status()).isEqualTo(404);
    assertThat(ids(team.bo.api().get("/api/v1/asks").json().get("asks"))).containsExactly(asked);

    var r = team.ana.api().post(withdraw, Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("done").asBoolean()).isTrue();
    assertThat(r.json().path("doneHow").asText()).isEqualTo("withdrawn");
    assertThat(team.bo.api().get("/api/v1/asks").json().get("asks")).as("nothing waits on Bo").isEmpty();
    assertThat(team.ana.api().get("/api/v1/asks?queue=others").json().get("asks")).isEmpty();
    assertThat(team.ana.api().get("/api/v1/asks?queue=others").json().get("recentlyDone").get(0).path("doneHow").asText())
        .isEqualTo("withdrawn");
    assertThat(team.bo.api().post("/api/v1/asks/" + asked + "/done", Map.of()).json().path("doneHow").asText())
        .as("marking a withdrawn ask done changes nothing").isEqualTo("withdrawn");

    // An ask already answered stays answered.
    String answered = ask(thread("Budget"), team.bo, "P1D");
    team.bo.api().post("/api/v1/asks/" + answered + "/done", Map.of());
    assertThat(team.ana.api().post("/api/v1/asks/" + answered + "/withdrawal", Map.of()).json().path("doneHow").asText()).isEqualTo("marked");
  }

  @Test
  void guestsCanBeAskedOnlyWhereTheyCanRead() {
    String thread = thread("Vendors");
    var refused = team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Gil?",
        "ask", Map.of("assignee", team.gil.id(), "within", "P1D")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("field")).isEqualTo("ask.assignee");
    // Written, it stays a plain reply: a mention of someone who cannot read the space asks nothing.
    var written = team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "@" + team.gil.handle() + " by 1 working day"));
    assertThat(written.status()).isEqualTo(201);
    assertThat(written.json().has("asks")).isFalse();

    String shared = team.createSpace(team.ana, "With Gil", "private");
    team.ana.api().post("/api/v1/spaces/" + shared + "/members", Map.of("accountId", team.gil.id()));
    var ok = team.ana.api().post("/api/v1/spaces/" + shared + "/threads", Map.of("title", "Contract", "body", "Please sign",
        "ask", Map.of("assignee", team.gil.id(), "within", "PT4H")));
    assertThat(ok.status()).isEqualTo(201);
    assertThat(team.gil.api().get("/api/v1/asks").json().get("asks")).hasSize(1);
  }

  @Test
  void badAsksAreRefusedNamingTheFieldAndPostNothing() {
    String thread = thread("Pricing");
    record Bad(Object assignee, String within, String field) {}
    for (Bad bad : List.of(new Bad("260000000000000000", "P1D", "ask.assignee"), new Bad("bo", "P1D", "ask.assignee"),
        new Bad(team.ana.id(), "P1D", "ask.assignee"), new Bad(team.bo.id(), "soon", "ask.within"),
        new Bad(team.bo.id(), "P31D", "ask.within"), new Bad(team.bo.id(), "", "ask.within"))) {
      var r = team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Thoughts?",
          "ask", Map.of("assignee", bad.assignee(), "within", bad.within())));
      assertThat(r.status()).as(bad.toString()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
      assertThat(r.text("field")).as(bad.toString()).isEqualTo(bad.field());
    }
    var notAnObject = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "X", "body", "Y", "ask", "bo"));
    assertThat(notAnObject.status()).isEqualTo(400);
    assertThat(notAnObject.text("field")).isEqualTo("ask");
    var badThread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Never", "body", "Y",
        "ask", Map.of("assignee", team.bo.id(), "within", "soon")));
    assertThat(badThread.status()).isEqualTo(400);

    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().get("replies")).as("no reply was posted").isEmpty();
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/threads").body()).doesNotContain("Never");
    assertThat(team.bo.api().get("/api/v1/asks").json().get("asks")).isEmpty();
    assertThat(team.bo.api().get("/api/v1/asks?queue=everything").status()).isEqualTo(400);
    assertThat(team.bo.api().get("/api/v1/asks?queue=everything").text("field")).isEqualTo("queue");
  }

  @Test
  void theDigestListsAsksWaitingOnThePersonOverdueFirst() {
    String thread = thread("Roadmap");
    String later = ask(thread, team.bo, "P2D");
    String overdue = ask(thread, team.bo, "P1D");
    makeOverdue(overdue);
    var database = TestServers.get(db).database();
    java.time.Clock clock = java.time.Clock.systemUTC();
    var ids = new dev.longhand.store.Ids(clock, 1);
    var workspaces = new dev.longhand.workspace.WorkspaceService(database, ids, clock,
        new dev.longhand.store.Outbox(ids, clock, new com.fasterxml.jackson.databind.ObjectMapper()));
    AsksDigest digest = new AsksDigest(new dev.longhand.calendar.CalendarService(database, ids, clock, workspaces));
    Instant now = Instant.now();
    List<dev.longhand.notify.DigestSource.Line> lines = database.read(h -> digest.linesFor(h, Long.parseLong(team.bo.id()), now.minus(Duration.ofDays(1)), now));
    assertThat(digest.heading()).isEqualTo("Asks waiting on you");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).text()).contains("Roadmap", "from " + team.ana.name(), "overdue since");
    assertThat(lines.get(1).text()).contains(": due ");
    assertThat(lines).extracting(dev.longhand.notify.DigestSource.Line::path).allMatch(p -> p.startsWith("/threads/" + thread + "/replies/"));
    assertThat(later).isNotEqualTo(overdue);
    List<dev.longhand.notify.DigestSource.Line> none = database.read(h -> digest.linesFor(h, Long.parseLong(team.cy.id()), now.minus(Duration.ofDays(1)), now));
    assertThat(none).isEmpty();
  }

  private String thread(String title) {
    return team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", title, "body", "About " + title)).text("id");
  }

  private String ask(String thread, Team.Person who, String within) {
    var r = team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Over to you",
        "ask", Map.of("assignee", who.id(), "within", within)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("asks").get(0).get("id").asText();
  }

  /** The shared server runs on the real clock: an ask is made overdue by moving it a week into the past. */
  private void makeOverdue(String askId) {
    long weekAgo = System.currentTimeMillis() - Duration.ofDays(7).toMillis();
    TestServers.get(db).database().writeAll(h -> h.createUpdate("UPDATE asks SET created_at = ?, due_at = ? WHERE id = ?")
        .bind(0, weekAgo).bind(1, weekAgo + Duration.ofDays(1).toMillis()).bind(2, Long.parseLong(askId)).execute());
  }

  static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.get("id").asText()));
    return out;
  }

  static WorkCalendar bosCalendar(List<AwayPeriod> away) {
    return WorkCalendar.of(SEOUL, List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
        .stream().map(d -> new WorkingRange(d, LocalTime.of(10, 0), LocalTime.of(19, 0))).toList(), away, List.of());
  }
}
