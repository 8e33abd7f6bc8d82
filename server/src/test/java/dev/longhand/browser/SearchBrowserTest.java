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
 * Cy searches with an operator, reads grouped plain-text results with each author's picture, takes the operator away,
 * and mistypes a word.
 */
class SearchBrowserTest {
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
  void cySearchesWithAnOperatorAndTakesItAway() throws InterruptedException {
    Team team = Team.of(Db.SQLITE);
    String general = team.createSpace(team.ana, "General", "public");
    String design = team.createSpace(team.ana, "Product Design", "public");
    String kiosk = team.ana.api().post("/api/v1/spaces/" + general + "/threads", Map.of("title", "Kiosk rollout",
        "body", "The **kiosk** goes to every shop.\n\n| Shop | Kiosk |\n| --- | --- |\n| Lisbon | yes |")).text("id");
    team.bo.api().post("/api/v1/threads/" + kiosk + "/replies", Map.of("body", "Which _kiosk_ first? I say [Lisbon](https://example.test)."));
    team.bo.api().post("/api/v1/threads/" + kiosk + "/replies", Map.of("body", "The kiosk screens are late."));
    team.cy.api().post("/api/v1/spaces/" + design + "/threads", Map.of("title", "Kiosk screen layout", "body", "A bigger font on the kiosk."));
    TestServers.get(Db.SQLITE).dispatcher().awaitIdle(10, TimeUnit.SECONDS);

    Page cy = browser.signedIn(base, "America/Denver", team.cy.email());
    cy.navigate(base + "/search");
    cy.getByLabel("Words to find").fill("kiosk in:general");
    cy.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();

    assertThat(cy.locator(".search-chip")).hasText(java.util.regex.Pattern.compile("in:general"));
    assertThat(cy.locator(".search-results h2")).containsText("1 result");
    assertThat(cy.locator(".search-group-title")).hasText(java.util.regex.Pattern.compile("Kiosk rollout"));
    assertThat(cy.locator(".search-group .search-hit")).hasCount(3);
    assertThat(cy.locator(".search-group .snippet").first()).containsText("The kiosk goes to every shop.");
    assertThat(cy.locator(".search-results")).not().containsText("**");
    assertThat(cy.locator(".search-results")).not().containsText("|");
    assertThat(cy.locator(".search-results mark").first()).hasText(java.util.regex.Pattern.compile("kiosk", java.util.regex.Pattern.CASE_INSENSITIVE));
    // Each hit shows its author's picture beside the name, as threads and member lists do.
    assertThat(cy.locator(".search-group .search-hit img.avatar")).hasCount(3);
    assertThat(cy.locator(".search-hit img.avatar[src='/avatars/" + team.ana.id() + "']")).hasCount(1);
    assertThat(cy.locator(".search-hit img.avatar[src='/avatars/" + team.bo.id() + "']")).hasCount(2);
    Browser.screenshot(cy, "search-01-operator-chip");

    cy.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Remove in:general")).click();
    assertThat(cy.getByLabel("Words to find")).hasValue("kiosk");
    assertThat(cy.locator(".search-chip")).hasCount(0);
    assertThat(cy.locator(".search-results h2")).containsText("2 results");
    assertThat(cy.locator(".search-results")).containsText("Kiosk screen layout");

    cy.getByLabel("Words to find").fill("kiosc is:bogus");
    cy.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
    assertThat(cy.getByRole(AriaRole.ALERT)).containsText("is: takes thread, reply, decision, document, recording or comment");
    Browser.screenshot(cy, "search-02-bad-operator");

    cy.getByLabel("Words to find").fill("kiosc is:thread");
    cy.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
    assertThat(cy.locator(".search-similar")).containsText("results for similar words: kiosk");
    assertThat(cy.locator(".search-results h2")).containsText("2 results");
    Browser.screenshot(cy, "search-03-similar-words");
  }
}
