package dev.longhand.browser;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium (its headless shell) driven by Playwright, with the flags this closed network needs. Without
 * Chromium the browser tests skip with a message, except under CI=true, where they fail.
 *
 * <p>One Chromium serves every browser test class of a test JVM: starting Playwright's driver and the browser took
 * 0.5-2.5 s per class. A class takes a {@link #launch lease} and closes it, which closes the people (browser contexts,
 * each with its own cookies) it made; the browser itself ends with the JVM (Playwright's driver exits when its pipe
 * closes, and takes Chromium with it). Test classes of one JVM run one after another, never side by side.
 */
final class Browser implements AutoCloseable {
  /**
   * Debian's Chromium headless shell ({@code scripts/ensure-browser}), the build Playwright runs headless tests on:
   * the browser tests cost it 40% less CPU than the full browser; the full browser where only it is installed.
   */
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LONGHAND_CHROMIUM",
      Files.isExecutable(Path.of("/usr/bin/chromium-headless-shell")) ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static com.microsoft.playwright.Browser shared;

  private final List<BrowserContext> people = new ArrayList<>();

  private Browser() {}

  static Browser launch() {
    if (!Files.isExecutable(CHROMIUM)) {
      String message = "Chromium not found at " + CHROMIUM;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException(message + "; CI requires it (scripts/ensure-browser)");
      Assumptions.abort(message + "; skipping browser tests. Run scripts/ensure-browser.");
    }
    return new Browser();
  }

  private static synchronized com.microsoft.playwright.Browser chromium() {
    if (shared == null || !shared.isConnected()) {
      Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      shared = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(CHROMIUM)
          .setHeadless(true)
          .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }
    return shared;
  }

  /** A fresh person at the keyboard: own cookies, desktop size, in the given time zone. */
  Page person(String timeZone) {
    BrowserContext ctx = chromium().newContext(new NewContextOptions().setViewportSize(1280, 900).setTimezoneId(timeZone).setLocale("en-GB"));
    ctx.setDefaultTimeout(15_000);
    people.add(ctx);
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    page.setViewportSize(390, 844);
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-phone.png")).setFullPage(true));
    page.setViewportSize(1280, 900);
  }

  /**
   * axe-core's violations on the page as it is now (every rule axe runs by default: WCAG 2.x A and AA and its
   * best practices; and a visible label contained in the accessible name), one line per rule and element: {@code rule (impact) on <target>: <summary> [<html>]}.
   *
   * <p>axe-core's own script (the one its Playwright binding carries) runs in the page through {@code axe.run}. The
   * binding's {@code AxeBuilder} did the same through axe's cross-frame protocol, which opens a blank page for every
   * check: 0.8-1.5 s a page against 0.15 s. The pages have no frames, so the protocol found nothing more.
   */
  static List<String> accessibilityViolations(Page page) {
    if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) page.evaluate(AXE_SOURCE);
    String answer = (String) page.evaluate("""
        async () => JSON.stringify(await axe.run(document, {
          resultTypes: ['violations'],
          rules: {'label-content-name-mismatch': {enabled: true}}
        }).then(r => r.violations, e => ({error: String(e)})))""");
    List<String> lines = new ArrayList<>();
    try {
      JsonNode violations = JSON.readTree(answer);
      if (violations.has("error")) throw new IllegalStateException("axe-core failed on " + page.url() + ": " + violations.get("error").asText());
      for (JsonNode rule : violations) {
        for (JsonNode node : rule.path("nodes")) {
          lines.add(rule.path("id").asText() + " (" + rule.path("impact").asText() + ") on " + node.path("target") + ": "
              + rule.path("help").asText() + " [" + abbreviate(node.path("html").asText()) + "]");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  // WCAG 2.5.3 (label-content-name-mismatch) is experimental in axe: on, as the walk of issue 14 had it.
  private static final String AXE_SOURCE = axeSource();

  private static String axeSource() {
    try (InputStream in = AxeBuilder.class.getResourceAsStream("/axe.min.js")) {
      if (in == null) throw new IllegalStateException("axe.min.js is missing from axe-core's Playwright jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** Closes the people this lease made; the browser goes on for the next test class. */
  @Override
  public void close() {
    for (BrowserContext person : people) person.close();
    people.clear();
  }
}
