package dev.longhand.account;

import dev.longhand.http.Access;
import dev.longhand.http.Csrf;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.http.Input;
import dev.longhand.http.Viewer;
import dev.longhand.http.WebServer;
import dev.longhand.time.LocalTimes;
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
  private final AccountRecovery recovery;
  private final Pages pages;
  private final boolean secureCookies;
  private final LocalTimes localTimes;
  private final AfterSignUp afterSignUp;
  /** The single sign-on provider's name for "Sign in with ...", or null without one. */
  private final String signInWith;

  public AccountPages(AccountService accounts, AccountRecovery recovery, Pages pages, boolean secureCookies, LocalTimes localTimes,
                      AfterSignUp afterSignUp) {
    this(accounts, recovery, pages, secureCookies, localTimes, afterSignUp, null);
  }

  /** With a "Sign in with {@code signInWith}" button on the sign-in and sign-up pages (null: none). */
  public AccountPages(AccountService accounts, AccountRecovery recovery, Pages pages, boolean secureCookies, LocalTimes localTimes,
                      AfterSignUp afterSignUp, String signInWith) {
    this.signInWith = signInWith;
    this.accounts = accounts;
    this.recovery = recovery;
    this.pages = pages;
    this.secureCookies = secureCookies;
    this.localTimes = localTimes;
    this.afterSignUp = afterSignUp;
  }

  @Override
  public void register(Router r) {
    r.get("/signup", Access.ANYONE, ctx -> pages.render(ctx, "account/signup.jte", signInModel(Map.of("next", next(ctx)))));
    r.post("/signup", Access.ANYONE, this::signUp);
    r.get("/login", Access.ANYONE, ctx -> pages.render(ctx, "account/login.jte", signInModel(Map.of("next", next(ctx)))));
    r.post("/login", Access.ANYONE, this::logIn);
    r.post("/logout", Access.ANYONE, this::logOut);
    r.get("/me", Access.SIGNED_IN, ctx -> showProfile(ctx, Map.of()));
    r.post("/me/tokens", Access.SIGNED_IN, this::createToken);
    r.post("/me/tokens/{id}/revoke", Access.SIGNED_IN, this::revokeToken);
    r.post("/me/tokens/revoke-all", Access.SIGNED_IN, this::revokeAllTokens);
    r.post("/me/name", Access.SIGNED_IN, this::rename);
    r.post("/me/password", Access.SIGNED_IN, this::changePassword);
    r.post("/me/sessions/end", Access.SIGNED_IN, this::signOutEverywhere);
    r.post("/me/email", Access.SIGNED_IN, this::changeEmail);
    r.post("/me/avatar", Access.SIGNED_IN, this::uploadAvatar);
    r.post("/me/avatar/remove", Access.SIGNED_IN, this::removeAvatar);
    r.get("/avatars/{accountId}", Access.SIGNED_IN, this::avatar);
    r.get("/email-changes/{token}", Access.ANYONE, this::showEmailChange);
    r.post("/email-changes/{token}", Access.ANYONE, this::confirmEmailChange);
    r.get("/forgot-password", Access.ANYONE, ctx -> pages.render(ctx, "account/forgot.jte", forgotModel(false, null, "")));
    r.post("/forgot-password", Access.ANYONE, this::requestReset);
    r.get("/password-resets/{token}", Access.ANYONE, this::showReset);
    r.post("/password-resets/{token}", Access.ANYONE, this::reset);
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
      pages.render(ctx, "account/signup.jte", signInModel(Map.of("error", p.detail(), "email", email, "name", name, "next", form(ctx, "next"))));
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
      pages.render(ctx, "account/login.jte", signInModel(Map.of("error", p.detail(), "email", email, "next", form(ctx, "next"))));
    }
  }

  private void logOut(Context ctx) {
    String token = ctx.cookie(WebServer.SESSION_COOKIE);
    if (token != null) accounts.endSession(token);
    ctx.removeCookie(WebServer.SESSION_COOKIE, "/");
    Pages.seeOther(ctx, "/login");
  }

  private void showProfile(Context ctx, Map<String, Object> extra) {
    long me = Requests.viewer(ctx).accountId();
    Account.WithSchedule account = accounts.account(me);
    Map<String, Object> model = new HashMap<>(extra);
    model.put("me", account);
    model.put("tokens", accounts.tokens(me));
    model.put("avatarUrl", accounts.avatarUrl(me));
    model.put("status", localTimes.of(List.of(me)).get(me));
    model.put("mailEnabled", recovery.mailEnabled());
    model.put("passwordsOn", accounts.passwordsOn());
    pages.render(ctx, "account/me.jte", model);
  }

  /** Shows the profile again with the refusal beside its form, keeping what was typed (never a password). */
  private void refused(Context ctx, Problem p, String form, Map<String, Object> kept) {
    if (p.status() >= 500) throw p;
    ctx.status(p.status());
    Map<String, Object> model = new HashMap<>(kept);
    model.put("error", new ProfileError(form, p.field().orElse(""), p.detail()));
    showProfile(ctx, model);
  }

  private void createToken(Context ctx) {
    String label = form(ctx, "label").strip();
    if (label.isEmpty() || label.length() > 100) throw Problem.invalid("label", "Give the token a label of at most 100 characters.");
    showProfile(ctx, Map.of("newToken", accounts.issueToken(Requests.viewer(ctx).accountId(), label).token()));
  }

  private void revokeToken(Context ctx) {
    accounts.revokeToken(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "token"));
    Pages.seeOther(ctx, "/me?notice=Token+revoked.");
  }

  private void revokeAllTokens(Context ctx) {
    int n = accounts.revokeAllTokens(Requests.viewer(ctx).accountId());
    Pages.seeOther(ctx, "/me?notice=" + enc(n == 1 ? "1 API token revoked." : n + " API tokens revoked.") + "#tokens");
  }

  private void rename(Context ctx) {
    String name = form(ctx, "name");
    try {
      accounts.rename(Requests.viewer(ctx).accountId(), Input.ofForm(ctx).text("name", 100));
      Pages.seeOther(ctx, "/me?notice=" + enc("Your name is now " + name.strip() + "."));
    } catch (Problem p) {
      refused(ctx, p, "name", Map.of("typedName", name));
    }
  }

  private void changePassword(Context ctx) {
    try {
      AccountService.PasswordChanged done = accounts.changePassword(Requests.viewer(ctx).accountId(), form(ctx, "currentPassword"),
          form(ctx, "newPassword"), ctx.cookie(WebServer.SESSION_COOKIE), Requests.clientAddress(ctx));
      showProfile(ctx, Map.of("passwordChanged", done));
    } catch (Problem p) {
      refused(ctx, p, "password", Map.of());
    }
  }

  private void signOutEverywhere(Context ctx) {
    accounts.endSessions(Requests.viewer(ctx).accountId(), null);
    ctx.removeCookie(WebServer.SESSION_COOKIE, "/");
    Pages.seeOther(ctx, "/login?notice=" + enc("You are signed out everywhere."));
  }

  private void changeEmail(Context ctx) {
    String email = form(ctx, "email");
    try {
      String sentTo = recovery.requestEmailChange(Requests.viewer(ctx).accountId(), email, form(ctx, "password"), Requests.clientAddress(ctx));
      Pages.seeOther(ctx, "/me?notice=" + enc("We sent a link to " + sentTo + ". Your email changes when you open it; until then, sign in as before."));
    } catch (Problem p) {
      refused(ctx, p, "email", Map.of("typedEmail", email));
    }
  }

  private void uploadAvatar(Context ctx) throws java.io.IOException {
    long me = Requests.viewer(ctx).accountId();
    try {
      if (ctx.req().getContentLengthLong() > Avatars.MAX_BYTES + 64 * 1024) {
        throw Problem.tooLarge("file", "A picture may be at most " + (Avatars.MAX_BYTES >> 20) + " MB.");
      }
      var file = ctx.uploadedFile("file");
      if (file == null) throw Problem.invalid("file", "Choose a picture to upload.");
      byte[] upload;
      try (var in = file.content()) {
        upload = in.readNBytes(Avatars.MAX_BYTES + 1);
      }
      accounts.setAvatar(me, upload);
      Pages.seeOther(ctx, "/me?notice=" + enc("Your picture is changed."));
    } catch (Problem p) {
      refused(ctx, p, "avatar", Map.of());
    }
  }

  private void removeAvatar(Context ctx) {
    accounts.removeAvatar(Requests.viewer(ctx).accountId());
    Pages.seeOther(ctx, "/me?notice=" + enc("Your picture is removed: your initials show instead."));
  }

  /**
   * Someone's picture, for people who share a workspace with them. Browsers keep it for five minutes and then ask
   * again with its ETag (304 when unchanged); one's own pages add the version to the address, so a new picture
   * shows there at once.
   */
  private void avatar(Context ctx) {
    long id = Requests.pathId(ctx, "accountId", "person");
    AccountService.AvatarImage image = accounts.avatar(Requests.viewer(ctx).accountId(), id);
    String etag = "\"" + image.version() + "\"";
    ctx.header("Cache-Control", "private, max-age=300");
    ctx.header("ETag", etag);
    ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(image.contentType()).result(image.bytes());
  }

  private void showEmailChange(Context ctx) {
    String token = ctx.pathParam("token");
    pages.render(ctx, "account/emailchange.jte", Map.of("token", token, "email", recovery.pendingEmail(token)));
  }

  private void confirmEmailChange(Context ctx) {
    Account a = recovery.confirmEmailChange(ctx.pathParam("token"));
    String notice = enc("Your email is now " + a.email() + ".");
    Viewer v = Requests.viewerOrNull(ctx);
    Pages.seeOther(ctx, v != null && v.accountId() == a.id() ? "/me?notice=" + notice : "/login?notice=" + notice);
  }

  private Map<String, Object> forgotModel(boolean sent, String error, String email) {
    Map<String, Object> model = new HashMap<>();
    model.put("sent", sent);
    model.put("email", email);
    model.put("mailEnabled", recovery.mailEnabled());
    model.put("passwordsOn", accounts.passwordsOn());
    if (error != null) model.put("error", error);
    return model;
  }

  private void requestReset(Context ctx) {
    String email = form(ctx, "email");
    try {
      recovery.requestReset(email);
      pages.render(ctx, "account/forgot.jte", forgotModel(true, null, email.strip()));
    } catch (Problem p) {
      if (p.status() >= 500) throw p;
      ctx.status(p.status());
      pages.render(ctx, "account/forgot.jte", forgotModel(false, p.detail(), email));
    }
  }

  private void showReset(Context ctx) {
    String token = ctx.pathParam("token");
    try {
      recovery.checkReset(token);
      pages.render(ctx, "account/reset.jte", Map.of("token", token));
    } catch (Problem p) {
      if (p.status() != 404) throw p;
      ctx.status(410); // gone: the page says why (the API answers 404, as for any unknown token)
      pages.render(ctx, "account/reset.jte", Map.of("token", "", "expired", true));
    }
  }

  private void reset(Context ctx) {
    String token = ctx.pathParam("token");
    try {
      recovery.resetPassword(token, form(ctx, "password"));
      ctx.removeCookie(WebServer.SESSION_COOKIE, "/");
      Pages.seeOther(ctx, "/login?notice=" + enc("Your password is changed. Sign in with it."));
    } catch (Problem p) {
      if (p.status() >= 500) throw p;
      ctx.status(p.status() == 404 ? 410 : p.status());
      pages.render(ctx, "account/reset.jte", p.status() == 404 ? Map.of("token", "", "expired", true) : Map.of("token", token, "error", p.detail()));
    }
  }

  /** A refusal on the profile page: which form, which field, and what to fix. */
  public record ProfileError(String form, String field, String detail) {}

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  private void startSession(Context ctx, long accountId) {
    startSession(ctx, accounts, secureCookies, accountId);
  }

  /**
   * Signs the browser in as the account: a new session and its cookie, and a new CSRF token, as signing in with a
   * password does (single sign-on ends the same way).
   */
  public static void startSession(Context ctx, AccountService accounts, boolean secureCookies, long accountId) {
    Cookie cookie = new Cookie(WebServer.SESSION_COOKIE, accounts.startSession(accountId));
    cookie.setHttpOnly(true);
    cookie.setPath("/");
    cookie.setSameSite(SameSite.LAX);
    cookie.setSecure(secureCookies);
    cookie.setMaxAge((int) AccountService.SESSION_LIFETIME.toSeconds());
    ctx.cookie(cookie);
    Csrf.rotate(ctx); // a token known before signing in (planted, or seen on a shared machine) is worth nothing after
  }

  /** The sign-in and sign-up pages' model: whether passwords work here, and the single sign-on button's name. */
  private Map<String, Object> signInModel(Map<String, Object> model) {
    Map<String, Object> all = new HashMap<>(model);
    all.put("passwordsOn", accounts.passwordsOn());
    if (signInWith != null) all.put("signInWith", signInWith);
    return all;
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
