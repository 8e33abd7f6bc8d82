package dev.longhand.sso;

import dev.longhand.account.AccountPages;
import dev.longhand.account.AccountService;
import dev.longhand.http.Access;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Router;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Map;

/**
 * The two steps a browser takes: {@code POST /sso/start} (the "Sign in with ..." button, a form with its CSRF token)
 * sends it on to the provider (a page that goes there at once, with a link) with a cookie that binds the sign-in to it; {@code GET /sso/callback} is where the provider
 * sends it back. The callback is the one GET that changes something (it signs in): the OpenID Connect code flow
 * returns by a redirect, and only the browser holding the sign-in's cookie, with its state, can finish it.
 */
final class SsoPages implements Router.Routes {
  /** Binds a sign-in under way to the browser that started it; sent only to {@code /sso}. */
  static final String COOKIE = "lh_sso";

  private final SsoService sso;
  private final AccountService accounts;
  private final Pages pages;
  private final boolean secureCookies;

  SsoPages(SsoService sso, AccountService accounts, Pages pages, boolean secureCookies) {
    this.sso = sso;
    this.accounts = accounts;
    this.pages = pages;
    this.secureCookies = secureCookies;
  }

  @Override
  public void register(Router r) {
    r.post("/sso/start", Access.ANYONE, this::start);
    r.get(SsoService.CALLBACK_PATH, Access.ANYONE, this::callback);
  }

  private void start(Context ctx) {
    SsoService.Started started;
    try {
      started = sso.start(ctx.formParam("next"));
    } catch (SsoFailure f) {
      failed(ctx, f.kind().status, f.kind().heading, f.detail());
      return;
    }
    Cookie cookie = new Cookie(COOKIE, started.browserKey());
    cookie.setHttpOnly(true);
    cookie.setPath("/sso");
    cookie.setSameSite(SameSite.LAX); // sent on the provider's redirect back, a top-level GET
    cookie.setSecure(secureCookies);
    cookie.setMaxAge((int) SsoService.ATTEMPT_LIFETIME.toSeconds());
    ctx.cookie(cookie);
    // Not a redirect: the pages' Content-Security-Policy (form-action 'self') keeps a form's redirect on this site, and
    // widening it for every page to the provider is not worth it. A page that goes on by itself (no script) does.
    pages.render(ctx, "sso/going.jte", Map.of("to", started.authorizationUri().toString(), "provider", sso.providerName()));
  }

  private void callback(Context ctx) {
    String browserKey = ctx.cookie(COOKIE);
    ctx.removeCookie(COOKIE, "/sso"); // used once, whatever happens
    SsoService.Answer answer = new SsoService.Answer(ctx.queryParam("code"), ctx.queryParam("state"), ctx.queryParam("error"),
        ctx.queryParam("error_description"), ctx.queryParam("iss"));
    SsoService.SignedIn done;
    try {
      done = sso.finish(browserKey, answer);
    } catch (SsoFailure f) {
      failed(ctx, f.kind().status, f.kind().heading, f.detail());
      return;
    } catch (Problem p) {
      if (p.status() >= 500) throw p;
      failed(ctx, p.status(), "Your account cannot be made", p.detail());
      return;
    }
    AccountPages.startSession(ctx, accounts, secureCookies, done.accountId());
    Pages.seeOther(ctx, done.landing());
  }

  private void failed(Context ctx, int status, String heading, String detail) {
    ctx.status(status);
    pages.render(ctx, "sso/failed.jte", Map.of("heading", heading, "detail", detail, "provider", sso.providerName()));
  }
}
