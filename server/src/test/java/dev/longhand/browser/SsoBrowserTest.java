package dev.longhand.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.SignIn;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on in a real browser: Dee presses "Sign in with Acme ID" on the sign-in page (checked with axe-core),
 * signs in on the provider's own login form (mock-oauth2-server's interactive login, on 127.0.0.1 at a free port) and
 * lands signed in, with an account made for her; Eli's provider has not verified his email, and the page says so.
 */
class SsoBrowserTest {
  static Browser browser;
  static MockOAuth2Server idp;
  static Longhand server;
  static String base;

  @BeforeAll
  static void launch() throws Exception {
    browser = Browser.launch();
    idp = new MockOAuth2Server(new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(), Set.of()));
    idp.start(InetAddress.getByName("127.0.0.1"), 0);
    Config config = TestServers.config(Db.SQLITE).withSignIn(new SignIn(true,
        Optional.of(new SignIn.Oidc(idp.issuerUrl("acme").toString(), "longhand-browser", "a client secret", "Acme ID"))));
    server = Longhand.start(config, Clock.systemUTC());
    base = server.baseUrl();
  }

  @AfterAll
  static void close() {
    if (server != null) server.close();
    if (idp != null) idp.shutdown();
    if (browser != null) browser.close();
  }

  /** Presses the button on the sign-in page and signs in at the provider's own form as {@code username} with {@code claims}. */
  static void signInAtProvider(Page page, String username, String claims) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with Acme ID").setExact(true)).click();
    page.waitForURL(u -> u.startsWith(idp.baseUrl().toString()));
    page.locator("input[name=username]").fill(username);
    page.locator("textarea[name=claims]").fill(claims);
    page.locator("input[type=submit]").click();
    page.waitForURL(u -> u.startsWith(base));
  }

  @Test
  void deeSignsInWithHerCompanyAccount() {
    Page dee = browser.person("Europe/Oslo");
    dee.navigate(base + "/login");
    assertThat(dee.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with Acme ID"))).isVisible();
    assertThat(dee.getByLabel("Password")).isVisible(); // passwords are on here too
    Browser.screenshot(dee, "sso-01-sign-in");
    dee.navigate(base + "/signup");
    assertThat(dee.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with Acme ID").setExact(true))).isVisible();
    Browser.assertAccessible(dee);
    dee.navigate(base + "/login");

    String email = "dee-" + System.nanoTime() + "@acme.test";
    signInAtProvider(dee, "dee-subject", "{\"email\": \"" + email + "\", \"email_verified\": true, \"name\": \"Dee Okafor\"}");
    assertThat(dee.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your workspaces"))).isVisible();
    dee.navigate(base + "/me");
    assertThat(dee.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dee Okafor"))).isVisible();
    assertThat(dee.locator("main")).containsText(email);
  }

  @Test
  void eliIsToldWhyHisUnverifiedEmailIsNotLinked() {
    Page eli = browser.person("America/Chicago");
    eli.navigate(base + "/login");
    String email = "eli-" + System.nanoTime() + "@acme.test";
    signInAtProvider(eli, "eli-subject", "{\"email\": \"" + email + "\", \"email_verified\": false}");
    assertThat(eli.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your account cannot be linked"))).isVisible();
    assertThat(eli.getByRole(AriaRole.ALERT)).containsText("has not verified your email address " + email);
    Browser.screenshot(eli, "sso-02-not-linked");
    eli.navigate(base + "/me");
    assertThat(eli).hasURL(java.util.regex.Pattern.compile(".*/login.*")); // nobody was signed in
  }
}
