package dev.longhand.browser;

import com.deque.html.axecore.args.AxeRuleOptions;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright, with the flags this closed network needs. Without
 * Chromium the browser tests skip with a message, except under CI=true, where they fail.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LONGHAND_CHROMIUM", "/usr/bin/chromium"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;

  private Browser() {
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
  }

  static Browser launch() {
    if (!Files.isExecutable(CHROMIUM)) {
      String message = "Chromium not found at " + CHROMIUM;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException(message + "; CI requires it (scripts/ensure-browser)");
      Assumptions.abort(message + "; skipping browser tests. Run scripts/ensure-browser.");
    }
    return new Browser();
  }

  /** A fresh person at the keyboard: own cookies, desktop size, in the given time zone. */
  Page person(String timeZone) {
    BrowserContext ctx = browser.newContext(new NewContextOptions().setViewportSize(1280, 900).setTimezoneId(timeZone).setLocale("en-GB"));
    ctx.setDefaultTimeout(15_000);
    return ctx.newPage();
  }

  /** A fresh person in {@code timeZone}, signed in at {@code base} with the fixture's password. */
  Page signedIn(String base, String timeZone, String email) {
    Page page = person(timeZone);
    page.navigate(base + "/login");
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill("correct horse battery");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(u -> !u.contains("/login"));
    return page;
  }

  /**
   * Checks the page with axe-core ({@link #assertAccessible}), then photographs it at desktop (1280) and phone
   * (390) widths: every page a browser test shows is a page it checks.
   */
  static void screenshot(Page page, String name) {
    assertAccessible(page);
    photograph(page, name);
  }

  /** The photographs alone, at both widths, for a caller that gathers axe-core's findings itself. */
  static void photograph(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    page.setViewportSize(390, 844);
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-phone.png")).setFullPage(true));
    page.setViewportSize(1280, 900);
  }

  /**
   * axe-core's violations on the page as it is now (every rule axe runs by default: WCAG 2.x A and AA and its
   * best practices; and a visible label contained in the accessible name), one line per rule and element: {@code rule (impact) on <target>: <summary> [<html>]}.
   */
  static List<String> accessibilityViolations(Page page) {
    AxeRunOptions options = new AxeRunOptions();
    AxeRuleOptions on = new AxeRuleOptions();
    on.setEnabled(true);
    options.setRules(Map.of("label-content-name-mismatch", on)); // WCAG 2.5.3, experimental in axe: on, as the walk of issue 14 had it
    AxeResults results = new AxeBuilder(page).options(options).analyze();
    if (results.getErrorMessage() != null) throw new IllegalStateException("axe-core failed on " + page.url() + ": " + results.getErrorMessage());
    List<String> lines = new ArrayList<>();
    for (Rule rule : results.getViolations()) {
      for (CheckedNode node : rule.getNodes()) {
        lines.add(rule.getId() + " (" + rule.getImpact() + ") on " + node.getTarget() + ": " + rule.getHelp()
            + " [" + abbreviate(node.getHtml()) + "]");
      }
    }
    return lines;
  }

  /**
   * Fails, naming every violation, when axe-core finds any on the page as it is now. Call it on every page a
   * browser test visits, after the page settled (and again after opening anything that shows more of it).
   */
  static void assertAccessible(Page page) {
    List<String> violations = accessibilityViolations(page);
    if (!violations.isEmpty()) {
      throw new AssertionError("axe-core found " + violations.size() + " accessibility violation(s) on " + page.url() + ":\n  "
          + String.join("\n  ", violations));
    }
  }

  private static String abbreviate(String html) {
    String oneLine = html == null ? "" : html.replaceAll("\\s+", " ");
    return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
