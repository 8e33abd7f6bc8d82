package dev.longhand.ops;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id and writes one line for it once answered: method, route template, status, time and
 * request id. The id is an incoming {@code X-Request-Id} when it is short and plain, otherwise a new one; it is
 * answered in {@code X-Request-Id} and put in the logging context ({@code requestId}), so every line logged while the
 * request runs carries it. Lines name the route template ({@code /api/v1/threads/{id}}), never the path or its query
 * string, so ids, tokens and search words stay out of the log.
 */
final class RequestLog {
  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "requestId";
  /** Unmatched requests share one route label, so unknown paths never become labels. */
  static final String NOT_FOUND = "NOT_FOUND";
  private static final String STARTED = "longhand.requestStarted";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

  private final ServerMetrics metrics;

  /** One request attribute for both: each costs a map write in the servlet request. */
  private record Started(String id, long nanos) {}

  RequestLog(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  void started(Context ctx) {
    String given = ctx.header(HEADER);
    String id = given != null && SAFE_ID.matcher(given).matches() ? given : newId();
    ctx.attribute(STARTED, new Started(id, System.nanoTime()));
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
  }

  void finished(Context ctx, float millis) {
    Started started = ctx.attribute(STARTED);
    long nanos = started == null ? (long) (millis * 1_000_000) : System.nanoTime() - started.nanos();
    String route = routeOf(ctx);
    String method = ctx.method().name();
    int status = ctx.statusCode();
    metrics.request(method, route, status, nanos);
    if (!log.isInfoEnabled()) { // the line is skipped, so is formatting it (LONGHAND_REQUEST_LOG=WARN)
      MDC.remove(MDC_KEY);
      return;
    }
    if (started != null) MDC.put(MDC_KEY, started.id());
    try {
      log.atInfo().addKeyValue("method", method).addKeyValue("route", route).addKeyValue("status", status)
          .addKeyValue("ms", nanos / 1_000_000.0)
          .log("{} {} {} {} ms", method, route, status, String.format(java.util.Locale.ROOT, "%.1f", nanos / 1_000_000.0));
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /** The route template the request matched; static files under their folder; anything else {@value #NOT_FOUND}. */
  static String routeOf(Context ctx) {
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    if (matched != null) return matched.path;
    String path = ctx.path();
    if (ctx.statusCode() < 400) {
      if (path.startsWith("/static/")) return "/static/**";
      if (path.startsWith("/webjars/")) return "/webjars/**";
    }
    return NOT_FOUND;
  }

  /** Unique enough to find a request's lines; not a secret. */
  private static String newId() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
