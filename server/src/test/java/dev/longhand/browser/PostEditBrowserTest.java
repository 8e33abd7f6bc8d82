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

/**
 * Bo fixes a typo in his reply from the thread page (the form opens in place), Cy sees it marked "edited" and reads
 * what changed; Bo deletes another reply after confirming, and it is gone for Cy; Ana renames her thread. A page
 * left open hears of edits and deletes: Bo watches Ana's reply change and then leave without reloading.
 */
class PostEditBrowserTest {
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
  void editAndDeleteOnTheThreadPage() {
    Team team = Team.of(Db.SQLITE);
    String product = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads",
        Map.of("title", "Launch checklist", "body", "What is left before Friday?\n\n- [x] pricing page\n- [ ] help article")).text("id");
    String typo = team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "The help artcle is half done.")).text("id");
    String regret = team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Ignore this, wrong thread.")).text("id");

    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(base + "/threads/" + thread);
    assertThat(bo.locator(".post.opening input[type=checkbox]")).hasCount(2);
    assertThat(bo.locator(".post.opening .post-actions")).hasCount(0); // Ana's thread: Bo may not edit or delete it
    bo.locator("#reply-" + typo).getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Edit this reply")).click();
    var text = bo.locator("#reply-" + typo + " textarea");
    assertThat(text).hasValue("The help artcle is half done.");
    Browser.screenshot(bo, "posts-01-inline-edit");
    text.fill("The help article is half done.");
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save edit")).click();
    assertThat(bo.locator("#reply-" + typo + " .prose")).hasText("The help article is half done.");
    assertThat(bo.locator("#reply-" + typo + " a.edited")).isVisible();

    bo.locator("#reply-" + regret + " .post-delete summary").click();
    Browser.screenshot(bo, "posts-02-delete-confirm");
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete reply")).click();
    assertThat(bo.locator(".notice")).containsText("The reply was deleted.");
    assertThat(bo.locator("#reply-" + regret)).hasCount(0);

    Page cy = browser.signedIn(base, "America/Denver", team.cy.email());
    cy.navigate(base + "/threads/" + thread);
    assertThat(cy.locator("#reply-" + regret)).hasCount(0);
    assertThat(cy.locator(".post-actions")).hasCount(0);
    cy.locator("#reply-" + typo + " a.edited").click();
    assertThat(cy.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("History of a reply"))).isVisible();
    assertThat(cy.locator("table.diff del").first()).hasText("artcle");
    assertThat(cy.locator("table.diff ins").first()).hasText("article");
    Browser.screenshot(cy, "posts-03-history");

    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    ana.locator(".post.opening").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Edit this thread")).click();
    ana.getByLabel("Title").fill("Launch checklist for Monday");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save edit")).click();
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Launch checklist for Monday").setLevel(1))).isVisible();
    assertThat(ana.locator(".post.opening a.edited")).isVisible();
    assertThat(ana.locator("#reply-" + typo + " .post-delete")).hasCount(1); // an admin may delete anyone's reply
    Browser.screenshot(ana, "posts-04-renamed");
  }

  @Test
  void anOpenPageShowsAnEditAndThenTheDeleteWithoutReloading() {
    Team team = Team.of(Db.SQLITE);
    String product = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads",
        Map.of("title", "Release notes", "body", "Who writes them this time?")).text("id");
    String hers = team.ana.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "I can do it on Thrusday.")).text("id");

    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(base + "/threads/" + thread);
    bo.evaluate("() => { window.stillTheSamePage = true; }");
    // A reply that appears by itself shows that the page's live stream is open before Ana edits.
    String ping = team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Thanks, Ana.")).text("id");
    assertThat(bo.locator("#reply-" + ping)).isVisible();
    assertThat(bo.locator("#reply-" + hers + " a.edited")).hasCount(0);

    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    ana.locator("#reply-" + hers).getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Edit this reply")).click();
    ana.locator("#reply-" + hers + " textarea").fill("I can do it on Thursday.");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save edit")).click();
    assertThat(ana.locator("#reply-" + hers + " a.edited")).isVisible();

    assertThat(bo.locator("#reply-" + hers + " .prose")).hasText("I can do it on Thursday.");
    assertThat(bo.locator("#reply-" + hers + " a.edited")).isVisible();
    assertThat(bo.locator("#live-status")).hasText("A reply was edited.");
    Browser.screenshot(bo, "posts-05-edited-live");

    ana.locator("#reply-" + hers + " .post-delete summary").click();
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete reply")).click();
    assertThat(ana.locator(".notice")).containsText("The reply was deleted.");

    assertThat(bo.locator("#reply-" + hers)).hasCount(0);
    assertThat(bo.locator("#live-status")).hasText("A reply was deleted.");
    assertThat(bo.locator("#replies-title")).hasText("1 reply");
    assertThat(bo.locator("#reply-" + ping)).isVisible();
    org.assertj.core.api.Assertions.assertThat(bo.evaluate("() => window.stillTheSamePage === true"))
        .as("Bo's page was never reloaded").isEqualTo(true);
    Browser.screenshot(bo, "posts-06-deleted-live");
  }
}
