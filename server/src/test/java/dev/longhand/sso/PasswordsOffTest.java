package dev.longhand.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.SignIn;
import dev.longhand.sso.TestProvider.Who;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code LONGHAND_PASSWORDS=off}: the sign-in and sign-up pages show only "Sign in with ...", and every path that
 * takes a password (signing in and up, tokens by password, changing or resetting a password, changing one's email)
 * is refused, while single sign-on, sessions and API tokens made from a session keep working.
 */
@ParameterizedClass
@EnumSource(Db.class)
class PasswordsOffTest {
  static final TestProvider idp = TestProvider.start();
  static final Map<Db, Config> configs = new EnumMap<>(Db.class);
  static final Map<Db, Longhand> servers = new EnumMap<>(Db.class);
  @Parameter Db db;

  String base() {
    return servers.computeIfAbsent(db, d -> {
      Config config = TestServers.config(d).withSignIn(new SignIn(false, Optional.of(idp.settings())));
      configs.put(d, config);
      return Longhand.start(config, Clock.systemUTC());
    }).baseUrl();
  }

  @AfterAll
  static void close() {
    servers.values().forEach(Longhand::close);
    configs.values().forEach(c -> c.databaseUrl().ifPresent(Databases::drop));
    servers.clear();
    idp.close();
  }

  /** Signs a new person in through the provider; returns the browser and an API token made from its session. */
  record SignedIn(WebSession browser, String token) {}

  SignedIn signIn(String email) {
    WebSession browser = new WebSession(base());
    TestProvider.Sent sent = idp.send(browser, "/", Who.verified("off-" + System.nanoTime(), email));
    var r = browser.get(sent.callback().substring(base().length()));
    assertThat(r.statusCode()).isEqualTo(303);
    var page = browser.postForm("/me/tokens", Map.of("label", "script"));
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher m = Pattern.compile("<code class=\"secret\">(lh_[A-Za-z0-9_-]+)</code>").matcher(page.body());
    assertThat(m.find()).isTrue();
    return new SignedIn(browser, m.group(1));
  }

  @Test
  void thePagesOfferOnlySingleSignOn() {
    WebSession browser = new WebSession(base());
    String login = browser.get("/login").body();
    assertThat(login).contains("Sign in with Acme ID").doesNotContain("name=\"password\"").doesNotContain("Forgot your password");
    String signup = browser.get("/signup").body();
    assertThat(signup).contains("Sign in with Acme ID").contains("Create your account").doesNotContain("name=\"password\"");
    assertThat(browser.get("/forgot-password").body()).contains("Passwords are turned off").doesNotContain("name=\"email\"");
  }

  @Test
  void everyPasswordPathIsRefused() {
    String email = "pw-" + System.nanoTime() + "@acme.test";
    SignedIn nia = signIn(email);

    WebSession stranger = new WebSession(base());
    var login = stranger.postForm("/login", Map.of("email", email, "password", "any password at all"));
    assertThat(login.statusCode()).isEqualTo(403);
    assertThat(login.body()).contains("Passwords are turned off");
    assertThat(stranger.cookie("lh_session")).isNull();
    var signup = stranger.postForm("/signup", Map.of("email", "new-" + email, "name", "New", "password", "long enough password"));
    assertThat(signup.statusCode()).isEqualTo(403);
    assertThat(stranger.postForm("/forgot-password", Map.of("email", email)).statusCode()).isEqualTo(403);

    Api anonymous = new Api(base(), null);
    assertThat(anonymous.post("/api/v1/accounts", Map.of("email", "api-" + email, "name", "Api", "password", "long enough password")).status())
        .isEqualTo(403);
    var token = anonymous.post("/api/v1/tokens", Map.of("email", email, "password", "any password at all"));
    assertThat(token.status()).isEqualTo(403);
    assertThat(token.text("detail")).contains("Passwords are turned off");
    assertThat(anonymous.post("/api/v1/password-resets", Map.of("email", email)).status()).isEqualTo(403);

    Api api = new Api(base(), nia.token());
    assertThat(api.get("/api/v1/me").text("email")).isEqualTo(email); // a token made from a session works
    assertThat(api.put("/api/v1/me/password", Map.of("currentPassword", "x", "newPassword", "a new long password")).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/me/email", Map.of("email", "other-" + email, "password", "x")).status()).isEqualTo(403);

    String profile = nia.browser().get("/me").body();
    assertThat(profile).doesNotContain("Change password").doesNotContain("Send confirmation link").contains("API tokens");
    assertThat(nia.browser().postForm("/me/password", Map.of("currentPassword", "x", "newPassword", "a new long password")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void sessionsStillEndAndTokensStillRevoke() {
    SignedIn bo = signIn("bo-" + System.nanoTime() + "@acme.test");
    Api api = new Api(base(), bo.token());
    String tokenId = api.get("/api/v1/tokens").json().path("tokens").get(0).path("id").asText();
    assertThat(bo.browser().postForm("/logout", Map.of()).statusCode()).isEqualTo(303);
    assertThat(bo.browser().get("/me").statusCode()).as("signed out").isNotEqualTo(200);
    assertThat(api.delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
  }
}
