package dev.longhand.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The overlap finder through the API, for Ana (Lisbon 09-17), Bo (Seoul 10-19) and Cy (Denver 08-16). */
@ParameterizedClass
@EnumSource(Db.class)
class OverlapApiTest {
  @Parameter Db db;
  Team team;

  @BeforeEach
  void team() {
    team = Team.of(db);
  }

  private String overlap(String query) {
    return "/api/v1/workspaces/" + team.workspaceId + "/overlap?" + query;
  }

  @Test
  void anaAndCyOverlapInsideBothOfTheirDays() {
    var r = team.bo.api().get(overlap("members=" + team.ana.id() + "," + team.cy.id() + "&days=14"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("everyone").asBoolean()).isTrue();
    JsonNode windows = r.json().get("windows");
    assertThat(windows.size()).isGreaterThanOrEqualTo(8); // about ten weekdays in two weeks
    for (JsonNode w : windows) {
      assertThat(w.get("outside").size()).isZero();
      assertThat(w.get("minutes").asInt()).isBetween(30, 180);
      insideHours(w, "Europe/Lisbon", "09:00", "17:00");
      insideHours(w, "America/Denver", "08:00", "16:00");
    }
    assertThat(windows.get(0).get("minutes").asInt()).isGreaterThanOrEqualTo(windows.get(windows.size() - 1).get("minutes").asInt());
    assertThat(r.json().get("suggestedSlots").size()).isPositive();
  }

  @Test
  void withoutAWindowForEveryoneTheBestSubsetsSayWhoIsOutside() {
    var r = team.ana.api().get(overlap("members=" + team.ana.id() + "," + team.bo.id() + "," + team.cy.id()));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("everyone").asBoolean()).isFalse();
    JsonNode windows = r.json().get("windows");
    assertThat(windows.size()).isPositive();
    for (JsonNode w : windows) {
      assertThat(w.get("inside").size()).isEqualTo(2);
      assertThat(w.get("outside").size()).isEqualTo(1);
      JsonNode out = w.get("outside").get(0);
      assertThat(out.get("position").asText()).isIn("before_day", "after_day", "day_off");
      assertThat(out.get("minutesOutside").asInt()).isEqualTo(w.get("minutes").asInt());
      assertThat(out.get("localStart").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");
    }
    // Everyone is in the slot suggestions, each with how far the slot stretches their day.
    JsonNode slot = r.json().get("suggestedSlots").get(0);
    assertThat(slot.get("stretchMinutes").size()).isEqualTo(3);
    assertThat(slot.get("totalStretchMinutes").asInt()).isPositive();
  }

  @Test
  void everyoneByDefault() {
    var r = team.cy.api().get(overlap("days=3"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("members").size()).isEqualTo(4); // Ana, Bo, Cy and Gil the guest
  }

  @Test
  void badInputNamesTheField() {
    assertThat(team.ana.api().get(overlap("members=abc")).text("field")).isEqualTo("members");
    assertThat(team.ana.api().get(overlap("members=" + team.eve.id())).text("field")).isEqualTo("members");
    assertThat(team.ana.api().get(overlap("days=0")).text("field")).isEqualTo("days");
    assertThat(team.ana.api().get(overlap("days=29")).text("field")).isEqualTo("days");
    assertThat(team.ana.api().get(overlap("minutes=5")).text("field")).isEqualTo("minutes");
    assertThat(team.eve.api().get(overlap("")).status()).isEqualTo(404);
  }

  @Test
  void thePeopleOfASpaceForTheMentionPicker() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.bo.id()));
    var r = team.bo.api().get("/api/v1/spaces/" + vault + "/people");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("people").findValuesAsText("handle")).containsExactlyInAnyOrder(team.ana.handle(), team.bo.handle());
    assertThat(r.json().get("people").get(0).get("status").asText()).contains(" in ");
    assertThat(team.cy.api().get("/api/v1/spaces/" + vault + "/people").status()).isEqualTo(404);
    assertThat(team.eve.api().get("/api/v1/workspaces/" + team.workspaceId + "/people").status()).isEqualTo(404);
  }

  private static void insideHours(JsonNode w, String zone, String start, String end) {
    ZoneId z = ZoneId.of(zone);
    LocalTime from = Instant.parse(w.get("start").asText()).atZone(z).toLocalTime();
    LocalTime to = Instant.parse(w.get("end").asText()).atZone(z).toLocalTime();
    assertThat(from).as(zone + " start").isBetween(LocalTime.parse(start), LocalTime.parse(end));
    assertThat(to).as(zone + " end").isBetween(LocalTime.parse(start), LocalTime.parse(end));
  }
}
