package dev.longhand.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of page, filled with a small team's work, checked by axe-core ({@link Browser#assertAccessible}) and
 * photographed at desktop and phone widths (target/screenshots/walk-*). One list of every violation on every page,
 * so a failure shows all that is left to fix at once.
 */
class AccessibilityWalkBrowserTest {
  static Browser browser;
  final String base = TestServers.get(Db.SQLITE).baseUrl();
  final Map<String, List<String>> violations = new LinkedHashMap<>();
  int visited;

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) browser.close();
  }

  @Test
  void everyKindOfPageHasNoAccessibilityViolation() {
    Team team = Team.of(Db.SQLITE);
    String product = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Launch plan",
        "body", "Shall we launch on **Tuesday**? See <t:2026-12-01T15:00Z>.")).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Tuesday works. @" + team.ana.handle() + " can you check the copy?",
        "ask", Map.of("assignee", team.ana.id(), "within", "P1D")));
    String decided = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Which database", "body", "SQLite or PostgreSQL?")).text("id");
    team.ana.api().post("/api/v1/threads/" + decided + "/resolution", Map.of("outcome", "decision", "decision", "Use PostgreSQL.",
        "options", List.of(Map.of("title", "PostgreSQL", "pros", List.of("Fast")))));
    String answered = team.bo.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Office hours", "body", "When?")).text("id");
    team.ana.api().post("/api/v1/threads/" + answered + "/resolution", Map.of("outcome", "answer", "answer", "Tuesdays at 15:00 UTC."));
    String decision = team.ana.api().post("/api/v1/spaces/" + product + "/decisions", Map.of("title", "Ship weekly", "decision", "We ship every week.")).text("id");
    String doc = team.ana.api().post("/api/v1/spaces/" + product + "/documents", Map.of("title", "Runbook", "body", "# Runbook\n\nStep one.")).text("id");
    team.bo.api().put("/api/v1/documents/" + doc, Map.of("body", "# Runbook\n\nStep one.\n\nStep two.", "baseRevision", 1, "summary", "Step two"));
    team.bo.api().post("/api/v1/documents/" + doc + "/comments", Map.of("body", "Which server?"));

    Page visitor = browser.person("Europe/Lisbon");
    visit(visitor, "/login", "login");
    visit(visitor, "/signup", "signup");
    String code = team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/invitations", Map.of("role", "member")).text("code");
    visit(visitor, "/invitations/" + code, "invitation");
    visit(visitor, "/no-such-page", "not-found", 404);

    Page ana = browser.signedIn(base, "Europe/Lisbon", team.ana.email());
    visit(ana, "/", "home");
    visit(ana, "/workspaces/" + team.workspaceId, "workspace");
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create invitation link")).click();
    check(ana, "workspace-invitation-link");
    visit(ana, "/spaces/" + product, "space");
    visit(ana, "/threads/" + thread, "thread");
    visit(ana, "/threads/" + decided, "thread-resolved");
    visit(ana, "/threads/" + thread + "/resolve", "thread-resolve");
    visit(ana, "/inbox", "inbox");
    visit(ana, "/asks", "asks");
    visit(ana, "/notifications", "notifications");
    visit(ana, "/me/notifications", "notification-settings");
    visit(ana, "/me", "me");
    visit(ana, "/me/time", "my-time");
    visit(ana, "/workspaces/" + team.workspaceId + "/time", "team-time");
    visit(ana, "/spaces/" + product + "/time", "space-time");
    visit(ana, "/spaces/" + product + "/decisions", "decisions");
    visit(ana, "/spaces/" + product + "/decisions/new", "decision-new");
    visit(ana, "/decisions/" + decision, "decision");
    visit(ana, "/decisions/" + decision + "/edit", "decision-edit");
    visit(ana, "/workspaces/" + team.workspaceId + "/decisions", "workspace-decisions");
    visit(ana, "/spaces/" + product + "/documents", "documents");
    visit(ana, "/documents/" + doc, "document");
    visit(ana, "/documents/" + doc + "/edit", "document-edit");
    visit(ana, "/documents/" + doc + "/revisions/1", "document-revision");
    visit(ana, "/documents/" + doc + "/diff?from=1&to=2", "document-diff");
    visit(ana, "/spaces/" + product + "/recordings", "recordings");
    ana.getByLabel("Title").fill("Design review");
    ana.setInputFiles("#recording-file", silentWav());
    ana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
    ana.waitForURL(Pattern.compile(".*/recordings/\\d+\\?notice=.*"));
    check(ana, "recording");
    visit(ana, "/search?q=Tuesday", "search");
    visit(ana, "/scheduled", "scheduled");
    visit(ana, "/workspaces/" + team.workspaceId + "/urgent", "urgent-log");
    visit(ana, "/workspaces/" + team.workspaceId + "/exports", "exports");

    Page gil = browser.signedIn(base, "Europe/Berlin", team.gil.email()); // a guest sees less
    visit(gil, "/workspaces/" + team.workspaceId, "workspace-as-guest");

    List<String> lines = new ArrayList<>();
    violations.forEach((page, found) -> found.forEach(v -> lines.add(page + ": " + v)));
    assertThat(visited).isGreaterThanOrEqualTo(35);
    assertThat(lines).as("axe-core violations on the walk's pages").isEmpty();
  }

  /** One second of silence as WAV: a recording without needing ffmpeg. */
  private static java.nio.file.Path silentWav() {
    int rate = 8000;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + rate).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + rate).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16).putShort((short) 1)
        .putShort((short) 1).putInt(rate).putInt(rate).putShort((short) 1).putShort((short) 8).put("data".getBytes()).putInt(rate);
    for (int i = 0; i < rate; i++) b.put((byte) 128);
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("walk-", ".wav");
      java.nio.file.Files.write(file, b.array());
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void visit(Page page, String path, String name) {
    visit(page, path, name, 200);
  }

  private void visit(Page page, String path, String name, int status) {
    var response = page.navigate(base + path);
    assertThat(response.status()).as(path).isEqualTo(status);
    check(page, name);
  }

  private void check(Page page, String name) {
    visited++;
    page.waitForLoadState();
    List<String> found = Browser.accessibilityViolations(page);
    if (!found.isEmpty()) violations.put(name + " (" + page.url().replace(base, "") + ")", found);
    Browser.photograph(page, "walk-" + name);
  }
}
