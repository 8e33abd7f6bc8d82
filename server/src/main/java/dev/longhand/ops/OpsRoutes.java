package dev.longhand.ops;

import dev.longhand.http.Access;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.http.WebServer;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * What a supervisor and a monitoring system ask: {@code /metrics} (Prometheus), {@code /health/live} (the process
 * answers) and {@code /health/ready} (the database answers and the outbox consumers keep up). None is part of the
 * API, none uses a session, none may be cached.
 *
 * <p>{@code /metrics} answers callers on loopback; others only with {@code LONGHAND_METRICS_TOKEN} as a Bearer token.
 * Loopback is the socket's address, or the forwarded one only when the server trusts its proxy (a proxy on the same
 * machine would otherwise make every caller look local).
 */
public final class OpsRoutes implements Router.Routes {
  private final ServerMetrics metrics;
  private final Readiness readiness;
  private final Optional<String> metricsToken;
  private final boolean trustProxy;

  public OpsRoutes(ServerMetrics metrics, Readiness readiness, Optional<String> metricsToken, boolean trustProxy) {
    this.metrics = metrics;
    this.readiness = readiness;
    this.metricsToken = metricsToken;
    this.trustProxy = trustProxy;
  }

  @Override
  public void register(Router r) {
    r.get(WebServer.METRICS_PATH, Access.ANYONE, this::metrics);
    r.get("/health/live", Access.ANYONE, ctx -> noStore(ctx).json(Health.OK));
    r.get("/health/ready", Access.ANYONE, this::ready);
  }

  private void metrics(Context ctx) {
    if (!isLoopback(trustProxy ? Requests.clientAddress(ctx) : ctx.req().getRemoteAddr())) checkToken(ctx);
    noStore(ctx).contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape());
  }

  private void checkToken(Context ctx) {
    if (metricsToken.isEmpty()) {
      throw Problem.forbidden("Metrics are answered on loopback only; set LONGHAND_METRICS_TOKEN to read them from elsewhere.");
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) throw Problem.unauthorized();
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, metricsToken.get().getBytes(StandardCharsets.UTF_8))) {
      throw Problem.forbidden("That is not the metrics token.");
    }
  }

  private void ready(Context ctx) {
    List<String> failing = readiness.failing();
    Health body = failing.isEmpty() ? new Health("ready", null) : new Health("not ready", failing);
    noStore(ctx).status(failing.isEmpty() ? 200 : 503).json(body);
  }

  private static Context noStore(Context ctx) {
    return ctx.header("Cache-Control", "no-store");
  }

  static boolean isLoopback(String address) {
    if (address == null) return false;
    String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    return a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || a.startsWith("::ffff:127.");
  }
}
