package dev.longhand.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A sync session's live notes and its closing through the API: Ana (Lisbon) organises a session from her thread with
 * Bo (Seoul) and Cy (Denver); notes per agenda item, stale saves refused, and no closing without writing back.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SyncCloseApiTest {
  @Parameter Db db;
  Team team;
  String space;
  String thread;
  String session;

  @BeforeEach
  void aSessionFromAThread() {
    team = Team.of(db);
    space = team.createSpace(team.ana, "Product", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch venue", "body", "Lisbon or Seoul?")).text("id");
    session = propose(team.ana, thread, team.bo, team.cy);
  }

  String propose(Team.Person organiser, String fromThread, Team.Person... with) {
    var r = organiser.api().post("/api/v1/threads/" + fromThread + "/sync-sessions", Map.of("purpose", "Pick the launch venue",
        "agenda", List.of("Budget", "Venue"), "participants", List.of(with).stream().map(Team.Person::id).toList(), "minutes", 30));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  Api.Response saveNotes(Team.Person who, Object... indexNotesRevision) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < indexNotesRevision.length; i += 3) {
      Map<String, Object> item = new HashMap<>(Map.of("agendaIndex", indexNotesRevision[i], "notes", indexNotesRevision[i + 1]));
      if (indexNotesRevision[i + 2] != null) item.put("revision", indexNotesRevision[i + 2]);
      items.add(item);
    }
    return who.api().put("/api/v1/sync-sessions/" + session + "/notes", Map.of("items", items));
  }

  JsonNode notes(Team.Person who) {
    var r = who.api().get("/api/v1/sync-sessions/" + session + "/notes");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static Map<String, Object> decision(String title, String decision, String why) {
    return Map.of("title", title, "decision", decision, "rationale", why);
  }

  @Test
  void participantsWriteNotesPerAgendaItemAndEveryReaderOfTheThreadReadsThem() {
    var saved = saveNotes(team.bo, 0, "Budget: 10k, venue included.", null);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    JsonNode item = saved.json().path("items").get(0);
    assertThat(item.path("notes").asText()).isEqualTo("Budget: 10k, venue included.");
    assertThat(item.path("revision").asInt()).isEqualTo(1);
    assertThat(item.path("updatedBy").path("id").asText()).isEqualTo(team.bo.id());
    assertThat(saveNotes(team.cy, 1, "Seoul: cheaper in March.", 0).status()).isEqualTo(200);

    Team.Person dee = team.extraMember("Dee", "member");
    JsonNode read = notes(dee);
    assertThat(read.path("items").get(0).path("agendaItem").asText()).isEqualTo("Budget");
    assertThat(read.path("items").get(1).path("notes").asText()).isEqualTo("Seoul: cheaper in March.");
    assertThat(read.path("mayWrite").asBoolean()).as("Dee reads the thread but does not take part").isFalse();
    assertThat(saveNotes(dee, 0, "Not mine to write.", null).status()).isEqualTo(403);
    assertThat(notes(team.ana).path("mayClose").asBoolean()).isTrue();
    assertThat(notes(team.bo).path("mayClose").asBoolean()).isFalse();

    Team.Person fay = team.extraMember("Fay", "admin");
    assertThat(saveNotes(fay, 1, "Seoul: cheaper in March; the hall holds 200.", null).status()).as("admins may write notes").isEqualTo(200);
    assertThat(team.gil.api().get("/api/v1/sync-sessions/" + session + "/notes").status()).as("a guest outside the space").isEqualTo(404);
    assertThat(team.eve.api().get("/api/v1/sync-sessions/" + session + "/notes").status()).as("another workspace").isEqualTo(404);
    assertThat(team.eve.api().put("/api/v1/sync-sessions/" + session + "/notes",
        Map.of("items", List.of(Map.of("agendaIndex", 0, "notes", "x")))).status()).isEqualTo(404);
    assertThat(team.ana.api().get("/api/v1/sync-sessions/999999999/notes").status()).isEqualTo(404);
    assertThat(notes(team.cy).path("items").get(0).path("notes").asText()).isEqualTo("Budget: 10k, venue included.");
  }

  @Test
  void aSaveFromAStaleRevisionIsRefusedAndSavesNothingWhileOneWithoutARevisionOverwrites() {
    assertThat(saveNotes(team.bo, 0, "Bo's budget notes", 0).status()).isEqualTo(200);
    var stale = saveNotes(team.cy, 1, "Cy's venue notes", 0, 0, "Cy's budget notes", 0);
    assertThat(stale.status()).as(stale.body()).isEqualTo(409);
    assertThat(stale.text("field")).isEqualTo("items[1].revision");
    assertThat(stale.text("detail")).contains("Bo").contains("Budget");
    JsonNode after = notes(team.ana);
    assertThat(after.path("items").get(0).path("notes").asText()).isEqualTo("Bo's budget notes");
    assertThat(after.path("items").get(1).path("notes").asText()).as("all or nothing").isEmpty();

    assertThat(saveNotes(team.cy, 0, "Cy's budget notes", 1).status()).isEqualTo(200);
    assertThat(saveNotes(team.bo, 0, "Bo overwrites, knowingly", null).status()).as("no revision: last write wins").isEqualTo(200);
    JsonNode last = notes(team.ana).path("items").get(0);
    assertThat(last.path("notes").asText()).isEqualTo("Bo overwrites, knowingly");
    assertThat(last.path("revision").asInt()).isEqualTo(3);
    var same = saveNotes(team.cy, 0, "Bo overwrites, knowingly", 3);
    assertThat(same.json().path("items").get(0).path("revision").asInt()).as("an unchanged text is not saved again").isEqualTo(3);
  }

  @Test
  void badNotesAreRefusedNamingTheField() {
    Map<String, Api.Response> cases = new HashMap<>();
    cases.put("items[0].agendaIndex", saveNotes(team.bo, 2, "There is no third item", null));
    cases.put("items[1].agendaIndex", saveNotes(team.bo, 0, "Once", null, 0, "Twice", null));
    cases.put("items[0].notes", saveNotes(team.bo, 0, "x".repeat(SyncNotes.NOTES_MAX + 1), null));
    cases.put("items", team.bo.api().put("/api/v1/sync-sessions/" + session + "/notes", Map.of("items", List.of())));
    cases.put("items[0].revision", saveNotes(team.bo, 0, "Budget", -1));
    cases.forEach((field, r) -> {
      assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(400);
      assertThat(r.text("field")).isEqualTo(field);
    });
    var missing = team.bo.api().put("/api/v1/sync-sessions/" + session + "/notes", Map.of("items", List.of(Map.of("agendaIndex", 0))));
    assertThat(missing.text("field")).isEqualTo("items[0].notes");
    assertThat(notes(team.ana).path("items").get(0).path("revision").asInt()).isZero();
  }

  @Test
  void closingWithoutNotesForEveryItemOrWithoutAnOutcomeIsRefusedAndChangesNothing() {
    saveNotes(team.bo, 0, "Budget: 10k.", null);
    var noVenueNotes = team.ana.api().post("/api/v1/sync-sessions/" + session + "/close",
        Map.of("decisions", List.of(decision("Launch in Seoul", "We launch in Seoul in March.", "Cheaper."))));
    assertThat(noVenueNotes.status()).as(noVenueNotes.body()).isEqualTo(409);
    assertThat(noVenueNotes.text("field")).isEqualTo("notes");
    assertThat(noVenueNotes.text("detail")).contains("2. “Venue”").doesNotContain("Budget");

    saveNotes(team.cy, 1, "Seoul is cheaper in March.", null);
    var noOutcome = team.ana.api().post("/api/v1/sync-sessions/" + session + "/close", Map.of());
    assertThat(noOutcome.status()).isEqualTo(409);
    assertThat(noOutcome.text("field")).isEqualTo("outcome");
    assertThat(noOutcome.text("detail")).contains("a decision, an ask, or why nothing was decided");
    var emptyLists = team.ana.api().post("/api/v1/sync-sessions/" + session + "/close",
        Map.of("decisions", List.of(), "asks", List.of(), "noDecisionBecause", "   "));
    assertThat(emptyLists.text("field")).isEqualTo("outcome");

    assertThat(team.ana.api().get("/api/v1/sync-sessions/" + session).text("status")).isEqualTo("proposed");
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().path("replies").size()).isZero();
    assertThat(team.ana.api().get("/api/v1/spaces/" + space + "/decisions").json().path("decisions").size()).isZero();
    assertThat(notes(team.bo).has("closing")).isFalse();
    assertThat(events("SyncSessionClosed", session)).isEmpty();
  }

  @Test
  void closingRecordsLinkedDecisionsMakesTheAsksPostsTheSummaryReplyAndTellsOfIt() {
    saveNotes(team.bo, 0, "Budget: **10k**, venue included.", null, 1, "Seoul is cheaper in March.", null);
    var closed = team.ana.api().post("/api/v1/sync-sessions/" + session + "/close", Map.of(
        "decisions", List.of(decision("Launch in Seoul", "We launch in Seoul in March.", "It is cheaper and Bo's team is there.")),
        "asks", List.of(Map.of("assignee", team.bo.id(), "text", "Book the hall for 200 people", "workingDays", 2))));
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    String reply = closed.text("replyId");
    String decisionId = closed.json().path("decisionIds").get(0).asText();
    assertThat(closed.text("threadId")).isEqualTo(thread);
    assertThat(closed.text("summaryUrl")).isEqualTo("/threads/" + thread + "#reply-" + reply);

    JsonNode d = team.cy.api().get("/api/v1/decisions/" + decisionId).json();
    assertThat(d.path("title").asText()).isEqualTo("Launch in Seoul");
    assertThat(d.path("decision").asText()).isEqualTo("We launch in Seoul in March.");
    assertThat(d.path("source").path("kind").asText()).isEqualTo("thread");
    assertThat(d.path("source").path("id").asText()).isEqualTo(thread);
    assertThat(d.path("context").asText()).contains("/sync-sessions/" + session);

    JsonNode closing = notes(team.cy).path("closing");
    assertThat(closing.path("replyId").asText()).isEqualTo(reply);
    assertThat(closing.path("closedBy").path("id").asText()).isEqualTo(team.ana.id());
    assertThat(closing.path("decisions").get(0).path("id").asText()).as("the session links its decision").isEqualTo(decisionId);
    assertThat(notes(team.cy).path("status").asText()).isEqualTo("closed");
    assertThat(team.cy.api().get("/api/v1/sync-sessions/" + session).text("status")).isEqualTo("closed");

    JsonNode summary = team.cy.api().get("/api/v1/threads/" + thread).json().path("replies").get(0);
    assertThat(summary.path("id").asText()).isEqualTo(reply);
    assertThat(summary.path("author").path("id").asText()).isEqualTo(team.ana.id());
    assertThat(summary.path("body").asText()).contains("Pick the launch venue", "Budget", "Budget: **10k**, venue included.", "Venue",
        "Seoul is cheaper in March.", "Launch in Seoul", "/decisions/" + decisionId, team.bo.name(), "within 2 working days",
        "Book the hall for 200 people", "/sync-sessions/" + session);
    assertThat(summary.path("bodyHtml").asText()).contains("<strong>10k</strong>");

    JsonNode asks = team.bo.api().get("/api/v1/asks?queue=mine").json().path("asks");
    assertThat(asks.size()).isEqualTo(1);
    assertThat(asks.get(0).path("postId").asText()).as("the summary reply asks").isEqualTo(reply);
    assertThat(asks.get(0).path("asker").path("id").asText()).isEqualTo(team.ana.id());
    assertThat(asks.get(0).path("within").asText()).isEqualTo("P2D");

    List<String> events = events("SyncSessionClosed", session);
    assertThat(events).hasSize(1);
    assertThat(events.getFirst()).contains("\"threadId\":" + thread, "\"replyId\":" + reply, "\"closedBy\":" + team.ana.id());
  }

  @Test
  void noDecisionBecauseIsAnOutcomeAndTheSummarySaysWhy() {
    saveNotes(team.bo, 0, "No budget yet.", null, 1, "Both venues are booked in March.", null);
    var closed = team.ana.api().post("/api/v1/sync-sessions/" + session + "/close",
        Map.of("noDecisionBecause", "Finance answers on Friday; we meet again after."));
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().path("decisionIds").size()).isZero();
    JsonNode reply = team.bo.api().get("/api/v1/threads/" + thread).json().path("replies").get(0);
    assertThat(reply.path("body").asText()).contains("No decision, because", "Finance answers on Friday");
    assertThat(notes(team.bo).path("closing").path("noDecisionBecause").asText()).isEqualTo("Finance answers on Friday; we meet again after.");
  }

  @Test
  void badOutcomesAreRefusedNamingTheRowAndChangeNothing() {
    saveNotes(team.bo, 0, "Budget", null, 1, "Venue", null);
    Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
    cases.put("decisions[0].title", Map.of("decisions", List.of(Map.of("decision", "Seoul"))));
    cases.put("decisions[1].decision", Map.of("decisions", List.of(decision("A", "B", ""), Map.of("title", "No text"))));
    cases.put("asks[0].assignee", Map.of("asks", List.of(Map.of("assignee", team.gil.id(), "text", "Book it", "workingDays", 2))));
    cases.put("asks[1].workingDays", Map.of("asks", List.of(Map.of("assignee", team.bo.id(), "text", "Book it", "workingDays", 2),
        Map.of("assignee", team.cy.id(), "text", "Fly in", "workingDays", 0))));
    cases.put("asks[0].text", Map.of("asks", List.of(Map.of("assignee", team.bo.id(), "text", " ", "workingDays", 2))));
    cases.put("noDecisionBecause", Map.of("noDecisionBecause", "x".repeat(2001)));
    cases.forEach((field, body) -> {
      var r = team.ana.api().post("/api/v1/sync-sessions/" + session + "/close", body);
      assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(400);
      assertThat(r.text("field")).isEqualTo(field);
    });
    var self = team.ana.api().post("/api/v1/sync-sessions/" + session + "/close",
        Map.of("asks", List.of(Map.of("assignee", team.ana.id(), "text", "Myself", "workingDays", 1))));
    assertThat(self.text("field")).isEqualTo("asks[0].assignee");
    assertThat(team.ana.api().get("/api/v1/sync-sessions/" + session).text("status")).isEqualTo("proposed");
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().path("replies").size()).isZero();
    assertThat(team.ana.api().get("/api/v1/spaces/" + space + "/decisions").json().path("decisions").size()).isZero();
  }

  @Test
  void onlyTheOrganiserOrAnAdminClosesAndAClosedOrCancelledSessionStaysSo() {
    saveNotes(team.bo, 0, "Budget", null, 1, "Venue", null);
    Map<String, Object> outcome = Map.of("noDecisionBecause", "We need numbers first.");
    assertThat(team.bo.api().post("/api/v1/sync-sessions/" + session + "/close", outcome).status()).as("a participant").isEqualTo(403);
    Team.Person dee = team.extraMember("Dee", "member");
    assertThat(dee.api().post("/api/v1/sync-sessions/" + session + "/close", outcome).status()).as("a reader").isEqualTo(403);
    assertThat(team.eve.api().post("/api/v1/sync-sessions/" + session + "/close", outcome).status()).as("an outsider").isEqualTo(404);
    assertThat(team.gil.api().post("/api/v1/sync-sessions/" + session + "/close", outcome).status()).as("a guest outside the space").isEqualTo(404);
    assertThat(team.ana.api().post("/api/v1/sync-sessions/" + session + "/close", outcome).status()).isEqualTo(200);

    var again = team.ana.api().post("/api/v1/sync-sessions/" + session + "/close", outcome);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text("field")).isEqualTo("status");
    var late = saveNotes(team.bo, 0, "An afterthought", null);
    assertThat(late.status()).as("notes of a closed session stay as they were").isEqualTo(409);
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().path("replies").size()).as("one summary").isEqualTo(1);

    String bos = propose(team.bo, thread, team.cy);
    var cancelled = team.bo.api().post("/api/v1/sync-sessions/" + bos + "/cancellation", Map.of());
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    var closeCancelled = team.bo.api().post("/api/v1/sync-sessions/" + bos + "/close", outcome);
    assertThat(closeCancelled.status()).isEqualTo(409);
    assertThat(closeCancelled.text("field")).isEqualTo("status");

    String third = propose(team.bo, thread, team.cy);
    session = third;
    saveNotes(team.cy, 0, "Budget", null, 1, "Venue", null);
    Team.Person fay = team.extraMember("Fay", "admin");
    assertThat(fay.api().post("/api/v1/sync-sessions/" + third + "/close", outcome).status()).as("an admin closes Bo's session").isEqualTo(200);
  }

  @Test
  void aSessionProposedFromASpaceClosesIntoANewThreadOfThatSpace() {
    var r = team.ana.api().post("/api/v1/spaces/" + space + "/sync-sessions", Map.of("purpose", "Quarterly planning",
        "agenda", List.of("Goals", "Venue"), "participants", List.of(team.bo.id()), "minutes", 30));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    session = r.text("id");
    saveNotes(team.bo, 0, "Grow by a third.", null, 1, "Lisbon.", null);
    var closed = team.ana.api().post("/api/v1/sync-sessions/" + session + "/close",
        Map.of("decisions", List.of(decision("Plan for a third more", "We plan for a third more customers.", ""))));
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().has("replyId")).isFalse();
    JsonNode t = team.cy.api().get("/api/v1/threads/" + closed.text("threadId")).json();
    assertThat(t.path("title").asText()).isEqualTo("Sync session: Quarterly planning");
    assertThat(t.path("spaceId").asText()).isEqualTo(space);
    assertThat(t.path("body").asText()).contains("Grow by a third.", "Plan for a third more");
    assertThat(events("SyncSessionClosed", session).getFirst()).doesNotContain("threadId");
  }

  /** The payloads of the outbox's events of this kind about the session. */
  private List<String> events(String kind, String sessionId) {
    return TestServers.get(db).database().read(h -> h.createQuery("SELECT payload FROM outbox WHERE kind = :k AND payload LIKE :s ORDER BY id")
        .bind("k", kind).bind("s", "%\"sessionId\":" + sessionId + "%").mapTo(String.class).list());
  }
}
