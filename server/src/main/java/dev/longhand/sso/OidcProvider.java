package dev.longhand.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.longhand.config.SignIn;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenID Connect provider, through the Nimbus OAuth 2.0 / OpenID Connect SDK: its discovery document, read from
 * the issuer's {@code .well-known/openid-configuration} on first use and kept (a failed read is tried again next
 * time), the authorization request (code flow, PKCE with S256, state, nonce), the code's redemption with the client
 * secret, and the ID token's checks: signature against the provider's JWKS (fetched, cached and refreshed for an
 * unknown key by Nimbus), issuer, audience, expiry and nonce.
 */
final class OidcProvider {
  private static final Logger log = LoggerFactory.getLogger(OidcProvider.class);
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int READ_TIMEOUT_MS = 10_000;
  private static final int JWKS_SIZE_LIMIT = 512 * 1024;

  /** What the provider vouches for, from a checked ID token. */
  record Claims(String issuer, String subject, String email, boolean emailVerified, String name) {}

  private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator, ClientAuthentication auth) {}

  private final SignIn.Oidc settings;
  private volatile Discovered discovered;

  OidcProvider(SignIn.Oidc settings) {
    this.settings = settings;
  }

  /** The provider's name on buttons and pages. */
  String name() {
    return settings.name();
  }

  /** Where to send the browser: the provider's authorization endpoint with this sign-in's state, nonce and challenge. */
  URI authorizationUri(URI redirect, String state, String nonce, String codeVerifier) {
    OIDCProviderMetadata meta = discovered().metadata();
    return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email", "profile"),
            new ClientID(settings.clientId()), redirect)
        .endpointURI(meta.getAuthorizationEndpointURI())
        .state(new State(state))
        .nonce(new Nonce(nonce))
        .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256)
        .build()
        .toURI();
  }

  /** The issuer as the provider names itself (what identities are stored under). */
  String issuer() {
    return discovered().metadata().getIssuer().getValue();
  }

  /** Redeems the code at the token endpoint (with the PKCE verifier) and checks the ID token it answers. */
  Claims redeem(String code, URI redirect, String codeVerifier, String nonce) {
    Discovered d = discovered();
    TokenRequest request = new TokenRequest(d.metadata().getTokenEndpointURI(), d.auth(),
        new AuthorizationCodeGrant(new AuthorizationCode(code), redirect, new CodeVerifier(codeVerifier)));
    TokenResponse response;
    try {
      HTTPRequest http = request.toHTTPRequest();
      http.setConnectTimeout(CONNECT_TIMEOUT_MS);
      http.setReadTimeout(READ_TIMEOUT_MS);
      response = OIDCTokenResponseParser.parse(http.send());
    } catch (IOException | ParseException e) {
      log.warn("Single sign-on: the token endpoint of {} failed: {}", settings.issuer(), e.toString());
      throw new SsoFailure(SsoFailure.Kind.UNREACHABLE, name() + " did not answer as expected. Try again in a moment.");
    }
    if (!response.indicatesSuccess()) {
      ErrorObject error = response.toErrorResponse().getErrorObject();
      log.info("Single sign-on: the token endpoint of {} refused the code: {}", settings.issuer(), error);
      throw new SsoFailure(SsoFailure.Kind.PROVIDER, name() + " refused to finish this sign-in (" + describe(error) + "). Start again.");
    }
    if (!(response.toSuccessResponse() instanceof OIDCTokenResponse oidc) || oidc.getOIDCTokens().getIDToken() == null) {
      throw new SsoFailure(SsoFailure.Kind.TOKEN, name() + " answered without an ID token. Start again.");
    }
    JWT idToken = oidc.getOIDCTokens().getIDToken();
    IDTokenClaimsSet claims;
    try {
      claims = d.validator().validate(idToken, new Nonce(nonce));
    } catch (BadJOSEException | JOSEException e) {
      throw refusal(e);
    }
    Object verified = claims.getClaim("email_verified");
    String email = claims.getStringClaim("email");
    String name = claims.getStringClaim("name");
    return new Claims(claims.getIssuer().getValue(), claims.getSubject().getValue(), email == null ? null : email.strip(),
        Boolean.TRUE.equals(verified) || "true".equals(verified), name);
  }

  /** Why an ID token was refused, for the page; the library's words go to the log only. */
  private SsoFailure refusal(Exception e) {
    String message = String.valueOf(e.getMessage());
    log.info("Single sign-on: an ID token from {} was refused: {}", settings.issuer(), message);
    String again = " Nobody was signed in. Start again.";
    if (e instanceof BadJWSException || e instanceof JOSEException || message.contains("signature") || message.contains("key")) {
      return new SsoFailure(SsoFailure.Kind.SIGNATURE, "The answer from " + name() + " was not signed by it." + again);
    }
    if (message.contains("nonce")) {
      return new SsoFailure(SsoFailure.Kind.NONCE, "The answer from " + name() + " belongs to another sign-in." + again);
    }
    if (e instanceof BadJWTException && (message.contains("Expired") || message.contains("expired") || message.contains("future"))) {
      return new SsoFailure(SsoFailure.Kind.EXPIRED, "The answer from " + name() + " has expired (or this server's clock is wrong)." + again);
    }
    return new SsoFailure(SsoFailure.Kind.TOKEN, "The answer from " + name() + " is not for this server." + again);
  }

  private static String describe(ErrorObject error) {
    String code = error.getCode() == null ? "no reason given" : error.getCode();
    String description = error.getDescription();
    return description == null || description.isBlank() ? code : code + ": " + description;
  }

  /** The discovery document and what is built from it, read once; a failure is tried again on the next sign-in. */
  private Discovered discovered() {
    Discovered d = discovered;
    if (d != null) return d;
    synchronized (this) {
      if (discovered == null) discovered = discover();
      return discovered;
    }
  }

  private Discovered discover() {
    OIDCProviderMetadata meta;
    try {
      // resolve() checks that the document names the configured issuer
      meta = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
    } catch (Exception e) {
      log.warn("Single sign-on: discovery from {} failed: {}", settings.issuer(), e.toString());
      throw new SsoFailure(SsoFailure.Kind.UNREACHABLE, name() + " cannot be reached right now. Try again in a moment.");
    }
    if (meta.getJWKSetURI() == null || meta.getTokenEndpointURI() == null || meta.getAuthorizationEndpointURI() == null) {
      log.warn("Single sign-on: the discovery document of {} lacks an endpoint or its JWKS", settings.issuer());
      throw new SsoFailure(SsoFailure.Kind.UNREACHABLE, name() + " is not set up for signing in here. Ask the person who runs this server.");
    }
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.create(meta.getJWKSetURI().toURL(),
          new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, JWKS_SIZE_LIMIT)).build();
    } catch (IOException | IllegalArgumentException e) {
      throw new SsoFailure(SsoFailure.Kind.UNREACHABLE, name() + " is not set up for signing in here. Ask the person who runs this server.");
    }
    IDTokenValidator validator = new IDTokenValidator(meta.getIssuer(), new ClientID(settings.clientId()),
        new JWSVerificationKeySelector<>(signatureAlgorithms(meta), keys), null);
    return new Discovered(meta, validator, clientAuthentication(meta));
  }

  /** The asymmetric algorithms the provider signs ID tokens with (never {@code none} nor an HMAC); RS256 by default. */
  private static Set<JWSAlgorithm> signatureAlgorithms(OIDCProviderMetadata meta) {
    Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    List<JWSAlgorithm> offered = meta.getIDTokenJWSAlgs();
    if (offered != null) {
      for (JWSAlgorithm a : offered) if (JWSAlgorithm.Family.SIGNATURE.contains(a)) algorithms.add(a);
    }
    if (algorithms.isEmpty()) algorithms.add(JWSAlgorithm.RS256);
    return algorithms;
  }

  /** client_secret_basic, unless the provider takes only client_secret_post. */
  private ClientAuthentication clientAuthentication(OIDCProviderMetadata meta) {
    ClientID id = new ClientID(settings.clientId());
    Secret secret = new Secret(settings.clientSecret());
    List<ClientAuthenticationMethod> methods = meta.getTokenEndpointAuthMethods();
    if (methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
      return new ClientSecretPost(id, secret);
    }
    return new ClientSecretBasic(id, secret);
  }
}
