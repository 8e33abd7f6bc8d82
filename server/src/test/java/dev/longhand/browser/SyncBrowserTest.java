package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ana proposes a sync session from a thread, picks the fairest slot and schedules it; Bo reads it in Seoul's time. */
class SyncBrowserTest {
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

  @Test
  void anaProposesASessionPicksAFairSlotAndBoReadsItInHisZone() {
    Team team = Team.of(Db.SQLITE);
    String space = team.createSpace(team.ana, "Launch", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Pricing for the launch",
        "body", "We have gone round this three times.")).text("id");

    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    assertThat(ana.locator(".sync-panel")).containsText("Sync sessions");
    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Propose a sync session")).click();
    ana.getByLabel("Purpose").fill("Settle launch pricing");
    ana.locator("#sync-agenda").fill("Where we disagree\nPick one of the three prices");
    ana.locator("input[name='participants'][value='" + team.bo.id() + "']").check();
    ana.locator("input[name='participants'][value='" + team.cy.id() + "']").check();
    ana.getByLabel("Length").selectOption("30");
    assertThat(ana.locator(".sync-people")).containsText("of 5 h this week");
    Browser.screenshot(ana, "sync-01-propose");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Propose and pick a time")).click();

    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Settle launch pricing");
    assertThat(ana.locator(".sync-slot").first()).containsText("outside their hours");
    Browser.screenshot(ana, "sync-02-slots");
    ana.locator(".sync-slot input[name='start']").first().check();
    ana.getByLabel("Call link").fill("https://meet.example.com/pricing");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule and send invitations")).click();
    assertThat(ana.locator(".sync-status")).hasText("scheduled");
    assertThat(ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add to calendar (.ics)"))).isVisible();
    Browser.screenshot(ana, "sync-03-scheduled");

    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(base + "/threads/" + thread);
    assertThat(bo.locator(".sync-panel")).containsText("Settle launch pricing");
    bo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settle launch pricing")).click();
    assertThat(bo.locator(".sync-call")).containsText("https://meet.example.com/pricing");
    Browser.screenshot(bo, "sync-04-participant");
  }
}
