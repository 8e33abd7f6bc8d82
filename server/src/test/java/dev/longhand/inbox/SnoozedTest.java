package dev.longhand.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.WebSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Remind me later" on a test clock: "when my next working day starts" is later today when today's hours have not
 * begun, and the snoozed threads are listed, each with when it comes back. Ana works 09:00-17:00 in Lisbon, which is
 * UTC in March 2026.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SnoozedTest {
  /** Tuesday 3 March 2026, 06:00 in Lisbon: Ana's day starts in three hours. */
  static final Instant TUESDAY_EARLY = Instant.parse("2026-03-03T06:00:00Z");

  @Parameter Db db;
  TestClock clock;
  OwnServer own;
  Longhand server;
  Team team;
  String space;

  @BeforeEach
  void start() {
    clock = new TestClock(TUESDAY_EARLY);
    own = OwnServer.at(db, clock, "Product");
    server = own.server;
    team = own.team;
    space = own.space;
  }

  @AfterEach
  void stop() {
    own.close();
  }

  private String thread(Team.Person who, String title) {
    var r = who.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", "Body of " + title));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private WebSession web(Team.Person p) {
    return own.web(p);
  }

  private List<JsonNode> reminders(Team.Person p) {
    var r = p.api().get("/api/v1/reminders");
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("reminders").valueStream().toList();
  }

  @Test
  void beforeTheDayHasBegunTheNextWorkingDayIsToday() {
    String plan = thread(team.bo, "Launch plan");
    var snoozed = web(team.ana).postForm("/threads/" + plan + "/remind", Map.of("when", "next-day"));
    assertThat(snoozed.statusCode()).isEqualTo(303);
    assertThat(reminders(team.ana)).singleElement()
        .satisfies(r -> assertThat(r.get("remindAt").asText()).isEqualTo("2026-03-03T09:00:00Z"));
  }

  @Test
  void onceTheDayHasBegunItIsTomorrowAndOnAFridayEveningMonday() {
    String plan = thread(team.bo, "Launch plan");
    String retro = thread(team.bo, "Retro");
    WebSession ana = web(team.ana);
    clock.set(Instant.parse("2026-03-03T09:00:00Z")); // her day starts now: the next one is Wednesday's
    assertThat(ana.postForm("/threads/" + plan + "/remind", Map.of("when", "next-day")).statusCode()).isEqualTo(303);
    assertThat(reminders(team.ana)).extracting(r -> r.get("remindAt").asText()).containsExactly("2026-03-04T09:00:00Z");
    clock.set(Instant.parse("2026-03-06T18:00:00Z")); // Friday evening (Wednesday's reminder may have come back by now)
    assertThat(ana.postForm("/threads/" + retro + "/remind", Map.of("when", "next-day")).statusCode()).isEqualTo(303);
    assertThat(reminders(team.ana)).extracting(r -> r.get("remindAt").asText()).contains("2026-03-09T09:00:00Z");
  }

  @Test
  void snoozedThreadsAreListedWithWhenTheyComeBackAndCanBeCancelledThere() {
    String plan = thread(team.bo, "Launch plan");
    String retro = thread(team.bo, "Retro notes");
    thread(team.bo, "Not snoozed");
    WebSession ana = web(team.ana);
    assertThat(ana.get("/inbox").body()).doesNotContain("/inbox/snoozed");
    assertThat(ana.get("/inbox/snoozed").body()).contains("Nothing is snoozed.");

    assertThat(team.ana.api().post("/api/v1/threads/" + retro + "/reminders", Map.of("at", "2026-03-05T14:30:00Z")).status())
        .isEqualTo(201);
    assertThat(ana.postForm("/threads/" + plan + "/remind", Map.of("when", "next-day")).statusCode()).isEqualTo(303);

    String inbox = ana.get("/inbox").body();
    assertThat(inbox).contains("href=\"/inbox/snoozed\"").contains("Snoozed: 2 threads come back later")
        .doesNotContain("Launch plan").contains("Not snoozed");
    var page = ana.get("/inbox/snoozed");
    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body).contains("Launch plan").contains("Retro notes").contains("Product")
        .contains("Tue 3 Mar, 09:00").contains("Thu 5 Mar, 14:30").doesNotContain("Not snoozed");
    assertThat(body.indexOf("Launch plan")).as("soonest back first").isLessThan(body.indexOf("Retro notes"));
    assertThat(web(team.bo).get("/inbox/snoozed").body()).as("one's own only").contains("Nothing is snoozed.");

    String id = reminders(team.ana).getFirst().get("id").asText();
    var cancelled = ana.postForm("/reminders/" + id + "/cancel", Map.of("back", "snoozed"));
    assertThat(cancelled.statusCode()).isEqualTo(303);
    assertThat(cancelled.headers().firstValue("Location").orElseThrow()).startsWith("/inbox/snoozed?notice=");
    assertThat(ana.get("/inbox/snoozed").body()).doesNotContain("Launch plan").contains("Retro notes");
    assertThat(web(team.bo).postForm("/reminders/" + reminders(team.ana).getFirst().get("id").asText() + "/cancel",
        Map.of("back", "snoozed")).statusCode()).as("someone else's").isEqualTo(404);
  }
}
