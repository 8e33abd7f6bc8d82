package dev.longhand.config;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How people sign in: with a password (unless {@code LONGHAND_PASSWORDS=off}) and, when an OpenID Connect provider is
 * set, with it ("Sign in with ...").
 *
 * @param passwords whether passwords sign in, sign up, reset and make API tokens; off, only the provider signs in
 * @param oidc      the OpenID Connect provider, when {@code LONGHAND_OIDC_ISSUER} is set
 */
public record SignIn(boolean passwords, Optional<Oidc> oidc) {
  public static final SignIn PASSWORDS_ONLY = new SignIn(true, Optional.empty());

  /**
   * An OpenID Connect provider, found by discovery from its issuer.
   *
   * @param issuer       the issuer's URL (its {@code .well-known/openid-configuration} is read from there)
   * @param clientId     this server's client id at the provider
   * @param clientSecret this server's client secret at the provider
   * @param name         the provider's name on the button ("Sign in with <name>")
   */
  public record Oidc(String issuer, String clientId, String clientSecret, String name) {
    @Override
    public String toString() { // never the secret, in logs or errors
      return "Oidc[issuer=" + issuer + ", clientId=" + clientId + ", name=" + name + "]";
    }
  }

  public SignIn {
    oidc = oidc == null ? Optional.empty() : oidc;
    if (!passwords && oidc.isEmpty()) {
      throw new IllegalArgumentException("LONGHAND_PASSWORDS=off needs a single sign-on provider (LONGHAND_OIDC_ISSUER), or nobody could sign in");
    }
  }

  /** The same settings with the provider given (null: none). */
  public SignIn withOidc(Oidc provider) {
    return new SignIn(passwords, Optional.ofNullable(provider));
  }

  /** The same settings with passwords on or off. */
  public SignIn withPasswords(boolean on) {
    return new SignIn(on, oidc);
  }

  static SignIn fromEnvironment(Map<String, String> env) {
    String issuer = env.getOrDefault("LONGHAND_OIDC_ISSUER", "").strip();
    Optional<Oidc> oidc = Optional.empty();
    if (!issuer.isEmpty()) {
      URI uri;
      try {
        uri = URI.create(issuer);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("LONGHAND_OIDC_ISSUER must be the provider's https URL, not '" + issuer + "'");
      }
      boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
        throw new IllegalArgumentException("LONGHAND_OIDC_ISSUER must be the provider's https URL, not '" + issuer + "'");
      }
      String clientId = required(env, "LONGHAND_OIDC_CLIENT_ID");
      String secret = required(env, "LONGHAND_OIDC_CLIENT_SECRET");
      String name = env.getOrDefault("LONGHAND_OIDC_NAME", "").strip();
      oidc = Optional.of(new Oidc(issuer, clientId, secret, name.isEmpty() ? "single sign-on" : name));
    }
    String passwords = env.getOrDefault("LONGHAND_PASSWORDS", "on").strip().toLowerCase(Locale.ROOT);
    if (!passwords.equals("on") && !passwords.equals("off")) {
      throw new IllegalArgumentException("LONGHAND_PASSWORDS must be on or off, not '" + passwords + "'");
    }
    return new SignIn(passwords.equals("on"), oidc);
  }

  private static String required(Map<String, String> env, String name) {
    String v = env.getOrDefault(name, "").strip();
    if (v.isEmpty()) throw new IllegalArgumentException(name + " must be set when LONGHAND_OIDC_ISSUER is");
    return v;
  }
}
