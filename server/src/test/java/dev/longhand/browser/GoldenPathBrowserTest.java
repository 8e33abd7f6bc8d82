package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The golden path, in a real browser: Ana signs up, creates a workspace and a space, starts a
 * thread and invites Bo; Bo joins and replies; Ana's open thread page shows the reply live, and
 * her inbox shows it unread. Screenshots of every page go to target/screenshots/.
 */
class GoldenPathBrowserTest {
  static Browser browser;
  String base = TestServers.get(Db.SQLITE).baseUrl();
  String tag = UUID.randomUUID().toString().substring(0, 6);

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
  }

  @Test
  void anaInvitesBoAndSeesHisReplyArriveLive() {
    Page ana = browser.person("Europe/Lisbon");
    signUp(ana, base + "/signup", "Ana Lima", "ana-" + tag + "@example.test", "01-sign-up");
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your workspaces"))).isVisible();

    ana.getByLabel("New workspace").fill("Acme " + tag);
    Browser.screenshot(ana, "02-home");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create workspace")).click();
    String workspaceUrl = ana.url();

    ana.getByLabel("New space").fill("Product");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create space")).click();
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Product"))).isVisible();

    ana.getByLabel("Title").fill("Launch plan");
    ana.getByLabel("What do you want to say?").fill("Shall we launch on **Tuesday**? Replies welcome.");
    Browser.screenshot(ana, "03-space");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post thread")).click();
    assertThat(ana.locator("#thread-title")).hasText("Launch plan");
    String threadUrl = ana.url();

    Page anaWorkspace = ana.context().newPage();
    anaWorkspace.navigate(workspaceUrl);
    anaWorkspace.getByLabel("Role").selectOption("member");
    anaWorkspace.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create invitation link")).click();
    String inviteLink = anaWorkspace.locator("#invite-link").inputValue();
    assertThat(inviteLink).contains("/invitations/");
    Browser.screenshot(anaWorkspace, "04-workspace-with-invitation");
    anaWorkspace.close();

    ana.navigate(threadUrl); // Ana keeps the thread open while Bo answers

    Page bo = browser.person("Asia/Seoul");
    bo.navigate(inviteLink);
    assertThat(bo.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Join Acme " + tag))).isVisible();
    Browser.screenshot(bo, "05-invitation");
    bo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account to join")).click();
    signUp(bo, null, "Bo Park", "bo-" + tag + "@example.test", "06-sign-up-from-invitation");
    assertThat(bo.locator(".notice")).containsText("Welcome to Acme " + tag); // signing up from the invitation joined: no Join to press
    Page boProfile = bo.context().newPage();
    boProfile.navigate(base + "/me/time");
    assertThat(boProfile.getByLabel("Time zone")).hasValue("Asia/Seoul"); // taken from his browser at sign-up
    boProfile.close();
    bo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Product")).click();
    bo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Launch plan")).click();
    var composer = bo.getByLabel("Your reply");
    composer.fill("Tuesday works for me. I will write the release note. ");
    composer.pressSequentially("@an");
    var picker = bo.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("People to mention"));
    assertThat(picker).isVisible();
    assertThat(picker.getByRole(AriaRole.OPTION).first()).containsText("Ana Lima");
    assertThat(picker.getByRole(AriaRole.OPTION).first()).containsText("in Lisbon"); // her local time, to know if she is working
    Browser.screenshot(bo, "07a-mention-picker");
    composer.press("Enter");
    assertThat(picker).isHidden();
    assertThat(composer).hasValue(java.util.regex.Pattern.compile("release note\\. @ana\\d* $"));
    composer.pressSequentially("can we talk at ");
    bo.getByLabel("Insert a time").fill("2026-12-01T10:00");
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Insert")).click();
    assertThat(composer).hasValue(java.util.regex.Pattern.compile(".*can we talk at <t:2026-12-01T01:00Z>$")); // 10:00 in Seoul
    Browser.screenshot(bo, "07b-time-inserted");
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post reply")).click();
    assertThat(bo.locator("#replies")).containsText("Tuesday works for me.");
    assertThat(bo.locator("#replies time.lh-time")).containsText("10:00"); // Bo reads it in Seoul
    Browser.screenshot(bo, "07-thread-after-reply");

    // No reload: the reply arrives on Ana's open page over server-sent events.
    assertThat(ana.locator("#replies")).containsText("Tuesday works for me.");
    assertThat(ana.locator("#replies")).containsText("Bo Park");
    assertThat(ana.locator("#replies-title")).hasText("1 reply");
    assertThat(ana.locator("#replies .local-time")).containsText("in Seoul"); // Bo's local time beside his name
    assertThat(ana.locator("#replies time.lh-time")).containsText("01:00 · outside your hours"); // 10:00 in Seoul is 01:00 in Lisbon
    Browser.screenshot(ana, "08-thread-live-reply");

    Page inbox = ana.context().newPage();
    inbox.navigate(base + "/inbox");
    var item = inbox.locator("li", new Page.LocatorOptions().setHasText("Launch plan"));
    assertThat(item).isVisible();
    assertThat(item.locator(".count")).hasText("1");
    Browser.screenshot(inbox, "09-inbox-unread");

    inbox.navigate(base + "/search");
    inbox.getByLabel("Words to find").fill("releases");
    inbox.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
    var hit = inbox.locator(".search-group", new Page.LocatorOptions().setHasText("Launch plan")); // the thread, its matching posts under it
    assertThat(hit).isVisible();
    assertThat(hit.locator("mark")).hasText("release"); // "releases" found "release" by its stem
    Browser.screenshot(inbox, "10-search");

    inbox.navigate(base + "/me/time");
    assertThat(inbox.getByLabel("Time zone")).hasValue("Europe/Lisbon");
    Browser.screenshot(inbox, "11-your-time");

    // A week, so that it holds working days whatever day the suite runs on (on a Saturday nobody works today).
    inbox.navigate(workspaceUrl + "/time?days=7");
    assertThat(inbox.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Team time: Acme " + tag))).isVisible();
    assertThat(inbox.locator(".people-times")).containsText("in Seoul");
    assertThat(inbox.locator(".day-band")).hasCount(7);
    assertThat(inbox.locator(".day-band svg.band rect.work").first()).isAttached();
    Browser.screenshot(inbox, "12-team-time");

    // Bo mentioned Ana in his reply: delivered if it is her working day now, else held until it starts.
    inbox.navigate(base + "/notifications");
    assertThat(inbox.locator("main")).containsText("Bo Park mentioned you in “Launch plan”");
    Browser.screenshot(inbox, "13-notifications");
    inbox.navigate(base + "/me/notifications");
    inbox.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Focus for 2 h")).click();
    assertThat(inbox.locator(".lede")).containsText("You are in focus until");
    Browser.screenshot(inbox, "14-notification-settings");
  }

  private static void signUp(Page page, String url, String name, String email, String screenshot) {
    if (url != null) page.navigate(url);
    page.getByLabel("Name").fill(name);
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill("correct horse battery staple");
    Browser.screenshot(page, screenshot);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
  }
}
