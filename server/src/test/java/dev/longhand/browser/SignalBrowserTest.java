package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A heated, quick exchange between Ana and Bo: the thread suggests slowing down, Ana turns on slow mode from the
 * suggestion, Bo's composer says when he may reply and a reply too soon keeps his text; then Ana dismisses the
 * suggestion with a reason.
 */
class SignalBrowserTest {
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

  /**
   * Bo and Ana trade six quick, heated replies: the thread's signals (fast back-and-forth, heated words) are computed
   * before this returns, so its page shows the suggestion.
   */
  static void quarrel(Team team, String thread) throws InterruptedException {
    String[][] lines = {{"bo", "This copy is ridiculous, nobody reads three paragraphs."}, {"ana", "You never read the research!!"},
        {"bo", "I did. Your reading of it is absurd."}, {"ana", "Then propose something better."},
        {"bo", "Two lines and a table."}, {"ana", "Fine, draft it."}};
    for (String[] line : lines) (line[0].equals("ana") ? team.ana : team.bo).api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", line[1]));
    TestServers.get(Db.SQLITE).dispatcher().awaitIdle(20, TimeUnit.SECONDS);
  }

  @Test
  void theSuggestionLeadsToSlowModeAndTheComposerSaysWhenBoMayReply() throws InterruptedException {
    Team team = Team.of(Db.SQLITE);
    String product = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads",
        Map.of("title", "Pricing page", "body", "Let us settle the pricing page copy today.")).text("id");
    quarrel(team, thread);

    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This thread may go better a little slower"))).isVisible();
    assertThat(ana.locator(".suggestion-reasons")).containsText("Heated words: “ridiculous”");
    assertThat(ana.locator(".suggestion-reasons")).containsText("changing hands 6 times");
    Browser.screenshot(ana, "signals-01-suggestion");

    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Turn on slow mode")).click();
    ana.getByLabel("One reply per person every").selectOption("PT30M");
    Browser.screenshot(ana, "signals-02-slow-mode-form");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
    assertThat(ana.locator(".notice")).containsText("Slow mode is on: one reply every 30 minutes per person.");

    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(base + "/threads/" + thread);
    assertThat(bo.locator("#slow-mode-note")).containsText("You may reply again at");
    Browser.screenshot(bo, "signals-03-composer-note");
    bo.getByLabel("Your reply").fill("One more thing about the table");
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post reply")).click();
    assertThat(bo.locator("#reply-error")).containsText("This thread is in slow mode: you may reply again at");
    assertThat(bo.getByLabel("Your reply")).hasValue("One more thing about the table");
    Browser.screenshot(bo, "signals-04-reply-too-soon");

    ana.navigate(base + "/threads/" + thread);
    ana.locator(".suggestion-dismiss summary").click();
    ana.getByLabel("Why does this thread need no change?").fill("Slow mode is on; we will settle it in writing");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Dismiss the suggestion")).click();
    assertThat(ana.locator(".notice")).containsText("Suggestion dismissed");
    assertThat(ana.locator("#suggestion")).hasCount(0);
    Browser.screenshot(ana, "signals-05-dismissed");
  }
}
