package dev.longhand.http;

import dev.longhand.store.Ids;
import io.javalin.http.Context;

/** Small helpers every handler uses: who is asking, which id the path names, how many it asks for. */
public final class Requests {
  static final String VIEWER = "longhand.viewer";

  private Requests() {}

  public static Viewer viewer(Context ctx) {
    Viewer v = viewerOrNull(ctx);
    if (v == null) throw Problem.unauthorized();
    return v;
  }

  public static Viewer viewerOrNull(Context ctx) {
    return ctx.attribute(VIEWER);
  }

  /** The id in a path parameter; anything that is not an id of ours is simply not found. */
  public static long pathId(Context ctx, String param, String what) {
    long id = Ids.parse(ctx.pathParam(param));
    if (id < 0) throw Problem.notFound(what);
    return id;
  }

  /** The {@code limit} query parameter, from 1 to {@code max}; {@code fallback} when absent. */
  public static int limit(Context ctx, int fallback, int max) {
    String raw = ctx.queryParam("limit");
    if (raw == null || raw.isBlank()) return fallback;
    try {
      int n = Integer.parseInt(raw.strip());
      if (n >= 1 && n <= max) return n;
    } catch (NumberFormatException ignored) {
      // answered below, naming the field
    }
    throw Problem.invalid("limit", "'limit' must be a whole number from 1 to " + max + ".");
  }

  /** Whether the request is over and recycled by Jetty (a live stream whose reader left): then it cannot be read or answered. */
  public static boolean gone(Context ctx) {
    try {
      ctx.req().getRequestURI();
      ctx.res().getStatus();
      return false;
    } catch (RuntimeException e) {
      return true;
    }
  }

  /** The client's address; from X-Forwarded-For only when the server is configured to trust its proxy. */
  public static String clientAddress(Context ctx) {
    String forwarded = ctx.header("X-Forwarded-For");
    if (forwarded != null && ctx.appData(WebServer.TRUST_PROXY)) {
      String first = forwarded.split(",")[0].strip();
      if (!first.isEmpty() && first.length() <= 64) return first;
    }
    return ctx.ip();
  }
}
