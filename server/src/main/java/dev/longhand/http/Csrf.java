package dev.longhand.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * CSRF protection for forms, by double submit: each browser gets a random token in a cookie, and
 * every unsafe request that a browser can send cross-site (a form post) must repeat it in the
 * {@code _csrf} field or the {@code X-CSRF-Token} header (a multipart form: the header or the {@code _csrf}
 * query parameter, so its body is never read before the check). JSON requests cannot be sent cross-site
 * without a CORS preflight (which this server never grants), and bearer-token requests carry no
 * ambient authority, so those two need no token. Raw bodies a form cannot send as JSON (WebVTT captions, uploads)
 * need the token like a form when they come with the session cookie. The token changes at sign-in and sign-up
 * ({@link #rotate}), so one planted before signing in is worth nothing after.
 */
public final class Csrf {
  static final String COOKIE = "lh_csrf";
  private static final String ATTRIBUTE = "longhand.csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Csrf() {}

  /** The browser's token, minting one (and its cookie) on first sight. */
  public static String token(Context ctx) {
    String existing = ctx.attribute(ATTRIBUTE);
    if (existing != null) return existing;
    String token = ctx.cookie(COOKIE);
    if (token == null || token.length() != 43) return rotate(ctx);
    ctx.attribute(ATTRIBUTE, token);
    return token;
  }

  /** A new token for this browser (and its cookie), replacing any it had: at sign-in and sign-up. */
  public static String rotate(Context ctx) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Cookie cookie = new Cookie(COOKIE, token);
    cookie.setHttpOnly(true);
    cookie.setPath("/");
    cookie.setSameSite(SameSite.LAX);
    cookie.setSecure(ctx.appData(WebServer.SECURE_COOKIES));
    ctx.cookie(cookie);
    ctx.attribute(ATTRIBUTE, token);
    return token;
  }

  /** A call with a bearer token and no session cookie: nothing a browser sends by itself. */
  static boolean bearerOnly(Context ctx) {
    String auth = ctx.header("Authorization");
    return auth != null && auth.startsWith("Bearer ") && ctx.cookie(WebServer.SESSION_COOKIE) == null;
  }

  static void check(Context ctx) {
    String method = ctx.method().name();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return;
    if (bearerOnly(ctx)) return;
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    if (type.startsWith("application/json")) return;
    String expected = ctx.cookie(COOKIE);
    String given = ctx.header("X-CSRF-Token");
    // Uploads stream their multipart body to disk in the handler, and reading a field here would store the whole
    // body first (for anyone, before any sign-in check): multipart forms carry the same token in the query string,
    // compared with the cookie just the same.
    if (given == null && type.startsWith("multipart/form-data")) given = ctx.queryParam("_csrf");
    if (given == null && type.startsWith("application/x-www-form-urlencoded")) {
      given = ctx.formParam("_csrf");
    }
    if (expected == null || given == null
        || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      throw Problem.csrf();
    }
  }
}
