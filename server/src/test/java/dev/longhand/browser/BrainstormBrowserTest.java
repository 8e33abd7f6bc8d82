package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A brainstorm from the thread page to its filed result, on a server with a test clock: Ana (Lisbon) starts it, Bo
 * (Seoul) adds ideas and withdraws one, everyone places dots, and the ranked result lands in the thread.
 */
class BrainstormBrowserTest {
  static Browser browser;
  TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
  Longhand server = Longhand.start(TestServers.config(Db.SQLITE), clock);
  String base = server.baseUrl();

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anaStartsABrainstormBoAddsIdeasAnonymouslyEveryoneVotesAndTheResultIsFiled() {
    Team team = Team.on(server);
    String product = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Onboarding",
        "body", "New people feel lost in their first week. Ideas?")).text("id");

    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Start a brainstorm")).click();
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Start a brainstorm"))).isVisible();
    assertThat(ana.locator("legend")).containsText("Europe/Lisbon");
    ana.getByLabel("What should people bring ideas to?").fill("How do we welcome new people?");
    ana.getByLabel("Dots per person").fill("2");
    Browser.screenshot(ana, "brainstorm-01-start");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start the brainstorm")).click();
    assertThat(ana.locator(".notice")).containsText("Brainstorm started");
    ana.getByLabel("Your idea").fill("A map of who knows what");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add idea")).click();
    assertThat(ana.locator(".brainstorm-count")).containsText("1 idea so far");
    String brainstorm = ana.url().replaceAll(".*/brainstorms/(\\d+).*", "$1");

    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(base + "/threads/" + thread);
    assertThat(bo.locator(".brainstorms")).containsText("How do we welcome new people?");
    bo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("How do we welcome new people?")).click();
    assertThat(bo.locator(".brainstorm-count")).containsText("1 idea so far");
    assertThat(bo.getByText("A map of who knows what")).hasCount(0); // others' ideas show when voting opens
    for (String idea : new String[] {"A buddy for the first week", "Free lunch on day one"}) {
      bo.getByLabel("Your idea").fill(idea);
      bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add idea")).click();
    }
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Withdraw “Free lunch on day one”")).click();
    assertThat(bo.locator(".notice")).containsText("Idea withdrawn");
    assertThat(bo.locator(".brainstorm-count")).containsText("2 ideas so far");
    Browser.screenshot(bo, "brainstorm-02-ideas-phase");
    team.cy.api().post("/api/v1/brainstorms/" + brainstorm + "/ideas", Map.of("text", "Record the onboarding talk"));

    clock.set(clock.instant().plus(Duration.ofHours(25))); // past the idea phase (tomorrow at this hour)
    server.dueWork().runDue();
    bo.reload();
    assertThat(bo.locator("#dots-left")).containsText("2 of 2 dots left");
    assertThat(bo.locator(".brainstorm-ideas li")).hasCount(3);
    assertThat(bo.locator(".brainstorm-ideas li", new Page.LocatorOptions().setHasText("A buddy")).locator(".badge")).hasText("yours");
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place a dot on “Record the onboarding talk”")).click();
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place a dot on “Record the onboarding talk”")).click();
    assertThat(bo.locator("#dots-left")).containsText("0 of 2 dots left");
    assertThat(bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place a dot on “A map of who knows what”"))).hasCount(0);
    Browser.screenshot(bo, "brainstorm-03-voting");
    ana.navigate(base + "/brainstorms/" + brainstorm);
    assertThat(ana.locator("#dots-left")).containsText("2 of 2 dots left");
    Browser.screenshot(ana, "brainstorm-03b-voting-with-dots");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place a dot on “A buddy for the first week”")).click();
    ana.navigate(base + "/threads/" + thread);
    assertThat(ana.locator(".brainstorms")).containsText("Voting");
    Browser.screenshot(ana, "brainstorm-04-thread-panel");

    clock.set(clock.instant().plus(Duration.ofHours(25))); // past voting
    server.dueWork().runDue();
    Page cy = browser.signedIn(base, "America/Denver", team.cy.email());
    cy.navigate(base + "/brainstorms/" + brainstorm);
    assertThat(cy.locator("ol.ranked li").first()).containsText("Record the onboarding talk");
    assertThat(cy.locator("ol.ranked li").first()).containsText("2 dots");
    Browser.screenshot(cy, "brainstorm-05-result");
    cy.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Read the result in the thread")).click();
    assertThat(cy.locator(".reply").last()).containsText("Brainstorm result:");
    assertThat(cy.locator(".reply").last()).containsText("Record the onboarding talk — 2 dots");
    Browser.screenshot(cy, "brainstorm-06-filed-reply");
  }
}
