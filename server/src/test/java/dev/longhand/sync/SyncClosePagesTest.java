package dev.longhand.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.WebSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The notes and the close form as pages, without script: forms post and redirect, and a refused one shows the page
 * again with the error beside what it is about and the text kept; each reader is offered only what they may do.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SyncClosePagesTest {
  @Parameter Db db;
  Team team;
  String thread;
  String session;

  @BeforeEach
  void aSessionFromAThread() {
    team = Team.of(db);
    String space = team.createSpace(team.ana, "Product", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch venue", "body", "Lisbon or Seoul?")).text("id");
    session = team.ana.api().post("/api/v1/threads/" + thread + "/sync-sessions", Map.of("purpose", "Pick the launch venue",
        "agenda", List.of("Budget", "Venue"), "participants", List.of(team.bo.id(), team.cy.id()), "minutes", 30)).text("id");
  }

  WebSession web(Team.Person who) {
    return WebSession.signedIn(team.anonymous.base(), who.email(), "correct horse battery");
  }

  @Test
  void theSessionPageOffersNotesToParticipantsAndClosingToItsOrganiserOnly() {
    team.bo.api().put("/api/v1/sync-sessions/" + session + "/notes", Map.of("items", List.of(Map.of("agendaIndex", 0, "notes", "Budget <b>10k</b>"))));
    String bo = web(team.bo).get("/sync-sessions/" + session).body();
    assertThat(bo).contains("id=\"notes-0\"", "Notes on Budget", "Budget &lt;b&gt;10k&lt;/b&gt;", "data-sync-notes=\"/sync-sessions/" + session + "/notes/events\"");
    assertThat(bo).doesNotContain("Close the session…");
    String ana = web(team.ana).get("/sync-sessions/" + session).body();
    assertThat(ana).contains("Close the session…", "id=\"notes-1\"");
    Team.Person dee = team.extraMember("Dee", "member");
    String reader = web(dee).get("/sync-sessions/" + session).body();
    assertThat(reader).contains("id=\"notes-text-0\"", "Budget &lt;b&gt;10k&lt;/b&gt;").doesNotContain("<textarea id=\"notes-0\"", "Close the session…");
    assertThat(web(team.bo).get("/sync-sessions/" + session + "/close").statusCode()).as("a participant does not close").isEqualTo(403);
    assertThat(web(team.eve).get("/sync-sessions/" + session + "/close").statusCode()).isEqualTo(404);
  }

  @Test
  void theNotesFormSavesOneItemAndAStaleOneIsShownAgainWithTheTextKept() {
    WebSession bo = web(team.bo);
    var saved = bo.postForm("/sync-sessions/" + session + "/notes", Map.of("agendaIndex", "0", "notes", "Budget: 10k", "revision", "0"));
    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location").orElse("")).startsWith("/sync-sessions/" + session + "?notice=").endsWith("#notes-item-0");

    var stale = web(team.cy).postForm("/sync-sessions/" + session + "/notes", Map.of("agendaIndex", "0", "notes", "Cy has other budget words", "revision", "0"));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.body()).contains("id=\"notes-error-0\"", "saved the notes of “Budget” since you loaded them", "Cy has other budget words", "As saved now (revision 1, by " + team.bo.name() + ")",
        "aria-invalid=\"true\"");
    assertThat(team.ana.api().get("/api/v1/sync-sessions/" + session + "/notes").json().path("items").get(0).path("notes").asText())
        .isEqualTo("Budget: 10k");
  }

  @Test
  void theCloseFormIsShownAgainWithTheErrorBesideItsRowAndThenPostsTheSummary() {
    WebSession ana = web(team.ana);
    Map<String, String> form = new HashMap<>(Map.of("decision-title-0", "Launch in Seoul", "decision-text-0", "In March."));
    var noNotes = ana.postForm("/sync-sessions/" + session + "/close", form);
    assertThat(noNotes.statusCode()).isEqualTo(409);
    assertThat(noNotes.body()).contains("id=\"close-error\"", "Missing: notes for 1. “Budget”, 2. “Venue”", "value=\"Launch in Seoul\"");

    team.bo.api().put("/api/v1/sync-sessions/" + session + "/notes", Map.of("items", List.of(Map.of("agendaIndex", 0, "notes", "10k"),
        Map.of("agendaIndex", 1, "notes", "Seoul"))));
    form.putAll(Map.of("ask-assignee-2", team.gil.id(), "ask-text-2", "Fly in", "ask-days-2", "2"));
    var badAsk = ana.postForm("/sync-sessions/" + session + "/close", form);
    assertThat(badAsk.statusCode()).isEqualTo(400);
    assertThat(badAsk.body()).as("the third row's error, though it is the first ask listed").contains("id=\"error-asks-2-assignee\"")
        .contains("<details class=\"sync-more\" open>");

    form.put("ask-assignee-2", team.bo.id());
    var closed = ana.postForm("/sync-sessions/" + session + "/close", form);
    assertThat(closed.statusCode()).as(closed.body()).isEqualTo(303);
    String reply = team.ana.api().get("/api/v1/sync-sessions/" + session + "/notes").json().path("closing").path("replyId").asText();
    assertThat(closed.headers().firstValue("Location").orElse("")).startsWith("/threads/" + thread + "?notice=").endsWith("#reply-" + reply);
    String page = ana.get("/threads/" + thread).body();
    assertThat(page).contains("Sync session closed:", "Launch in Seoul", "Fly in");
    assertThat(ana.get("/sync-sessions/" + session + "/close").body()).contains("This session is closed.", "Read its summary in the thread");
  }
}
