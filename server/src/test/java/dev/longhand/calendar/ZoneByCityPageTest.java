package dev.longhand.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** "Your time": the zone field takes a city, as its hint says, and its list names each zone's cities. */
@ParameterizedClass
@EnumSource(Db.class)
class ZoneByCityPageTest {
  @Parameter Db db;

  @Test
  void aCityTypedInTheZoneFieldSavesItsZone() {
    Team team = Team.of(db);
    WebSession cy = WebSession.signedIn(TestServers.get(db).baseUrl(), team.cy.email(), "correct horse battery");
    String page = cy.get("/me/time").body();
    assertThat(page).contains("<option value=\"Asia/Kolkata\">Kolkata, India · also Bengaluru, Bangalore")
        .contains("<option value=\"America/Los_Angeles\">Los Angeles, United States · also San Francisco");

    var saved = cy.postForm("/me/schedule", Map.of("timeZone", "Bengaluru", "hours_MONDAY", "09:00-17:00"));
    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(team.cy.api().get("/api/v1/me").text("timeZone")).isEqualTo("Asia/Kolkata");
    assertThat(cy.postForm("/me/schedule", Map.of("timeZone", "san francisco", "hours_MONDAY", "09:00-17:00")).statusCode()).isEqualTo(303);
    assertThat(team.cy.api().get("/api/v1/me").text("timeZone")).isEqualTo("America/Los_Angeles");

    var unknown = cy.postForm("/me/schedule", Map.of("timeZone", "Atlantis", "hours_MONDAY", "10:00-18:00"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("No time zone found for 'Atlantis'").contains("aria-invalid=\"true\"")
        .contains("value=\"Atlantis\"");
    assertThat(team.cy.api().get("/api/v1/me").text("timeZone")).as("nothing changed").isEqualTo("America/Los_Angeles");
  }
}
