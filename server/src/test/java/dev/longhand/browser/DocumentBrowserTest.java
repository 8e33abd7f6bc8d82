package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ana writes a document and edits it twice, compares revisions and sees the words that changed; Bo saves while Ana's
 * editor is open, so her next saves merge (different lines) and then conflict (the same line) until she settles it;
 * Bo quotes a passage he selected in a comment.
 */
class DocumentBrowserTest {
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
  void writeEditCompareMergeAndComment() {
    Team team = Team.of(Db.SQLITE);
    Team.workingAroundTheClock(team.ana, "Europe/Lisbon"); // her notice of Bo's comment must not wait for her hours
    String product = team.createSpace(team.ana, "Product", "public");

    Page ana = signIn("Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/spaces/" + product + "/documents");
    ana.getByLabel("Title").fill("Launch plan");
    ana.getByLabel("Text", new Page.GetByLabelOptions().setExact(false)).first().fill(
        "# Launch plan\n\nWe ship the new billing page on Friday after the security review.\n\n"
            + "## Owners\n\n- Support writes the help article.\n- Marketing drafts the announcement.\n");
    ana.getByLabel("Summary of this revision", new Page.GetByLabelOptions().setExact(false)).fill("First draft");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create document")).click();
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Launch plan").setLevel(1)).first()).isVisible();

    edit(ana, "Friday after the security review", "Monday after the security and privacy review", "New date");
    assertThat(ana.locator(".notice")).containsText("Saved as revision 2.");
    edit(ana, "- Marketing drafts the announcement.", "- Marketing drafts the announcement and the email.\n- Sales briefs the big accounts.", "Owners");
    assertThat(ana.locator(".notice")).containsText("Saved as revision 3.");
    Browser.screenshot(ana, "document-01-page");

    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Compare revisions")).click();
    ana.getByLabel("From").selectOption("1");
    ana.getByLabel("To").selectOption("3");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compare")).click();
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Changes from revision 1 to 3"))).isVisible();
    assertThat(ana.locator("table.diff del").first()).hasText("Friday");
    assertThat(ana.locator("table.diff ins").first()).hasText("Monday");
    assertThat(ana.locator("table.diff ins").nth(1)).containsText("and privacy");
    assertThat(ana.locator("tr.diff-ins:not(.diff-edited)")).containsText("Sales briefs the big accounts.");
    Browser.screenshot(ana, "document-02-diff");
    ana.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
    Browser.screenshot(ana, "document-03-diff-dark");
    ana.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));

    // Ana opens the editor; Bo saves the intro meanwhile. Ana's save of another line merges.
    String doc = ana.url().replaceAll(".*/documents/(\\d+)/diff.*", "$1");
    ana.navigate(base + "/documents/" + doc + "/edit");
    Page bo = signIn("Asia/Seoul", team.bo.email());
    bo.navigate(base + "/documents/" + doc);
    edit(bo, "We ship", "We proudly ship", "Tone");
    assertThat(bo.locator(".notice")).containsText("Saved as revision 4.");
    replaceInEditor(ana, "- Support writes the help article.", "- Support writes the help article and the FAQ.");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save revision")).click();
    assertThat(ana.locator(".notice")).containsText("your edit was merged with revision 4 by " + team.bo.name());
    assertThat(ana.locator("#doc-body")).containsText("We proudly ship");
    assertThat(ana.locator("#doc-body")).containsText("the help article and the FAQ");

    // Again, but both change the same line: a conflict Ana settles in the editor.
    ana.navigate(base + "/documents/" + doc + "/edit");
    bo.navigate(base + "/documents/" + doc);
    edit(bo, "Monday after", "Tuesday after", "Slipped a day");
    replaceInEditor(ana, "Monday after", "Wednesday after");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save revision")).click();
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(team.bo.name() + " saved while you were editing"))).isVisible();
    assertThat(ana.locator("table.diff ins").first()).hasText("Tuesday");
    assertThat(ana.getByLabel("Text", new Page.GetByLabelOptions().setExact(false)).first()).hasValue(
        java.util.regex.Pattern.compile("<<<<<<< your edit\n[^\n]*Wednesday[^\n]*\n=======\n[^\n]*Tuesday[^\n]*\n>>>>>>> revision 6 by "));
    Browser.screenshot(ana, "document-04-conflict");
    String settled = ana.getByLabel("Text", new Page.GetByLabelOptions().setExact(false)).first().inputValue()
        .replaceAll("(?s)<<<<<<< your edit\n(.*?)\n=======\n.*?\n>>>>>>> [^\n]*", "$1");
    ana.getByLabel("Text", new Page.GetByLabelOptions().setExact(false)).first().fill(settled);
    ana.getByLabel("What did you change?", new Page.GetByLabelOptions().setExact(false)).fill("Wednesday, agreed with Bo");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save revision")).click();
    assertThat(ana.locator(".notice")).containsText("Saved as revision 7.");
    assertThat(ana.locator("#doc-body")).containsText("Wednesday after");

    // Bo selects a passage and comments on it.
    bo.navigate(base + "/documents/" + doc);
    bo.locator("#doc-body li").first().selectText();
    assertThat(bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Comment on this"))).isVisible();
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Comment on this")).click();
    assertThat(bo.getByLabel("Passage you comment on", new Page.GetByLabelOptions().setExact(false)))
        .hasValue("Support writes the help article and the FAQ.");
    bo.getByLabel("Comment", new Page.GetByLabelOptions().setExact(true)).fill("Can support have until Friday for the FAQ?");
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Comment").setExact(true)).click();
    assertThat(bo.locator("blockquote.doc-quote")).containsText("Support writes the help article and the FAQ.");
    assertThat(bo.locator("li.comment")).containsText("Can support have until Friday for the FAQ?");
    Browser.screenshot(bo, "document-05-comment");
    bo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show in the document")).click();
    org.assertj.core.api.Assertions.assertThat(bo.evaluate("() => window.getSelection().toString()"))
        .isEqualTo("Support writes the help article and the FAQ.");

    // Ana hears of it in her notifications, and the notice leads to the comment.
    awaitConsumers();
    ana.navigate(base + "/notifications");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(team.bo.name() + " commented on your document “Launch plan”")).click();
    org.assertj.core.api.Assertions.assertThat(ana.url()).matches(".*/documents/" + doc + "#comment-\\d+");
    assertThat(ana.locator("li.comment:target")).containsText("Can support have until Friday for the FAQ?");
    Browser.screenshot(ana, "document-05a-comment-from-notification");

    ana.navigate(base + "/spaces/" + product + "/documents");
    assertThat(ana.locator("table.doc-list tbody tr")).containsText("Launch plan");
    assertThat(ana.locator("table.doc-list tbody tr td").nth(3)).hasText("7");
    Browser.screenshot(ana, "document-06-list");
    ana.navigate(base + "/documents/" + doc + "/edit");
    Browser.screenshot(ana, "document-07-editor");

    // Going back is a new revision too.
    ana.navigate(base + "/documents/" + doc + "/revisions/1");
    assertThat(ana.locator(".old-revision")).containsText("You are reading revision 1 of 7.");
    Browser.screenshot(ana, "document-08-old-revision");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Restore this revision")).click();
    assertThat(ana.locator(".notice")).containsText("Saved as revision 8.");
    assertThat(ana.locator("#doc-body")).containsText("on Friday after the security review.");
    assertThat(ana.locator("ol.revisions li").first()).containsText("Restored revision 1");
  }

  private static void awaitConsumers() {
    try {
      org.assertj.core.api.Assertions.assertThat(TestServers.get(Db.SQLITE).dispatcher().awaitIdle(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void edit(Page page, String find, String replace, String summary) {
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit").setExact(true)).click();
    replaceInEditor(page, find, replace);
    page.getByLabel("What did you change?", new Page.GetByLabelOptions().setExact(false)).fill(summary);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save revision")).click();
  }

  private static void replaceInEditor(Page page, String find, String replace) {
    var text = page.locator("#edit-body");
    String now = text.inputValue();
    if (!now.contains(find)) throw new AssertionError("the editor does not hold '" + find + "': " + now);
    text.fill(now.replace(find, replace));
  }

  private Page signIn(String zone, String email) {
    return browser.signedIn(base, zone, email);
  }
}
