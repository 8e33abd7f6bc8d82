package dev.longhand.sso;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import dev.longhand.config.SignIn;
import dev.longhand.testkit.WebSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OpenID Connect provider for the tests: mock-oauth2-server on 127.0.0.1 at a free port, issuer {@code acme}.
 * Who signs in is told per authorization code ({@link #signIn}): the test reads the code from the provider's redirect
 * and says whose it is before Longhand redeems it, so no queue of callbacks can be left over for another test. With
 * {@code interactive} the provider shows its own login form instead (the browser test).
 */
final class TestProvider implements AutoCloseable {
  static final String ISSUER_ID = "acme";
  static final String CLIENT_ID = "longhand-test";
  static final String NAME = "Acme ID";

  /** Someone at the provider: the ID token's subject and claims, its audience and lifetime. */
  record Who(String subject, Map<String, Object> claims, List<String> audience, long expirySeconds) {
    static Who verified(String subject, String email) {
      return new Who(subject, Map.of("email", email, "email_verified", true, "name", "Person " + subject), List.of(CLIENT_ID), 3600);
    }

    static Who unverified(String subject, String email) {
      return new Who(subject, Map.of("email", email, "email_verified", false), List.of(CLIENT_ID), 3600);
    }

    Who expiringIn(long seconds) {
      return new Who(subject, claims, audience, seconds);
    }

  }

  final MockOAuth2Server server;
  private final Map<String, Who> byCode = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  private TestProvider(boolean interactive) {
    OAuth2TokenCallback callback = new OAuth2TokenCallback() {
      @Override
      public String issuerId() {
        return ISSUER_ID;
      }

      @Override
      public String subject(TokenRequest request) {
        Who who = who(request);
        return who == null ? "nobody" : who.subject();
      }

      @Override
      public String typeHeader(TokenRequest request) {
        return "JWT";
      }

      @Override
      public List<String> audience(TokenRequest request) {
        Who who = who(request);
        return who == null ? List.of(CLIENT_ID) : who.audience();
      }

      @Override
      public Map<String, Object> addClaims(TokenRequest request) {
        Who who = who(request);
        return who == null ? new LinkedHashMap<>() : new LinkedHashMap<>(who.claims());
      }

      @Override
      public long tokenExpiry() {
        return lastExpiry;
      }
    };
    server = new MockOAuth2Server(new OAuth2Config(interactive, null, null, false, new OAuth2TokenProvider(), Set.of(callback)));
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The expiry of the token being made: tokenExpiry() has no request, so it is the last one looked up. */
  private volatile long lastExpiry = 3600;

  private Who who(TokenRequest request) {
    if (!(request.getAuthorizationGrant() instanceof AuthorizationCodeGrant grant)) return null;
    Who who = byCode.get(grant.getAuthorizationCode().getValue());
    if (who != null) lastExpiry = who.expirySeconds();
    else lastExpiry = 3600;
    return who;
  }

  static TestProvider start() {
    return new TestProvider(false);
  }

  static TestProvider interactive() {
    return new TestProvider(true);
  }

  String issuer() {
    return server.issuerUrl(ISSUER_ID).toString();
  }

  SignIn.Oidc settings() {
    return new SignIn.Oidc(issuer(), CLIENT_ID, "a client secret", NAME);
  }

  /** A sign-in started and sent to the provider: where the provider sends the browser back, and its state. */
  record Sent(String callback, String state, String code) {}

  /** Presses "Sign in with ..." in {@code browser} and follows the browser to the provider and back, up to the callback. */
  Sent send(WebSession browser, String next, Who who) {
    String authorize = authorizationUrl(browser.postForm("/sso/start", Map.of("next", next)));
    if (!authorize.startsWith(server.baseUrl().toString())) throw new AssertionError("not sent to the provider: " + authorize);
    HttpResponse<String> atProvider = get(authorize);
    if (atProvider.statusCode() != 302) throw new AssertionError("provider answered " + atProvider.statusCode() + ": " + atProvider.body());
    String back = atProvider.headers().firstValue("Location").orElseThrow();
    String code = query(back).get("code");
    if (who != null) byCode.put(code, who);
    return new Sent(back, query(back).get("state"), code);
  }

  /**
   * Where {@code POST /sso/start} sends the browser: its page goes on at once (a meta refresh) and links there too;
   * both must name the same address.
   */
  static String authorizationUrl(HttpResponse<String> start) {
    if (start.statusCode() != 200) throw new AssertionError("start answered " + start.statusCode() + ": " + start.body());
    java.util.regex.Matcher refresh = java.util.regex.Pattern.compile("<meta http-equiv=\"refresh\" content=\"0; url=([^\"]+)\">").matcher(start.body());
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("<a href=\"([^\"]+)\" id=\"sso-continue\">").matcher(start.body());
    if (!refresh.find() || !link.find()) throw new AssertionError("no way on to the provider: " + start.body());
    String url = unescape(refresh.group(1));
    if (!url.equals(unescape(link.group(1)))) throw new AssertionError("the page's refresh and link differ");
    return url;
  }

  private static String unescape(String html) {
    return html.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">");
  }

  /** The authorization request's parameters, as the browser carried them to the provider. */
  static Map<String, String> query(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    String q = URI.create(url).getRawQuery();
    if (q == null) return params;
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** Says who the code belongs to (for a code the test got by other means). */
  void codeIs(String code, Who who) {
    byCode.put(code, who);
  }

  HttpResponse<String> get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
