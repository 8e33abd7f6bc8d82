package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.recording.TestMedia;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ana uploads a real recording through the page, gives it chapters and a transcript, and jumps around it by
 * clicking; the player's time follows. Bo finds a line of the transcript by search and lands on that moment.
 */
class RecordingBrowserTest {
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
  void anaUploadsAddsChaptersAndSeeksByClicking() {
    Team team = Team.of(Db.SQLITE);
    String product = team.createSpace(team.ana, "Product", "public");

    Page ana = signIn("Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/spaces/" + product + "/recordings");
    assertThat(ana.getByText("No recordings yet.")).isVisible();
    Browser.screenshot(ana, "recording-01-empty-shelf");
    ana.getByLabel("Title").fill("Design review");
    ana.setInputFiles("#recording-file", TestMedia.webm());
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
    ana.waitForURL(Pattern.compile(".*/recordings/\\d+\\?notice=.*"));
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Design review"))).isVisible();
    assertThat(ana.locator("p.meta").first()).containsText("WebM video");

    ana.getByText("Add chapters").click();
    ana.getByLabel("One chapter a line").fill("0:00 Welcome\n0:08 The demo\n0:15 Questions");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save chapters")).click();
    assertThat(ana.locator("ol.chapters li")).hasCount(3);

    ana.getByText("Add a transcript").click();
    ana.getByLabel("WebVTT, or the transcript as text").fill(
        "0:00 Hello everyone.\n0:05 Here is the demo of the new planner.\n0:12 The numbers look right to me.\n0:17 Any questions?");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save transcript")).click();
    assertThat(ana.locator("ol.transcript li")).hasCount(4);
    ana.waitForFunction("() => document.getElementById('player').readyState >= 1");

    ana.locator("ol.chapters").getByText("The demo").click();
    ana.waitForFunction("() => Math.abs(document.getElementById('player').currentTime - 8) < 0.6");
    assertThat(currentTime(ana)).isBetween(7.4, 8.6);
    assertThat(ana.locator("ol.chapters li.is-current")).containsText("The demo");
    assertThat(ana).hasURL(Pattern.compile(".*\\?t=8$"));

    ana.locator("ol.transcript").getByText("The numbers look right to me.").click();
    ana.waitForFunction("() => Math.abs(document.getElementById('player').currentTime - 12) < 0.6");
    assertThat(ana.locator("ol.transcript li.is-current")).containsText("The numbers look right");
    ana.evaluate("() => document.getElementById('player').pause()");

    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use player time")).click();
    assertThat(ana.getByLabel("Time in the recording")).hasValue(Pattern.compile("0:1[23]"));
    ana.getByLabel("Comment", new Page.GetByLabelOptions().setExact(true)).fill("Can we double-check the March figure?");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Comment at this time")).click();
    assertThat(ana.locator("ol.moments li").first()).containsText("Can we double-check the March figure?");
    Browser.screenshot(ana, "recording-02-player");

    ana.navigate(base + "/spaces/" + product + "/recordings");
    assertThat(ana.locator("ul.recordings li")).containsText("Design review");
    Browser.screenshot(ana, "recording-03-shelf");

    Page bo = signIn("Asia/Seoul", team.bo.email());
    bo.navigate(base + "/search?q=planner");
    assertThat(bo.locator(".search-group").first()).containsText("Design review"); // the recording, its transcript hits under it
    Browser.screenshot(bo, "recording-04-search");
    bo.locator("a[href*='?t=5']").first().click();
    bo.waitForURL(Pattern.compile(".*/recordings/\\d+\\?t=5$"));
    bo.waitForFunction("() => document.getElementById('player').readyState >= 1");
    assertThat(currentTime(bo)).isBetween(4.5, 5.6);
  }

  private static double currentTime(Page page) {
    return ((Number) page.evaluate("() => document.getElementById('player').currentTime")).doubleValue();
  }

  private Page signIn(String zone, String email) {
    return browser.signedIn(base, zone, email);
  }
}
