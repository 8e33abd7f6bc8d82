package dev.longhand.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** One's time and the team-time page, and local times on the pages that name people, driven without JavaScript. */
@ParameterizedClass
@EnumSource(Db.class)
class TimePagesTest {
  @Parameter Db db;
  Team team;

  @BeforeEach
  void team() {
    team = Team.of(db);
  }

  private WebSession web(Team.Person p) {
    return WebSession.signedIn(TestServers.get(db).baseUrl(), p.email(), "correct horse battery");
  }

  @Test
  void editingOnesZoneHoursAndAwayPeriods() {
    WebSession bo = web(team.bo);
    var page = bo.get("/me/time");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("value=\"Asia/Seoul\"").contains("10:00-19:00").contains(" in Seoul");

    var saved = bo.postForm("/me/schedule", Map.of("timeZone", "Asia/Kathmandu", "hours_MONDAY", "09:00-12:00, 13:00-18:00",
        "hours_SATURDAY", "22:00-06:00"));
    assertThat(saved.statusCode()).isEqualTo(303);
    var me = team.bo.api().get("/api/v1/me").json();
    assertThat(me.get("timeZone").asText()).isEqualTo("Asia/Kathmandu");

    var bad = bo.postForm("/me/schedule", Map.of("timeZone", "Asia/Kathmandu", "hours_TUESDAY", "nine to five"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("Working hours on Tuesday must look like 09:00-17:00").contains("nine to five");

    assertThat(bo.postForm("/me/away", Map.of("from", "2027-02-01", "returns", "2027-02-08", "note", "Trek")).statusCode()).isEqualTo(303);
    assertThat(bo.get("/me/time").body()).contains("Mon 1 Feb").contains("until Mon 8 Feb").contains("Trek");
    var backwards = bo.postForm("/me/away", Map.of("from", "2027-02-08", "returns", "2027-02-01"));
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(backwards.body()).contains("it must be after");
  }

  @Test
  void theFeedAddressIsShownOnceThenOnlyReplaced() {
    WebSession cy = web(team.cy);
    var created = cy.postForm("/me/calendar-feed", Map.of());
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.body()).contains("shown only this once").containsPattern("/calendar/lhc_[A-Za-z0-9_-]+\\.ics");
    assertThat(cy.get("/me/time").body()).doesNotContain("/calendar/lhc_").contains("Make a new address");
  }

  @Test
  void teamTimeShowsEachPersonsDayAndTheOverlap() {
    var page = web(team.bo).get("/workspaces/" + team.workspaceId + "/time?days=7");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Team time").contains("svg class=\"band\"").contains("class=\"work\"")
        .contains(" in Seoul").contains(" in Denver").contains("Times are in your zone, Asia/Seoul")
        .contains("No time when everyone is working").contains("Suggested times for a 30-minute call");
    assertThat(page.body().split("class=\"day-band\"").length - 1).isEqualTo(7);
    assertThat(web(team.bo).get("/workspaces/" + team.workspaceId + "/time?days=99").statusCode()).isEqualTo(400);
    assertThat(web(team.eve).get("/workspaces/" + team.workspaceId + "/time").statusCode()).isEqualTo(404);
  }

  @Test
  void onlyAdminsKeepHolidaysOnTheTeamPage() {
    WebSession ana = web(team.ana);
    assertThat(ana.get("/workspaces/" + team.workspaceId + "/time").body()).contains("Add holiday");
    assertThat(web(team.bo).get("/workspaces/" + team.workspaceId + "/time").body()).doesNotContain("Add holiday");
    assertThat(ana.postForm("/workspaces/" + team.workspaceId + "/holidays", Map.of("date", "2026-12-31", "name", "Year's end")).statusCode())
        .isEqualTo(303);
    assertThat(web(team.bo).get("/workspaces/" + team.workspaceId + "/time").body()).contains("Year's end");
    assertThat(web(team.bo).postForm("/workspaces/" + team.workspaceId + "/holidays/2026-12-31/remove", Map.of()).statusCode()).isEqualTo(403);
  }

  @Test
  void namesCarryLocalTimesAndWrittenTimesReadInEachZone() {
    String space = team.createSpace(team.ana, "Launch", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads",
        Map.of("title", "Launch call", "body", "Shall we meet <t:2026-12-01T15:00Z>? Not `<t:2026-12-01T15:00Z>` in code.")).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Works for me."));

    String ana = web(team.ana).get("/threads/" + thread).body();
    assertThat(ana).contains("class=\"local-time").contains(" in Lisbon").contains(" in Seoul");
    assertThat(ana).contains("<time datetime=\"2026-12-01T15:00:00Z\" class=\"lh-time\"").contains("1 Dec").contains("15:00</time>");
    assertThat(ana).contains("<code>&lt;t:2026-12-01T15:00Z&gt;</code>");

    String bo = web(team.bo).get("/threads/" + thread).body();
    assertThat(bo).contains("class=\"lh-time outside\"").contains("2 Dec").contains("00:00 · outside your hours");
    // The API's bodyHtml reads the same way for each reader.
    assertThat(team.bo.api().get("/api/v1/threads/" + thread).text("bodyHtml")).contains("00:00 · outside your hours")
        .contains("datetime=\"2026-12-01T15:00:00Z\"");
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).text("bodyHtml")).contains("15:00</time>").doesNotContain("outside");

    assertThat(web(team.ana).get("/workspaces/" + team.workspaceId).body()).contains(" in Denver");
    assertThat(web(team.ana).get("/spaces/" + space).body()).contains("data-mentions=\"/api/v1/spaces/" + space + "/people\"")
        .contains("Insert a time");
  }
}
