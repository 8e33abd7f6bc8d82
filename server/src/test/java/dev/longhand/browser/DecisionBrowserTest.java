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

/** Ana resolves a thread into a decision through its page, finds it in the space's decision log, and opens it. */
class DecisionBrowserTest {
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
  void anaResolvesAThreadIntoADecisionAndFindsItInTheLog() {
    Team team = Team.of(Db.SQLITE);
    String product = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Which database for reports?",
        "body", "Monthly reports take **twenty minutes**. We need a store that answers in seconds.")).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "PostgreSQL with a read replica would do it."));

    Page ana = signIn("Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/threads/" + thread);
    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Resolve thread")).click();
    assertThat(ana.getByLabel("Title")).hasValue("Which database for reports?");
    assertThat(ana.getByLabel("Context")).hasValue("Monthly reports take **twenty minutes**. We need a store that answers in seconds.");
    ana.getByLabel("Option 1").fill("PostgreSQL with a read replica");
    ana.locator("textarea[name='option.0.pros']").fill("The team knows it\nJoins are fast");
    ana.locator("textarea[name='option.0.cons']").fill("One more server to run");
    ana.getByLabel("Option 2").fill("Keep the spreadsheets");
    ana.locator("textarea[name='option.1.cons']").fill("Twenty minutes per report");
    ana.locator("#decision-decision").fill("Move reporting to PostgreSQL with a read replica.");
    ana.locator("#decision-rationale").fill("It is the only option that answers in seconds, and we already run PostgreSQL.");
    Browser.screenshot(ana, "decision-01-resolve-form");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve thread")).click();

    assertThat(ana.locator(".thread-outcome")).containsText("Resolved with a decision");
    assertThat(ana.locator(".thread-outcome")).containsText("#1 Which database for reports?");
    Browser.screenshot(ana, "decision-02-thread-resolved");

    ana.navigate(base + "/spaces/" + product);
    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Decisions")).click();
    assertThat(ana.locator(".decision-log")).containsText("Which database for reports?");
    assertThat(ana.locator(".decision-log .decision-status")).hasText("accepted");
    Browser.screenshot(ana, "decision-03-space-log");

    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Which database for reports?")).click();
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Which database for reports?");
    assertThat(ana.locator(".decision-option-list")).containsText("Joins are fast");
    assertThat(ana.locator(".decision-option-list")).containsText("Twenty minutes per report");
    assertThat(ana.locator(".decision-links")).containsText("From the thread Which database for reports?");
    assertThat(ana.locator(".decision-history")).containsText("recorded it as accepted");
    Browser.screenshot(ana, "decision-04-record");

    String first = ana.url();

    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Supersede with a new decision")).click();
    assertThat(ana.getByLabel("Option 1")).hasValue("PostgreSQL with a read replica");
    ana.locator("#decision-title").fill("Reporting on a columnar store");
    ana.locator("#decision-decision").fill("Move reporting to ClickHouse.");
    ana.locator("#decision-revisit-by, input[name='revisitBy']").fill("2031-01-15");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record decision")).click();
    assertThat(ana.locator(".decision-links")).containsText("Supersedes #1 Which database for reports?");
    assertThat(ana.locator(".decision-head")).containsText("revisit by Wed 15 Jan 2031");
    Browser.screenshot(ana, "decision-05-superseding");

    ana.navigate(first);
    assertThat(ana.locator(".decision-head .decision-status")).hasText("Superseded");
    assertThat(ana.locator(".superseded-note")).containsText("Superseded by #2 Reporting on a columnar store");
    assertThat(ana.locator(".decision-history")).containsText("marked it superseded by #2 Reporting on a columnar store");
    Browser.screenshot(ana, "decision-06-superseded");
    ana.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
    Browser.screenshot(ana, "decision-06-superseded-dark");
    ana.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.LIGHT));

    ana.navigate(base + "/workspaces/" + team.workspaceId + "/decisions");
    assertThat(ana.locator(".decision-log li")).hasCount(2);
    Browser.screenshot(ana, "decision-07-workspace-log");

    ana.navigate(first);
    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Which database for reports?").setExact(true)).click();
    assertThat(ana).hasURL(base + "/threads/" + thread);
  }

  private Page signIn(String zone, String email) {
    return browser.signedIn(base, zone, email);
  }
}
