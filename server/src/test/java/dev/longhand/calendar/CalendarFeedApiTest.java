package dev.longhand.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.CalendarComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Away periods, workspace holidays and the personal calendar feed, through the API. */
@ParameterizedClass
@EnumSource(Db.class)
class CalendarFeedApiTest {
  @Parameter Db db;
  Team team;

  @BeforeEach
  void team() {
    team = Team.of(db);
  }

  private String holidays() {
    return "/api/v1/workspaces/" + team.workspaceId + "/holidays";
  }

  @Test
  void awayPeriodsAreOnesOwn() {
    var added = team.bo.api().post("/api/v1/me/away", Map.of("from", "2027-01-04", "returns", "2027-01-11", "note", "Skiing"));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(team.bo.api().get("/api/v1/me/away").json().get("away").findValuesAsText("note")).containsExactly("Skiing");
    assertThat(team.cy.api().get("/api/v1/me/away").json().get("away").size()).isZero();
    assertThat(team.cy.api().delete("/api/v1/me/away/" + added.text("id")).status()).isEqualTo(404);
    assertThat(team.bo.api().delete("/api/v1/me/away/" + added.text("id")).status()).isEqualTo(204);
    assertThat(team.bo.api().get("/api/v1/me/away").json().get("away").size()).isZero();
  }

  @Test
  void aBadAwayPeriodIsRefusedAndNothingIsAdded() {
    var backwards = team.bo.api().post("/api/v1/me/away", Map.of("from", "2027-01-11", "returns", "2027-01-04"));
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.text("field")).isEqualTo("returns");
    var noDate = team.bo.api().post("/api/v1/me/away", Map.of("from", "next week", "returns", "2027-01-04"));
    assertThat(noDate.text("field")).isEqualTo("from");
    assertThat(team.bo.api().post("/api/v1/me/away", Map.of("from", "2027-01-04")).text("field")).isEqualTo("returns");
    assertThat(team.bo.api().get("/api/v1/me/away").json().get("away").size()).isZero();
  }

  @Test
  void adminsKeepHolidaysAndEveryMemberSeesThem() {
    var byMember = team.bo.api().post(holidays(), Map.of("date", "2026-12-25", "name", "Christmas"));
    assertThat(byMember.status()).isEqualTo(403);
    assertThat(team.ana.api().get(holidays()).json().get("holidays").size()).isZero();

    assertThat(team.ana.api().post(holidays(), Map.of("date", "2026-12-25", "name", "Christmas")).status()).isEqualTo(201);
    assertThat(team.ana.api().post(holidays(), Map.of("date", "2026-12-25", "name", "Christmas Day")).status()).isEqualTo(201);
    assertThat(team.gil.api().get(holidays()).json().get("holidays").findValuesAsText("name")).containsExactly("Christmas Day");
    assertThat(team.eve.api().get(holidays()).status()).isEqualTo(404);
    assertThat(team.ana.api().post(holidays(), Map.of("date", "25/12", "name", "x")).text("field")).isEqualTo("date");
    assertThat(team.ana.api().post(holidays(), Map.of("date", "2026-12-26")).text("field")).isEqualTo("name");

    assertThat(team.bo.api().delete(holidays() + "/2026-12-25").status()).isEqualTo(403);
    assertThat(team.ana.api().delete(holidays() + "/2026-12-25").status()).isEqualTo(204);
    assertThat(team.ana.api().delete(holidays() + "/2026-12-25").status()).isEqualTo(404);
  }

  @Test
  void theFeedImportsCleanlyAndCanBeReplacedOrStopped() throws Exception {
    String next = LocalDate.now().plusDays(10).toString();
    String back = LocalDate.now().plusDays(14).toString();
    team.bo.api().post("/api/v1/me/away", Map.of("from", next, "returns", back, "note", "Offsite"));
    team.ana.api().post(holidays(), Map.of("date", LocalDate.now().plusDays(20).toString(), "name", "Founders' day"));

    var created = team.bo.api().post("/api/v1/me/calendar-feed", Map.of());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String url = created.text("url");
    assertThat(url).contains("/calendar/").endsWith(".ics");
    String path = url.substring(url.indexOf("/calendar/"));

    var feed = team.anonymous.get(path);
    assertThat(feed.status()).isEqualTo(200);
    assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/calendar"));
    Calendar ics = new CalendarBuilder().build(new StringReader(feed.body()));
    assertThat(ics.validate().hasErrors()).as(ics.validate().toString()).isFalse();
    List<CalendarComponent> events = ics.getComponents("VEVENT");
    long working = events.stream().filter(e -> e.toString().contains("SUMMARY:Working hours")).count();
    assertThat(working).as("Bo's weekdays over nine weeks, less the away days and the holiday").isBetween(38L, 46L);
    assertThat(feed.body()).contains("SUMMARY:Away: Offsite").contains("SUMMARY:Holiday: Founders' day")
        .contains("DTSTART;VALUE=DATE:" + next.replace("-", ""));
    for (CalendarComponent e : events) {
      String text = e.toString();
      assertThat(text).contains("UID:").contains("DTSTAMP:");
    }

    var replaced = team.bo.api().post("/api/v1/me/calendar-feed", Map.of());
    assertThat(team.anonymous.get(path).status()).isEqualTo(404);
    String newPath = replaced.text("url").substring(replaced.text("url").indexOf("/calendar/"));
    assertThat(team.anonymous.get(newPath).status()).isEqualTo(200);
    assertThat(team.bo.api().delete("/api/v1/me/calendar-feed").status()).isEqualTo(204);
    assertThat(team.anonymous.get(newPath).status()).isEqualTo(404);
    assertThat(team.bo.api().delete("/api/v1/me/calendar-feed").status()).isEqualTo(404);
    assertThat(team.anonymous.get("/calendar/lhc_guess.ics").status()).isEqualTo(404);
  }
}
