package dev.longhand.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Working-time arithmetic through the API, in Bo's calendar (Seoul, Mon-Fri 10:00-19:00). */
@ParameterizedClass
@EnumSource(Db.class)
class WorkingTimeApiTest {
  /** Friday 4 December 2026, 15:00 in Seoul. */
  static final String FRIDAY_3PM_SEOUL = "2026-12-04T06:00:00Z";

  @Parameter Db db;
  Team team;

  @BeforeEach
  void team() {
    team = Team.of(db);
  }

  private String bo(String query) {
    return "/api/v1/people/" + team.bo.id() + "/working-time?" + query;
  }

  @Test
  void sixteenWorkingHoursSkipBosNightsAndWeekend() {
    var r = team.ana.api().get(bo("from=" + FRIDAY_3PM_SEOUL + "&add=PT16H"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    // Friday 15-19 (4 h), Monday 10-19 (9 h), Tuesday 10-13 (3 h).
    assertThat(r.text("dueAt")).isEqualTo("2026-12-08T04:00:00Z");
    assertThat(r.text("dueAtLocal")).isEqualTo("2026-12-08T13:00+09:00");
    assertThat(r.text("timeZone")).isEqualTo("Asia/Seoul");
  }

  @Test
  void workingTimeBetweenTwoInstantsIsTheInverse() {
    var r = team.cy.api().get(bo("from=" + FRIDAY_3PM_SEOUL + "&to=2026-12-08T04:00:00Z"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.text("workingTime")).isEqualTo("PT16H");
    assertThat(r.json().get("workingMinutes").asInt()).isEqualTo(960);
  }

  @Test
  void aWorkspaceHolidayIsSkipped() {
    var h = team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/holidays", Map.of("date", "2026-12-07", "name", "Founders' day"));
    assertThat(h.status()).as(h.body()).isEqualTo(201);
    var r = team.ana.api().get(bo("from=" + FRIDAY_3PM_SEOUL + "&add=PT16H"));
    assertThat(r.text("dueAt")).isEqualTo("2026-12-09T04:00:00Z"); // Monday off: Tuesday, then Wednesday 13:00
  }

  @Test
  void awayDaysAreSkipped() {
    var away = team.bo.api().post("/api/v1/me/away", Map.of("from", "2026-12-08", "returns", "2026-12-10", "note", "Conference"));
    assertThat(away.status()).as(away.body()).isEqualTo(201);
    var r = team.ana.api().get(bo("from=" + FRIDAY_3PM_SEOUL + "&add=PT16H"));
    assertThat(r.text("dueAt")).isEqualTo("2026-12-10T04:00:00Z"); // away Tuesday and Wednesday: Thursday 13:00
  }

  @Test
  void badInputNamesTheFieldAndOutsidersSeeNothing() {
    var words = team.ana.api().get(bo("add=sixteen%20hours"));
    assertThat(words.status()).isEqualTo(400);
    assertThat(words.text("field")).isEqualTo("add");
    assertThat(words.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(team.ana.api().get(bo("add=PT-1H")).text("field")).isEqualTo("add");
    assertThat(team.ana.api().get(bo("add=PT1H&to=2026-12-08T04:00:00Z")).status()).isEqualTo(400);
    assertThat(team.ana.api().get(bo("from=tomorrow&add=PT1H")).text("field")).isEqualTo("from");
    assertThat(team.ana.api().get(bo("from=2026-12-08T04:00:00Z&to=" + FRIDAY_3PM_SEOUL)).text("field")).isEqualTo("to");
    assertThat(team.eve.api().get(bo("add=PT1H")).status()).isEqualTo(404);
    assertThat(team.eve.api().get("/api/v1/people/" + team.bo.id()).status()).isEqualTo(404);
  }

  @Test
  void someoneWithoutWorkingHoursCannotBeCountedIn() {
    team.cy.api().put("/api/v1/me/schedule", Map.of("timeZone", "America/Denver", "workingHours", java.util.List.of()));
    var r = team.ana.api().get("/api/v1/people/" + team.cy.id() + "/working-time?add=PT1H");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.text("detail")).contains("no working hours");
  }

  @Test
  void aTeammatesLocalTimeAndAwayPeriod() {
    String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Seoul")).toString();
    String back = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Seoul")).plusDays(3).toString();
    team.bo.api().post("/api/v1/me/away", Map.of("from", today, "returns", back, "note", "Parental leave"));
    var r = team.ana.api().get("/api/v1/people/" + team.bo.id());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.text("timeZone")).isEqualTo("Asia/Seoul");
    assertThat(r.text("localTime")).matches("\\d{2}:\\d{2}");
    assertThat(r.text("status")).contains("in Seoul").contains("away until");
    assertThat(r.json().get("working").asBoolean()).isFalse();
    assertThat(r.json().get("away").get("note").asText()).isEqualTo("Parental leave");
    assertThat(r.json().get("away").get("returns").asText()).isEqualTo(back);
  }
}
