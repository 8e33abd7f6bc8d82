package dev.longhand.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.longhand.config.SignIn;
import dev.longhand.sso.TestProvider.Who;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
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
 * Signing in with an OpenID Connect provider through the real HTTP flow, against a real provider (mock-oauth2-server):
 * the test's client presses the button, follows the redirect to the provider, and brings the provider's answer back
 * by hand, as a browser would. One Longhand server per database, with passwords on and a team.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SsoTest {
  static final TestProvider idp = TestProvider.start();
  static final Map<Db, OwnServer> servers = new EnumMap<>(Db.class);
  @Parameter Db db;

  OwnServer own() {
    return servers.computeIfAbsent(db, d -> OwnServer.with(TestServers.config(d).withSignIn(
        new SignIn(true, Optional.of(idp.settings()))), "Lobby"));
  }

  @AfterAll
  static void close() {
    servers.values().forEach(OwnServer::close);
    servers.clear();
    idp.close();
  }

  String base() {
    return own().server.baseUrl();
  }

  static String unique(String who) {
    return who + "-" + System.nanoTime() + "@acme.test";
  }

  /** Follows the provider's redirect back to Longhand, in the browser that started. */
  HttpResponse<String> back(WebSession browser, String callback) {
    assertThat(callback).startsWith(base() + SsoService.CALLBACK_PATH + "?");
    return browser.get(callback.substring(base().length()));
  }

  /** The account a signed-in browser is, through an API token it makes on its profile page. */
  String accountOf(WebSession browser) {
    var page = browser.postForm("/me/tokens", Map.of("label", "whoami"));
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher m = Pattern.compile("<code class=\"secret\">(lh_[A-Za-z0-9_-]+)</code>").matcher(page.body());
    assertThat(m.find()).as("a new token on the page").isTrue();
    return new Api(base(), m.group(1)).get("/api/v1/me").text("id");
  }

  int identities(String subject) {
    return own().server.database().read(h -> h.createQuery("SELECT COUNT(*) FROM sso_identities WHERE subject = ?")
        .bind(0, subject).mapTo(Integer.class).one());
  }

  int accountsWith(String email) {
    return own().server.database().read(h -> h.createQuery("SELECT COUNT(*) FROM accounts WHERE email = ?")
        .bind(0, email).mapTo(Integer.class).one());
  }

  static void refusedWithoutStackTrace(HttpResponse<String> r) {
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.longhand").doesNotContain("at com.nimbusds");
  }

  @Test
  void aNewPersonGetsAnAccountAndASessionAndComesBackToTheSameOne() {
    WebSession browser = new WebSession(base());
    var login = browser.get("/login");
    assertThat(login.body()).contains("Sign in with Acme ID").contains("name=\"password\"");
    String csrfBefore = browser.csrf();
    String email = unique("nia");
    String subject = "nia-" + System.nanoTime();

    TestProvider.Sent sent = idp.send(browser, "/me", Who.verified(subject, email));
    var r = back(browser, sent.callback());
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/me");
    assertThat(browser.cookie("lh_session")).isNotNull();
    assertThat(browser.csrf()).as("a new form token after signing in").isNotEqualTo(csrfBefore);
    assertThat(browser.get("/me").body()).contains(email.toLowerCase());
    String id = accountOf(browser);
    assertThat(identities(subject)).isEqualTo(1);

    // The same identity later, with another email at the provider: still the same account, nothing new made.
    WebSession again = new WebSession(base());
    String otherEmail = unique("nia.renamed");
    var r2 = back(again, idp.send(again, "/", Who.verified(subject, otherEmail)).callback());
    assertThat(r2.statusCode()).isEqualTo(303);
    assertThat(accountOf(again)).isEqualTo(id);
    assertThat(accountsWith(otherEmail)).isZero();
  }

  @Test
  void theAuthorizationRequestUsesPkceStateAndNonce() {
    WebSession browser = new WebSession(base());
    var start = browser.postForm("/sso/start", Map.of("next", "/"));
    Map<String, String> q = TestProvider.query(TestProvider.authorizationUrl(start));
    assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", TestProvider.CLIENT_ID)
        .containsEntry("code_challenge_method", "S256").containsEntry("redirect_uri", base() + "/sso/callback");
    assertThat(q.get("scope")).contains("openid").contains("email");
    assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(q.get("nonce")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(q.get("code_challenge")).hasSize(43);
    assertThat(browser.cookie(SsoPages.COOKIE)).as("the sign-in is bound to this browser").isNotNull()
        .isNotEqualTo(q.get("state"));
  }

  @Test
  void aVerifiedEmailLinksToTheExistingAccount() {
    var bo = own().team.bo;
    String subject = "bo-" + System.nanoTime();
    WebSession browser = new WebSession(base());
    var r = back(browser, idp.send(browser, "/", Who.verified(subject, bo.email().toUpperCase())).callback());
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(accountOf(browser)).isEqualTo(bo.id());
    assertThat(identities(subject)).isEqualTo(1);
    assertThat(accountsWith(bo.email())).isEqualTo(1);
    // Bo's password still works (passwords are on here).
    assertThat(WebSession.signedIn(base(), bo.email(), "correct horse battery").cookie("lh_session")).isNotNull();

    // A second identity at the same provider with Bo's verified email is not added to his account.
    WebSession other = new WebSession(base());
    var r2 = back(other, idp.send(other, "/", Who.verified("impostor-" + System.nanoTime(), bo.email())).callback());
    assertThat(r2.statusCode()).isEqualTo(403);
    assertThat(r2.body()).contains("already linked");
    assertThat(other.cookie("lh_session")).isNull();
  }

  @Test
  void anUnverifiedEmailNeverLinksNorMakesAnAccount() {
    var cy = own().team.cy;
    String subject = "cy-" + System.nanoTime();
    WebSession browser = new WebSession(base());
    var r = back(browser, idp.send(browser, "/", Who.unverified(subject, cy.email())).callback());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Your account cannot be linked").contains("has not verified your email address " + cy.email());
    refusedWithoutStackTrace(r);
    assertThat(browser.cookie("lh_session")).isNull();
    assertThat(identities(subject)).isZero();

    String fresh = unique("unverified");
    WebSession another = new WebSession(base());
    var r2 = back(another, idp.send(another, "/", new Who("u-" + System.nanoTime(), Map.of("email", fresh), List.of(TestProvider.CLIENT_ID), 3600)).callback());
    assertThat(r2.statusCode()).as("no email_verified claim at all").isEqualTo(403);
    assertThat(accountsWith(fresh)).isZero();
    assertThat(another.cookie("lh_session")).isNull();
  }

  @Test
  void aTamperedStateIsRefusedAndUsesTheSignInUp() {
    String subject = "tamper-" + System.nanoTime();
    WebSession browser = new WebSession(base());
    TestProvider.Sent sent = idp.send(browser, "/", Who.verified(subject, unique("tamper")));
    String tampered = sent.callback().replace("state=" + sent.state(), "state=" + sent.state().substring(1) + "A");
    assertThat(tampered).isNotEqualTo(sent.callback());
    var r = back(browser, tampered);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("not for the sign-in this browser started");
    refusedWithoutStackTrace(r);
    assertThat(browser.cookie("lh_session")).isNull();
    // The genuine answer afterwards finds nothing to finish: the sign-in was used up.
    var genuine = back(browser, sent.callback());
    assertThat(genuine.statusCode()).isEqualTo(400);
    assertThat(browser.cookie("lh_session")).isNull();
    assertThat(identities(subject)).isZero();
  }

  @Test
  void anAnswerBroughtToAnotherBrowserIsRefused() {
    WebSession victim = new WebSession(base());
    TestProvider.Sent sent = idp.send(victim, "/", Who.verified("moved-" + System.nanoTime(), unique("moved")));
    WebSession elsewhere = new WebSession(base());
    var r = back(elsewhere, sent.callback());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("did not start in this browser");
    assertThat(elsewhere.cookie("lh_session")).isNull();
  }

  @Test
  void anIdTokenWithAnotherNonceIsRefused() {
    // A code injected into this browser's sign-in: made at the provider for another authorization request (another
    // nonce) by someone who also knows this sign-in's PKCE verifier (as anyone does at a provider that skips PKCE).
    String subject = "nonce-" + System.nanoTime();
    WebSession browser = new WebSession(base());
    var start = browser.postForm("/sso/start", Map.of("next", "/"));
    String state = TestProvider.query(TestProvider.authorizationUrl(start)).get("state");
    String verifier = own().server.database().read(h -> h.createQuery("SELECT code_verifier FROM sso_attempts WHERE state = ?")
        .bind(0, state).mapTo(String.class).one());
    String challenge = CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue();
    String injected = idp.server.authorizationEndpointUrl(TestProvider.ISSUER_ID) + "?response_type=code&client_id=" + TestProvider.CLIENT_ID
        + "&redirect_uri=" + enc(base() + "/sso/callback") + "&scope=openid+email&state=theirs&nonce=their-own-nonce"
        + "&code_challenge=" + challenge + "&code_challenge_method=S256";
    var atProvider = idp.get(injected);
    assertThat(atProvider.statusCode()).isEqualTo(302);
    String code = TestProvider.query(atProvider.headers().firstValue("Location").orElseThrow()).get("code");
    idp.codeIs(code, Who.verified(subject, unique("nonce")));

    var r = browser.get("/sso/callback?code=" + enc(code) + "&state=" + enc(state));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("belongs to another sign-in");
    refusedWithoutStackTrace(r);
    assertThat(browser.cookie("lh_session")).isNull();
    assertThat(identities(subject)).isZero();
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aReplayedCallbackSignsNobodyIn() {
    String subject = "replay-" + System.nanoTime();
    WebSession browser = new WebSession(base());
    TestProvider.Sent sent = idp.send(browser, "/", Who.verified(subject, unique("replay")));
    assertThat(back(browser, sent.callback()).statusCode()).isEqualTo(303);

    // The same answer again, in the same browser: the sign-in is used.
    var again = back(browser, sent.callback());
    assertThat(again.statusCode()).isEqualTo(400);
    // Someone who saw the answer replays its code in a sign-in of their own. This provider (mock-oauth2-server 2.1.10)
    // still answers a used code, with an ID token without the nonce: the nonce check refuses it.
    WebSession thief = new WebSession(base());
    TestProvider.Sent own = idp.send(thief, "/", null);
    var stolen = back(thief, sent.callback().replace("state=" + sent.state(), "state=" + own.state()));
    assertThat(stolen.statusCode()).isEqualTo(400);
    assertThat(stolen.body()).contains("belongs to another sign-in");
    assertThat(thief.cookie("lh_session")).isNull();
  }

  @Test
  void theProvidersErrorIsShownAndSignsNobodyIn() {
    WebSession browser = new WebSession(base());
    var start = browser.postForm("/sso/start", Map.of("next", "/"));
    String state = TestProvider.query(TestProvider.authorizationUrl(start)).get("state");
    var r = browser.get("/sso/callback?error=access_denied&error_description=The+person+said+no&state=" + state);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Acme ID did not sign you in (access_denied: The person said no)");
    assertThat(r.body()).contains("Sign in with Acme ID again");
    assertThat(browser.cookie("lh_session")).isNull();
  }

  @Test
  void anExpiredIdTokenIsRefused() {
    String subject = "expired-" + System.nanoTime();
    WebSession browser = new WebSession(base());
    var r = back(browser, idp.send(browser, "/", Who.verified(subject, unique("expired")).expiringIn(-600)).callback());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("has expired");
    assertThat(browser.cookie("lh_session")).isNull();
    assertThat(identities(subject)).isZero();
  }

  @Test
  void afterSigningInNextNeverLeadsToAnotherSite() {
    for (String next : List.of("//evil.example", "/\t/evil.example", "/%2F/evil.example", "https://evil.example")) {
      WebSession browser = new WebSession(base());
      var r = back(browser, idp.send(browser, next, Who.verified("next-" + System.nanoTime(), unique("next"))).callback());
      assertThat(r.statusCode()).as(next).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(next).hasValue("/");
    }
    WebSession browser = new WebSession(base());
    var r = back(browser, idp.send(browser, "/threads/12?tab=replies", Who.verified("next-" + System.nanoTime(), unique("next"))).callback());
    assertThat(r.headers().firstValue("Location")).hasValue("/threads/12?tab=replies");
  }

  @Test
  void startingNeedsTheFormToken() {
    WebSession browser = new WebSession(base());
    var r = browser.postForm("/sso/start", Map.of("next", "/", "_csrf", "not the token"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(browser.cookie(SsoPages.COOKIE)).isNull();
  }
}
