package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ana, the owner, finds "Export this workspace" on the workspace page, starts an export, watches it finish and
 * downloads the archive; Bo, a member, is offered no such link, and the page refuses him.
 */
class ExportBrowserTest {
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
  void anaExportsTheWorkspaceAndDownloadsTheArchive() throws IOException {
    Team team = Team.of(Db.SQLITE);
    String product = team.createSpace(team.ana, "Product", "public");
    team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Launch plan", "body", "We launch in May."));

    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    ana.navigate(base + "/workspaces/" + team.workspaceId);
    ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Export this workspace")).click();
    assertThat(ana.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Export this workspace");
    assertThat(ana.locator(".exports")).not().containsText("Download");
    Browser.screenshot(ana, "export-01-page");

    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Export this workspace")).click();
    assertThat(ana.locator(".notice")).containsText("Export started.");
    // the page follows the export (exports.js) and shows the download once it is done
    var link = ana.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download the archive"));
    link.waitFor(); // exports.js reloads the page when the export is done
    assertThat(link).isVisible();
    assertThat(ana.locator(".exports")).containsText("rows and files");
    Browser.screenshot(ana, "export-02-done");

    Download download = ana.waitForDownload(link::click);
    assertThat(download.suggestedFilename()).endsWith(".zip");
    var saved = Files.createTempFile("export", ".zip");
    download.saveAs(saved);
    try (ZipFile zip = new ZipFile(saved.toFile())) {
      assertThat(zip.getEntry("manifest.json")).isNotNull();
      assertThat(new String(zip.getInputStream(zip.getEntry("threads.jsonl")).readAllBytes())).contains("We launch in May.");
    }

    Page bo = browser.signedIn(base, "Asia/Seoul", team.bo.email());
    bo.navigate(base + "/workspaces/" + team.workspaceId);
    assertThat(bo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Export this workspace"))).hasCount(0);
    var refused = bo.navigate(base + "/workspaces/" + team.workspaceId + "/exports");
    assertThat(refused.status()).isEqualTo(403);
  }
}
