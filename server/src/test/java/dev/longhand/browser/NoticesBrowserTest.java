package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a server with a test clock: Ana reads her morning digest (replies grouped by thread with excerpts, documents
 * and decisions), finds her snoozed threads, and Bo marks which of his replies answers Ana's ask. Screenshots at
 * desktop and phone widths under target/screenshots.
 */
class NoticesBrowserTest {
  static Browser browser;
  TestClock clock;
  Config config;
  Longhand server;
  Team team;
  String space;

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
  }

  @BeforeEach
  void start() {
    clock = new TestClock(Instant.parse("2026-03-02T05:00:00Z"));
    config = TestServers.config(Db.SQLITE);
    server = Longhand.start(config, clock);
    team = Team.on(server);
    space = team.createSpace(team.ana, "Launch", "public");
  }

  @AfterEach
  void stop() {
    server.close();
    config.databaseUrl().ifPresent(Databases::drop);
  }

  private void settle() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
      server.dueWork().runDue();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.dueWork().overdue().count() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
  }

  @Test
  void anaReadsHerMorningDigestAndFindsHerSnoozedThreads() throws InterruptedException {
    String pricing = dev.longhand.notify.DigestContentTestAccess.night(team, space, clock);
    settle();
    clock.set(Instant.parse("2026-03-02T09:00:00Z"));
    settle();

    Page ana = browser.signedIn(server.baseUrl(), "Europe/Lisbon", team.ana.email());
    ana.navigate(server.baseUrl() + "/notifications");
    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Your Longhand digest"))).first().click();
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Replies to threads you follow"))).isVisible();
    assertThat(ana.locator(".digest-item").first()).containsText("5 new replies from " + team.bo.name());
    assertThat(ana.locator(".digest-excerpt").first()).isVisible();
    Browser.screenshot(ana, "notices-01-digest");

    ana.navigate(server.baseUrl() + "/threads/" + pricing);
    ana.getByText("Remind me later").click();
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("When my next working day starts")).click();
    ana.navigate(server.baseUrl() + "/inbox");
    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Snoozed"))).click();
    assertThat(ana.locator("ul.snoozed li")).containsText("Pricing page");
    assertThat(ana.locator("ul.snoozed li")).containsText("Tue 3 Mar, 09:00");
    Browser.screenshot(ana, "notices-02-snoozed");
  }

  @Test
  void anaSeesWhoCausedEachNoticeBesideIt() throws InterruptedException {
    clock.set(Instant.parse("2026-03-02T10:00:00Z")); // 10:00 in Lisbon: Ana is at work, so notices reach her at once
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Seat limit", "body", "What limit?")).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "50 seats."));
    team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Or 60."));
    team.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch day", "body", "@ana which day?"));
    settle();

    Page ana = browser.signedIn(server.baseUrl(), "Europe/Lisbon", team.ana.email());
    ana.navigate(server.baseUrl() + "/notifications");
    var grouped = ana.locator("ul.notifications li", new Page.LocatorOptions().setHasText("2 new replies in “Seat limit”"));
    assertThat(grouped.locator("img.avatar")).hasCount(2);
    assertThat(grouped.locator("img.avatar").first()).hasAttribute("src", "/avatars/" + team.cy.id()); // the latest first
    var mention = ana.locator("ul.notifications li", new Page.LocatorOptions().setHasText("Launch day"));
    assertThat(mention.locator("img.avatar")).hasCount(1);
    assertThat(mention.locator("img.avatar")).hasAttribute("src", "/avatars/" + team.bo.id());
    assertThat(ana.locator("ul.notifications img.avatar").first()).isVisible();
    Browser.screenshot(ana, "notices-05-who-caused-them");
  }

  @Test
  void boMarksWhichReplyAnswersAnasAsk() throws InterruptedException {
    clock.set(Instant.parse("2026-03-02T10:00:00Z")); // 19:00 in Seoul: Bo's last hour is over; Ana at work
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Seat limit", "body", "What limit do we set?",
        "ask", Map.of("assignee", team.bo.id(), "within", "P1D"))).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Weekly status: all green."));
    String answer = team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "50 seats; larger teams talk to us.")).text("id");
    settle();

    Page bo = browser.signedIn(server.baseUrl(), "Asia/Seoul", team.bo.email());
    bo.navigate(server.baseUrl() + "/threads/" + thread);
    assertThat(bo.locator(".reply .ask-line").first()).containsText("Does this reply answer");
    Browser.screenshot(bo, "notices-03-answer-button");
    bo.locator(".reply").nth(1).getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
        .setName("This answers the ask")).click();
    // back at the answer, on the page of the thread that holds it
    assertThat(bo.locator("#reply-" + answer + " .ask-line")).containsText("Answers " + team.ana.name() + "’s ask");
    assertThat(bo.locator(".post.opening .ask-line")).containsText("answered");
    Browser.screenshot(bo, "notices-04-answered");
  }
}
