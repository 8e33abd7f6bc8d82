package dev.longhand.sso;

import dev.longhand.account.AccountService;
import dev.longhand.account.AfterSignUp;
import dev.longhand.config.SignIn;
import dev.longhand.feature.Feature;
import dev.longhand.http.Pages;
import dev.longhand.http.Router;
import dev.longhand.store.Database;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Single sign-on with an OpenID Connect provider ({@code LONGHAND_OIDC_ISSUER}): its routes exist only when one is
 * set. The sign-in and sign-up pages (the account feature's) show its button.
 */
public final class SsoFeature implements Feature {
  private final SsoPages pages;

  private SsoFeature(SsoPages pages) {
    this.pages = pages;
  }

  /** The feature for these settings: routes when a provider is set, nothing otherwise. */
  public static Feature of(SignIn signIn, Database db, Clock clock, AccountService accounts, AfterSignUp afterSignUp, Pages pages,
      boolean secureCookies, Supplier<String> baseUrl) {
    if (signIn.oidc().isEmpty()) return Feature.routes();
    SsoService sso = new SsoService(db, clock, accounts, new OidcProvider(signIn.oidc().get()), baseUrl, afterSignUp);
    return new SsoFeature(new SsoPages(sso, accounts, pages, secureCookies));
  }

  @Override
  public void routes(Router r) {
    pages.register(r);
  }
}
