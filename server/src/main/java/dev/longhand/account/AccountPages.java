package dev.longhand.account;

import dev.longhand.http.Access;
import dev.longhand.http.Csrf;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.http.WebServer;
import dev.longhand.time.WorkingRange;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Pages for signing up, in and out, and for one's own profile and API tokens (one's time is on {@code /me/time}). */
public final class AccountPages implements Router.Routes {
  private final AccountService accounts;
  private final Pages pages;
  private final boolean secureCookies;
  private final AfterSignUp afterSignUp;

  public AccountPages(AccountService accounts, Pages pages, boolean secureCookies) {
    this(accounts, pages, secureCookies, AfterSignUp.NOTHING);
  }

  public AccountPages(AccountService accounts, Pages pages, boolean secureCookies, AfterSignUp afterSignUp) {
    this.accounts = accounts;
    this.pages = pages;
    this.secureCookies = secureCookies;
    this.afterSignUp = afterSignUp;
  }

  @Override
  public void register(Router r) {
    r.get("/signup", Access.ANYONE, ctx -> pages.render(ctx, "account/signup.jte", Map.of("next", next(ctx))));
    r.post("/signup", Access.ANYONE, this::signUp);
    r.get("/login", Access.ANYONE, ctx -> pages.render(ctx, "account/login.jte", Map.of("next", next(ctx))));
    r.post("/login", Access.ANYONE, this::logIn);
    r.post("/logout", Access.ANYONE, this::logOut);
    r.get("/me", Access.SIGNED_IN, ctx -> showProfile(ctx, null));
    r.post("/me/tokens", Access.SIGNED_IN, this::createToken);
    r.post("/me/tokens/{id}/revoke", Access.SIGNED_IN, this::revokeToken);
  }

  private void signUp(Context ctx) {
    String email = form(ctx, "email");
    String name = form(ctx, "name");
    try {
      if (name.isBlank()) throw Problem.invalid("name", "Please give your name.");
      if (name.length() > 100) throw Problem.invalid("name", "Your name must be at most 100 characters.");
      String zone = ZoneId.getAvailableZoneIds().contains(form(ctx, "timeZone")) ? form(ctx, "timeZone") : "";
      Account a = accounts.signUp(new AccountService.SignUp(email, name.strip(), form(ctx, "password"), zone));
      startSession(ctx, a.id());
      Pages.seeOther(ctx, afterSignUp.landing(a.id(), NextPage.orElse(form(ctx, "next"), "/")));
    } catch (Problem p) {
      if (p.status() >= 500) throw p;
      ctx.status(p.status());
      pages.render(ctx, "account/signup.jte", Map.of("error", p.detail(), "email", email, "name", name, "next", form(ctx, "next")));
    }
  }

  private void logIn(Context ctx) {
    String email = form(ctx, "email");
    try {
      Account a = accounts.checkPassword(email, form(ctx, "password"), Requests.clientAddress(ctx));
      startSession(ctx, a.id());
      Pages.seeOther(ctx, NextPage.orElse(form(ctx, "next"), "/"));
    } catch (Problem p) {
      if (p.status() >= 500) throw p;
      ctx.status(p.status());
      pages.render(ctx, "account/login.jte", Map.of("error", p.detail(), "email", email, "next", form(ctx, "next")));
    }
  }

  private void logOut(Context ctx) {
    String token = ctx.cookie(WebServer.SESSION_COOKIE);
    if (token != null) accounts.endSession(token);
    ctx.removeCookie(WebServer.SESSION_COOKIE, "/");
    Pages.seeOther(ctx, "/login");
  }

  private void showProfile(Context ctx, String newToken) {
    long me = Requests.viewer(ctx).accountId();
    Account.WithSchedule account = accounts.account(me);
    Map<String, Object> model = new HashMap<>();
    model.put("me", account);
    model.put("tokens", accounts.tokens(me));
    if (newToken != null) model.put("newToken", newToken);
    pages.render(ctx, "account/me.jte", model);
  }

  private void createToken(Context ctx) {
    String label = form(ctx, "label").strip();
    if (label.isEmpty() || label.length() > 100) throw Problem.invalid("label", "Give the token a label of at most 100 characters.");
    showProfile(ctx, accounts.issueToken(Requests.viewer(ctx).accountId(), label).token());
  }

  private void revokeToken(Context ctx) {
    accounts.revokeToken(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "token"));
    Pages.seeOther(ctx, "/me?notice=Token+revoked.");
  }

  private void startSession(Context ctx, long accountId) {
    Cookie cookie = new Cookie(WebServer.SESSION_COOKIE, accounts.startSession(accountId));
    cookie.setHttpOnly(true);
    cookie.setPath("/");
    cookie.setSameSite(SameSite.LAX);
    cookie.setSecure(secureCookies);
    cookie.setMaxAge((int) AccountService.SESSION_LIFETIME.toSeconds());
    ctx.cookie(cookie);
    Csrf.rotate(ctx); // a token known before signing in (planted, or seen on a shared machine) is worth nothing after
  }

  private static String form(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null ? "" : v;
  }

  private static String next(Context ctx) {
    String n = ctx.queryParam("next");
    return n == null ? "" : n;
  }
}
