package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ana asks Bo with the composer's ask control and sees the deadline in her time and his; Bo finds it on his asks page. */
class AskBrowserTest {
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
  void anaAsksBoWithTheComposerAndBothSeeTheDeadline() {
    Team team = Team.of(Db.SQLITE);
    String product = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Launch plan", "body", "Draft attached.")).text("id");

    Page ana = signIn("Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    ana.getByLabel("Your reply").fill("Could you review the numbers?");
    ana.getByLabel("Who", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel(team.bo.name() + " (@" + team.bo.handle() + ")"));
    ana.getByLabel("Within", new Page.GetByLabelOptions().setExact(true)).selectOption("P2D");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post reply")).click();
    assertThat(ana.locator(".reply .ask-line")).containsText("Ask for " + team.bo.name() + " from you, within 2 working days: due ");
    assertThat(ana.locator(".reply .ask-line")).containsText("in Seoul");
    Browser.screenshot(ana, "ask-01-thread-with-ask");

    Page bo = signIn("Asia/Seoul", team.bo.email());
    bo.navigate(base + "/asks");
    assertThat(bo.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Waiting on you"))).isVisible();
    assertThat(bo.locator("ul.asks li")).containsText("Launch plan");
    Browser.screenshot(bo, "ask-02-asks-page");
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark done: the ask in Launch plan")).click();
    assertThat(bo.getByText("Nothing is waiting on you.")).isVisible();

    // Ana asks Bo again, then no longer needs it: she withdraws the ask from her queue.
    ana.getByLabel("Your reply").fill("And the venue, please?");
    ana.getByLabel("Who", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel(team.bo.name() + " (@" + team.bo.handle() + ")"));
    ana.getByLabel("Within", new Page.GetByLabelOptions().setExact(true)).selectOption("P2D");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post reply")).click();
    ana.navigate(base + "/asks");
    assertThat(ana.locator("ul.asks li")).containsText(team.bo.name());
    Browser.screenshot(ana, "ask-03-waiting-on-others");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Withdraw your ask in Launch plan")).click();
    assertThat(ana.locator(".notice")).containsText("Ask withdrawn");
    assertThat(ana.getByText("You are not waiting on anyone.")).isVisible();
    bo.navigate(base + "/asks");
    assertThat(bo.getByText("Nothing is waiting on you.")).isVisible();
  }

  private Page signIn(String zone, String email) {
    return browser.signedIn(base, zone, email);
  }
}
