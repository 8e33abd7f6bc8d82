package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page defects of issue 14 in a real browser: the folded composer on a phone, copying an invitation link. */
class PagesBrowserTest {
  static Browser browser;
  final String base = TestServers.get(Db.SQLITE).baseUrl();

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
  }

  @Test
  void onAPhoneTheReplyComposerWaitsBehindItsButton() {
    Team team = Team.of(Db.SQLITE);
    String space = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch plan", "body", "Tuesday?")).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Tuesday works."));

    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.setViewportSize(390, 844);
    bo.navigate(base + "/threads/" + thread);
    var composer = bo.getByLabel("Your reply");
    assertThat(composer).isHidden();
    int folded = (int) bo.evaluate("() => document.documentElement.scrollHeight");
    assertThat(folded).isLessThan(1800);
    Browser.assertAccessible(bo);
    bo.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("pages-thread-folded-phone.png")).setFullPage(true));

    bo.locator("details.composer > summary").getByText("Reply", new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true)).click();
    assertThat(composer).isVisible();
    Browser.assertAccessible(bo);
    composer.fill("Then Tuesday it is.");
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post reply")).click();
    assertThat(bo.locator("#replies")).containsText("Then Tuesday it is.");

    bo.setViewportSize(1280, 900); // where there is room, it is open from the start
    bo.navigate(base + "/threads/" + thread);
    assertThat(bo.getByLabel("Your reply")).isVisible();
    Browser.screenshot(bo, "pages-thread-composer");
  }

  @Test
  void theCopyButtonCopiesTheInvitationLink() {
    Team team = Team.of(Db.SQLITE);
    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
    ana.navigate(base + "/workspaces/" + team.workspaceId);
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create invitation link")).click();
    String link = ana.locator("#invite-link").inputValue();
    assertThat(link).contains("/invitations/");
    ana.reload(); // POST/redirect/GET: the same link again, not a second one
    assertThat(ana.locator("#invite-link")).hasValue(link);
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy link")).click();
    assertThat(ana.locator(".copy-status")).hasText("Copied to the clipboard.");
    assertThat((String) ana.evaluate("() => navigator.clipboard.readText()")).isEqualTo(link);
    Browser.assertAccessible(ana);
    Browser.screenshot(ana, "pages-invitation-link");

    Page stranger = browser.person("Europe/Lisbon");
    stranger.navigate(link);
    stranger.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account to join")).click();
    stranger.getByLabel("Name").fill("Dee Lane");
    stranger.getByLabel("Email").fill("dee-" + team.workspaceId + "@example.test");
    stranger.getByLabel("Password").fill("correct horse battery staple");
    stranger.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
    assertThat(stranger.locator(".notice")).containsText("Welcome to "); // one press: the sign-up joined

    Page late = browser.person("America/Denver");
    late.navigate(link);
    assertThat(late.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This invitation was used"))).isVisible();
    assertThat(late.locator("main")).containsText("Ask " + team.ana.name() + ", who made it, for a new link.");
    Browser.assertAccessible(late);
    Browser.screenshot(late, "pages-invitation-used");
  }

  @Test
  void aTimeZoneIsFoundByItsCityInTheTimePickerAndOnYourTime() {
    Team team = Team.of(Db.SQLITE);
    String space = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch plan", "body", "When?")).text("id");
    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    var composer = ana.getByLabel("Your reply");
    composer.fill("Cy could call at ");
    ana.getByLabel("Insert a time").fill("2026-12-01T10:00");
    var zone = ana.getByLabel("Time zone of that time");
    assertThat(zone).hasValue(team.ana.api().get("/api/v1/me").text("timeZone"));
    zone.fill("Atlantis");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Insert")).click();
    assertThat(ana.locator(".insert-time .hint")).containsText("No time zone found for “Atlantis”");
    assertThat(composer).hasValue("Cy could call at ");
    zone.fill("Denver");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Insert")).click();
    assertThat(composer).hasValue("Cy could call at <t:2026-12-01T17:00Z>"); // 10:00 in Denver (UTC-7 in December)
    assertThat(zone).hasValue("America/Denver");
    Browser.assertAccessible(ana);
    Browser.screenshot(ana, "pages-time-picker-by-city");

    ana.navigate(base + "/me/time");
    ana.getByLabel("Time zone").fill("Seoul");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save zone and hours")).click();
    assertThat(ana.locator(".notice")).containsText("Your time is saved.");
    assertThat(ana.getByLabel("Time zone")).hasValue("Asia/Seoul");
    Browser.assertAccessible(ana);
    Browser.screenshot(ana, "pages-your-time");
  }
}
