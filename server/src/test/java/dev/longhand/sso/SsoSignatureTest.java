package dev.longhand.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.SignIn;
import dev.longhand.sso.TestProvider.Who;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An ID token that the provider's published keys do not verify is refused, and a provider that cannot be reached is
 * said to be so; nobody is signed in either way. The "provider" here publishes its own discovery document and a
 * JWKS whose key has the real signing key's id but other numbers, while its endpoints are mock-oauth2-server's: the
 * tokens are genuine, the keys Longhand is told to trust are not theirs.
 */
@ParameterizedClass
@EnumSource(Db.class)
class SsoSignatureTest {
  @Parameter Db db;
  TestProvider idp;
  HttpServer forger;
  Longhand server;
  Config config;

  @AfterEach
  void close() {
    if (server != null) server.close();
    if (config != null) config.databaseUrl().ifPresent(Databases::drop);
    if (forger != null) forger.stop(0);
    if (idp != null) idp.close();
  }

  Longhand start(String issuer) {
    config = TestServers.config(db).withSignIn(new SignIn(true, Optional.of(new SignIn.Oidc(issuer, TestProvider.CLIENT_ID, "a secret", "Acme ID"))));
    server = Longhand.start(config, Clock.systemUTC());
    return server;
  }

  @Test
  void anIdTokenTheProvidersKeysDoNotVerifyIsRefused() throws Exception {
    idp = TestProvider.start();
    String realIssuer = idp.issuer();
    RSAKey real = (RSAKey) JWKSet.load(idp.server.jwksUrl(TestProvider.ISSUER_ID).url()).getKeys().getFirst();
    // A public key under the provider's key id that is not the provider's: its modulus plus two, which verifies no
    // signature of the real key, as any other key would (generating a fresh 2048-bit pair cost the test JVM 2-3 s).
    java.math.BigInteger modulus = real.getModulus().decodeToBigInteger().add(java.math.BigInteger.TWO);
    RSAKey forged = new RSAKey.Builder(com.nimbusds.jose.util.Base64URL.encode(modulus), real.getPublicExponent())
        .keyID(real.getKeyID()).build();
    forger = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    String forgerUrl = "http://127.0.0.1:" + forger.getAddress().getPort();
    String discovery = """
        {"issuer": "%s", "authorization_endpoint": "%s", "token_endpoint": "%s", "jwks_uri": "%s/jwks",
         "response_types_supported": ["code"], "subject_types_supported": ["public"],
         "id_token_signing_alg_values_supported": ["RS256"]}"""
        .formatted(forgerUrl, idp.server.authorizationEndpointUrl(TestProvider.ISSUER_ID), idp.server.tokenEndpointUrl(TestProvider.ISSUER_ID), forgerUrl);
    forger.createContext("/.well-known/openid-configuration", ex -> answer(ex, discovery));
    forger.createContext("/jwks", ex -> answer(ex, new JWKSet(forged).toString()));
    forger.start();
    assertThat(realIssuer).isNotEqualTo(forgerUrl);

    Longhand lh = start(forgerUrl);
    String base = lh.baseUrl();
    WebSession browser = new WebSession(base);
    String subject = "forged-" + System.nanoTime();
    TestProvider.Sent sent = idp.send(browser, "/", Who.verified(subject, "forged-" + System.nanoTime() + "@acme.test"));
    var r = browser.get(sent.callback().substring(base.length()));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("The sign-in could not be verified").contains("was not signed by it");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at com.nimbusds");
    assertThat(browser.cookie("lh_session")).isNull();
    int identities = lh.database().read(h -> h.createQuery("SELECT COUNT(*) FROM sso_identities").mapTo(Integer.class).one());
    assertThat(identities).isZero();
  }

  @Test
  void aProviderThatCannotBeReachedIsSaidToBeSo() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    Longhand lh = start("http://127.0.0.1:" + closedPort + "/nobody");
    WebSession browser = new WebSession(lh.baseUrl());
    assertThat(browser.get("/login").body()).contains("Sign in with Acme ID"); // the pages do not wait for the provider
    var r = browser.postForm("/sso/start", Map.of("next", "/"));
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.body()).contains("The sign-in service cannot be reached").contains("Acme ID cannot be reached right now");
    assertThat(browser.cookie(SsoPages.COOKIE)).isNull();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
