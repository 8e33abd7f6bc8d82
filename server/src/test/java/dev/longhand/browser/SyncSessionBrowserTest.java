package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's golden path in a real browser: a heated, quick thread suggests going synchronous, and from that
 * suggestion Ana (Lisbon) proposes a sync session with Bo (Seoul) and
 * Cy (Denver), schedules it at the fairest time, and takes notes that Bo's open page shows live while Bo writes his;
 * closing refuses until there is an outcome, then records the decision and posts the summary reply to the thread,
 * where Cy, who was not there, reads what happened, and the suggestion is gone: the session answered it.
 * Screenshots (desktop and phone) go to target/screenshots/.
 */
class SyncSessionBrowserTest {
  static Browser browser;
  String base = TestServers.get(Db.SQLITE).baseUrl();

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name);
  }

  @Test
  void aSessionFromAThreadTakesLiveNotesAndClosesIntoASummaryReply() throws InterruptedException {
    Team team = Team.of(Db.SQLITE);
    String space = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads",
        Map.of("title", "Launch venue", "body", "Lisbon or Seoul? We have gone back and forth for a week.")).text("id");
    SignalBrowserTest.quarrel(team, thread); // a quick, heated back-and-forth: the thread suggests going synchronous

    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    assertThat(ana.locator("#suggestion .suggestion-reasons")).containsText("changing hands");
    ana.locator("#suggestion").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
        .setName("Propose a sync session")).click();
    ana.getByLabel("Purpose").fill("Pick the launch venue");
    ana.getByLabel("Agenda").fill("Budget\nVenue");
    ana.locator("input[name=participants][value='" + team.bo.id() + "']").check();
    ana.locator("input[name=participants][value='" + team.cy.id() + "']").check();
    ana.getByRole(AriaRole.BUTTON, named("Propose and pick a time")).click();
    assertThat(ana.getByRole(AriaRole.HEADING, named("Pick the launch venue"))).isVisible();
    ana.locator("input[name=start]").first().check();
    ana.getByRole(AriaRole.BUTTON, named("Schedule and send invitations")).click();
    assertThat(ana.locator(".notice")).containsText("Scheduled");
    String sessionUrl = ana.url().replaceAll("[?#].*$", "");

    // Bo has the session open too; what Ana writes reaches his page as she pauses, and his reaches hers.
    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(sessionUrl);
    assertThat(bo.locator("[data-sync-notes][data-sync-live=on]")).hasCount(1);
    assertThat(ana.locator("[data-sync-notes][data-sync-live=on]")).hasCount(1);
    ana.getByLabel("Notes on Budget").fill("10k, the venue included. Seoul is cheaper in March.");
    assertThat(ana.locator("#notes-status-0")).hasText("Saved.");
    assertThat(bo.getByLabel("Notes on Budget")).hasValue("10k, the venue included. Seoul is cheaper in March.");
    assertThat(bo.locator("#notes-status-0")).containsText("Updated by " + team.ana.name());
    bo.getByLabel("Notes on Venue").fill("Seoul: the hall by the river holds 200.");
    assertThat(ana.getByLabel("Notes on Venue")).hasValue("Seoul: the hall by the river holds 200.");
    Browser.screenshot(ana, "syncclose-01-live-notes");

    // Closing refuses without an outcome, naming what is missing; then records the decision and an ask for Bo.
    ana.getByRole(AriaRole.LINK, named("Close the session…")).click();
    assertThat(ana.getByRole(AriaRole.HEADING, named("Close: Pick the launch venue"))).isVisible();
    ana.getByRole(AriaRole.BUTTON, named("Close the session and post the summary")).click();
    assertThat(ana.locator("#close-error")).containsText("an outcome");
    Browser.screenshot(ana, "syncclose-02-close-refused");
    ana.getByLabel("Decision 1: title").fill("Launch in Seoul");
    ana.getByLabel("What was decided").first().fill("We launch in Seoul in March, in the hall by the river.");
    ana.getByLabel("Why").first().fill("Cheaper, and Bo's team is there.");
    ana.getByLabel("Ask 1: who").selectOption(team.bo.id());
    ana.getByLabel("What you ask").first().fill("Book the hall for 200 people");
    ana.getByRole(AriaRole.BUTTON, named("Close the session and post the summary")).click();

    // The summary is a reply in the thread: purpose, notes, the decision and the ask, for whoever was not there.
    assertThat(ana.locator(".notice")).containsText("Session closed");
    assertThat(bo.locator(".sync-closed-live")).containsText("This session was just closed");
    Page cy = browser.signedIn(base, "America/Denver", team.cy.email());
    cy.navigate(base + "/threads/" + thread);
    var summary = cy.locator("article.reply").last();
    assertThat(summary).containsText("Sync session closed: Pick the launch venue");
    assertThat(summary).containsText("Seoul is cheaper in March");
    assertThat(summary).containsText("the hall by the river holds 200");
    assertThat(summary.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
        .setName(Pattern.compile("Launch in Seoul")))).isVisible();
    assertThat(summary).containsText("Book the hall for 200 people");
    assertThat(summary).containsText("Ask for " + team.bo.name());
    assertThat(cy.locator(".sync-panel")).containsText("closed");
    TestServers.get(Db.SQLITE).dispatcher().awaitIdle(20, TimeUnit.SECONDS);
    cy.reload();
    assertThat(cy.locator("#suggestion")).hasCount(0); // the session answered the signals that suggested it
    Browser.screenshot(cy, "syncclose-03-summary-in-thread");

    cy.navigate(sessionUrl);
    assertThat(cy.locator(".sync-closed")).containsText("Closed by " + team.ana.name());
    assertThat(cy.locator(".sync-closed").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
        .setName(Pattern.compile("Launch in Seoul")))).isVisible();
    Browser.screenshot(cy, "syncclose-04-closed-session");
  }
}
