package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The top bar's badges move when someone else writes; a draft survives a reload and a refused "Send later". */
class LiveBrowserTest {
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

  /** Working hours around now (UTC), so that a mention is delivered at once. */
  private static void workingNow(Team.Person p) {
    LocalDateTime s = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofHours(6)), ZoneOffset.UTC);
    LocalDateTime e = s.plusHours(12);
    p.api().put("/api/v1/me/schedule", Map.of("timeZone", "UTC", "workingHours", List.of(Map.of(
        "day", s.getDayOfWeek().name(), "start", s.toLocalTime().toString().substring(0, 5), "end", e.toLocalTime().toString().substring(0, 5)))));
  }

  @Test
  void theBadgesMoveWhenSomeoneElseWritesAndFallWhenRead() {
    Team team = Team.of(Db.SQLITE);
    workingNow(team.bo);
    String space = team.createSpace(team.ana, "Product", "public");
    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(base + "/spaces/" + space);
    assertThat(bo.locator("nav[data-live=on]")).hasCount(1);
    assertThat(bo.locator("#nav-inbox .count")).isHidden();

    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch plan", "body", "Thoughts?")).text("id");
    assertThat(bo.locator("#nav-inbox .count")).hasText("1 unread");
    assertThat(bo.locator("#nav-notifications .count")).isHidden();

    team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "@" + team.bo.handle() + " can you check the numbers?"));
    assertThat(bo.locator("#nav-notifications .count")).hasText("1 unread");
    assertThat(bo.locator("#toast")).containsText("mentioned you in “Launch plan”");
    assertThat(bo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Inbox 1 unread"))).isVisible();
    Browser.screenshot(bo, "live-01-badges");

    // Reading the thread in another tab reads it in this one's badges too.
    Page other = bo.context().newPage();
    other.navigate(base + "/threads/" + thread);
    assertThat(bo.locator("#nav-inbox .count")).isHidden();
    assertThat(bo.locator("#nav-notifications .count")).isHidden();
    other.close();
  }

  @Test
  void aDraftSurvivesAReloadAndARefusedSendLaterAndGoesOnceSent() {
    Team team = Team.of(Db.SQLITE);
    String space = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch plan", "body", "Thoughts?")).text("id");
    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(base + "/threads/" + thread);
    String words = "The numbers look right, but the venue needs a second look.";
    bo.getByLabel("Your reply").fill(words);
    assertThat(bo.locator("#reply-body-draft-status")).hasText("Draft saved.");

    bo.navigate(base + "/threads/" + thread); // a fresh load of the page, as after a crash or a closed tab
    assertThat(bo.getByLabel("Your reply")).hasValue(words);
    assertThat(bo.locator("#reply-body-draft-status")).containsText("Your draft is back");
    Browser.screenshot(bo, "live-02-draft-restored");

    // "Send later" without a time is refused: the page comes back with the text and the error beside the time.
    bo.locator("details.send-later summary").click();
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule")).click();
    assertThat(bo.locator("#reply-send-at-error")).hasText("Choose when to send it.");
    assertThat(bo.getByLabel("Your reply")).hasValue(words);
    assertThat(bo.getByLabel("Post at, your time")).hasAttribute("aria-invalid", "true");
    Browser.screenshot(bo, "live-03-refused-send-later");

    bo.navigate(base + "/threads/" + thread);
    assertThat(bo.getByLabel("Your reply")).hasValue(words);
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post reply")).click();
    assertThat(bo.locator("#replies")).containsText("the venue needs a second look");
    bo.navigate(base + "/threads/" + thread);
    assertThat(bo.locator("#replies")).containsText("the venue needs a second look");
    assertThat(bo.getByLabel("Your reply")).hasValue("");
    org.assertj.core.api.Assertions.assertThat(team.bo.api().get("/api/v1/drafts/reply:" + thread).status()).as("sent: the draft is gone").isEqualTo(404);
  }
}
