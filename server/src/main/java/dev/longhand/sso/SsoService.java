package dev.longhand.sso;

import dev.longhand.account.Account;
import dev.longhand.account.AccountService;
import dev.longhand.account.AfterSignUp;
import dev.longhand.account.NextPage;
import dev.longhand.account.Secrets;
import dev.longhand.store.Database;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single sign-on with one OpenID Connect provider: {@link #start} makes a sign-in (state, nonce, PKCE verifier, where
 * to go after) bound to the browser by a cookie, {@link #finish} takes the provider's answer back to that browser,
 * redeems the code, checks the ID token, and finds, links or makes the account (see "Single sign-on" in
 * ARCHITECTURE.md for the linking policy). It never starts a session: the page does, as password sign-in does.
 */
public final class SsoService {
  private static final Logger log = LoggerFactory.getLogger(SsoService.class);
  /** How long a sign-in may stay at the provider (typing a password, a second factor). */
  static final Duration ATTEMPT_LIFETIME = Duration.ofMinutes(10);
  static final String CALLBACK_PATH = "/sso/callback";

  private final Database db;
  private final Clock clock;
  private final AccountService accounts;
  private final OidcProvider provider;
  private final Supplier<String> baseUrl;
  private final AfterSignUp afterSignUp;
  private final SsoStore store = new SsoStore();

  SsoService(Database db, Clock clock, AccountService accounts, OidcProvider provider, Supplier<String> baseUrl, AfterSignUp afterSignUp) {
    this.db = db;
    this.clock = clock;
    this.accounts = accounts;
    this.provider = provider;
    this.baseUrl = baseUrl;
    this.afterSignUp = afterSignUp;
  }

  /** The provider's name, for buttons and pages. */
  String providerName() {
    return provider.name();
  }

  /** A started sign-in: the secret for the browser's cookie, and where to send the browser. */
  record Started(String browserKey, URI authorizationUri) {}

  /** Starts a sign-in that will land on {@code next} (when it is a page of this site; else the home page). */
  Started start(String next) {
    String browserKey = Secrets.newSecret("");
    SsoStore.Attempt attempt = new SsoStore.Attempt(Secrets.newSecret(""), Secrets.newSecret(""), Secrets.newSecret(""),
        NextPage.orElse(next, "/"));
    URI uri = provider.authorizationUri(redirectUri(), attempt.state(), attempt.nonce(), attempt.codeVerifier());
    long now = clock.millis();
    db.writeAll(h -> store.insertAttempt(h, Secrets.hash(browserKey), attempt, now, now + ATTEMPT_LIFETIME.toMillis()));
    return new Started(browserKey, uri);
  }

  /** What the provider sent back to the callback (its query parameters; any may be null). */
  record Answer(String code, String state, String error, String errorDescription, String issuer) {}

  /** Who was signed in and where they land; {@code created} and {@code linked} say what happened to the account. */
  record SignedIn(long accountId, String landing, boolean created, boolean linked) {}

  /**
   * Finishes the browser's sign-in with the provider's answer, or refuses it ({@link SsoFailure}) without signing
   * anyone in: an answer without this browser's sign-in, or with another state, is refused before the provider is
   * asked anything; the sign-in is used up either way.
   */
  SignedIn finish(String browserKey, Answer answer) {
    if (browserKey == null || browserKey.isBlank()) {
      throw new SsoFailure(SsoFailure.Kind.STATE, "This sign-in did not start in this browser, or cookies are blocked here. Start again from the sign-in page.");
    }
    long now = clock.millis();
    SsoStore.Attempt attempt = db.write(h -> store.takeAttempt(h, Secrets.hash(browserKey), now))
        .orElseThrow(() -> new SsoFailure(SsoFailure.Kind.STATE,
            "This sign-in was already used or took longer than " + ATTEMPT_LIFETIME.toMinutes() + " minutes. Start again from the sign-in page."));
    if (answer.state() == null || !MessageDigest.isEqual(attempt.state().getBytes(StandardCharsets.UTF_8),
        answer.state().getBytes(StandardCharsets.UTF_8))) {
      log.info("Single sign-on: a callback came with a state that is not its browser's");
      throw new SsoFailure(SsoFailure.Kind.STATE, "This answer is not for the sign-in this browser started. Nobody was signed in. Start again from the sign-in page.");
    }
    if (answer.error() != null) {
      String why = answer.errorDescription() == null || answer.errorDescription().isBlank() ? answer.error()
          : answer.error() + ": " + answer.errorDescription();
      if (why.length() > 300) why = why.substring(0, 300) + "…";
      throw new SsoFailure(SsoFailure.Kind.PROVIDER, provider.name() + " did not sign you in (" + why + ").");
    }
    if (answer.issuer() != null && !answer.issuer().equals(provider.issuer())) { // RFC 9207: an answer from another provider
      throw new SsoFailure(SsoFailure.Kind.PROVIDER, "This answer came from another sign-in service than " + provider.name() + ". Nobody was signed in.");
    }
    if (answer.code() == null || answer.code().isBlank()) {
      throw new SsoFailure(SsoFailure.Kind.PROVIDER, provider.name() + " sent you back without a sign-in. Start again.");
    }
    OidcProvider.Claims claims = provider.redeem(answer.code(), redirectUri(), attempt.codeVerifier(), attempt.nonce());
    accounts.prepareAccountWithoutPassword(); // the slow hash, once, outside any transaction
    SignedIn done = db.write(h -> link(h, claims, attempt.nextPage()));
    String landing = done.created() ? afterSignUp.landing(done.accountId(), done.landing()) : done.landing();
    return new SignedIn(done.accountId(), landing, done.created(), done.linked());
  }

  /** The account of the identity: already linked, linked now by its verified email, or made now. */
  private SignedIn link(org.jdbi.v3.core.Handle h, OidcProvider.Claims claims, String next) {
    long now = clock.millis();
    String landing = NextPage.orElse(next, "/");
    Optional<Long> known = store.accountOf(h, claims.issuer(), claims.subject());
    if (known.isPresent()) {
      store.used(h, claims.issuer(), claims.subject(), now);
      return new SignedIn(known.get(), landing, false, false);
    }
    if (claims.email() == null || claims.email().isBlank()) {
      throw new SsoFailure(SsoFailure.Kind.EMAIL, provider.name() + " did not tell us your email address, which your account here needs. "
          + "Ask your administrator to let it share your email, then sign in again.");
    }
    if (!claims.emailVerified()) {
      throw new SsoFailure(SsoFailure.Kind.EMAIL, provider.name() + " has not verified your email address " + claims.email()
          + ", so it was not linked to an account here and no account was made with it. Verify it there, then sign in again.");
    }
    Optional<Account> existing = accounts.byEmail(h, claims.email());
    if (existing.isPresent()) {
      long id = existing.get().id();
      if (store.linkedAt(h, id, claims.issuer())) {
        throw new SsoFailure(SsoFailure.Kind.EMAIL, "The account with the email " + claims.email() + " is already linked to another "
            + provider.name() + " identity, so this one was not linked. Ask your administrator.");
      }
      store.link(h, claims.issuer(), claims.subject(), id, claims.email(), now);
      log.info("Single sign-on: linked an identity at {} to account {} by its verified email", claims.issuer(), id);
      return new SignedIn(id, landing, false, true);
    }
    Account made = accounts.signUpWithoutPassword(h, claims.email(), claims.name());
    store.link(h, claims.issuer(), claims.subject(), made.id(), made.email(), now);
    log.info("Single sign-on: made account {} for an identity at {}", made.id(), claims.issuer());
    return new SignedIn(made.id(), landing, true, false);
  }

  private URI redirectUri() {
    return URI.create(baseUrl.get() + CALLBACK_PATH);
  }
}
