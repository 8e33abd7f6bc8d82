package dev.longhand.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import dev.longhand.time.OverlapFinder;
import dev.longhand.time.PersonTime;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The team-time page says how far a window is from the day of each person outside it, from its near to its far end:
 * a window at 02:00-03:00 in Denver for Cy, whose day starts at 08:00, is "5–6 h before their day starts", not
 * "1 h before their day" (the window's length). On a test clock, Monday 2 March 2026, before any of the team's
 * zones changes to summer time.
 */
@ParameterizedClass
@EnumSource(Db.class)
class TeamTimeWordsTest {
  @Parameter Db db;
  Config config;
  Longhand server;
  Team team;

  @BeforeEach
  void start() {
    config = TestServers.config(db);
    server = Longhand.start(config, new TestClock(Instant.parse("2026-03-02T00:00:00Z")));
    team = Team.on(server);
  }

  @AfterEach
  void stop() {
    server.close();
    config.databaseUrl().ifPresent(Databases::drop);
  }

  @Test
  void eachPersonOutsideAWindowIsToldHowFarItIsFromTheirDay() {
    var page = WebSession.signedIn(server.baseUrl(), team.ana.email(), "correct horse battery")
        .get("/workspaces/" + team.workspaceId + "/time?days=1");
    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    // Monday 2 March 09:00-10:00 UTC Ana, Bo and Gil work; it is 02:00-03:00 in Denver, and Cy starts at 08:00.
    assertThat(body).containsPattern("Mon 2 Mar, 09:00–10:00 · 1 h · [^<]* · Cy [^:]*: 02:00–03:00 in Denver, 5–6 h before their day starts</li>");
    // From 9 March Denver keeps summer time: Ana, Cy and Gil work 14:00-16:00 UTC, 23:00-01:00 in Seoul, where Bo's
    // day ended at 19:00.
    assertThat(body).containsPattern("Mon 9 Mar, 14:00–16:00 · 2 h · [^<]* · Bo [^:]*: 23:00–01:00 in Seoul, 4–6 h after their day ends</li>");
    assertThat(body).doesNotContainPattern("\\d h before their day ·").doesNotContainPattern("\\d h before their day<");
    Matcher m = Pattern.compile("(\\d+)–(\\d+) h (before their day starts|after their day ends)").matcher(body);
    int found = 0;
    while (m.find()) {
      found++;
      assertThat(Integer.parseInt(m.group(2))).as(m.group()).isGreaterThan(Integer.parseInt(m.group(1)));
    }
    assertThat(found).isPositive();
  }

  @Test
  void theWordsNameBothEndsOfTheStretch() {
    assertThat(TeamTimeView.outside(new OverlapFinder.Outside("bo", 120, 420, OverlapFinder.Position.BEFORE_DAY)))
        .isEqualTo("7–9 h before their day starts");
    assertThat(TeamTimeView.outside(new OverlapFinder.Outside("cy", 60, 90, OverlapFinder.Position.AFTER_DAY)))
        .isEqualTo("1 h 30 min to 2 h 30 min after their day ends");
    assertThat(TeamTimeView.outside(new OverlapFinder.Outside("cy", 30, 20, OverlapFinder.Position.BEFORE_DAY)))
        .isEqualTo("20–50 min before their day starts");
    assertThat(TeamTimeView.outside(new OverlapFinder.Outside("cy", 120, 0, OverlapFinder.Position.BEFORE_DAY)))
        .isEqualTo("the 2 h before their day starts");
    assertThat(TeamTimeView.outside(new OverlapFinder.Outside("gil", 60, 600, OverlapFinder.Position.DAY_OFF)))
        .isEqualTo("on a day off");
    assertThat(PersonTime.distance(60, 180)).isEqualTo("1–3 h");
  }
}
