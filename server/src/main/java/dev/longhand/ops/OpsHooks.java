package dev.longhand.ops;

import dev.longhand.http.RequestHooks;
import io.javalin.http.Context;

/** The operations side of every request: its id and log line, its timing, and the rate limits. */
public final class OpsHooks implements RequestHooks {
  private final RequestLog requestLog;
  private final RateLimits rateLimits;

  /** {@code rateLimitScale} multiplies every limit; 0 switches them off. */
  public OpsHooks(ServerMetrics metrics, double rateLimitScale) {
    this.requestLog = new RequestLog(metrics);
    this.rateLimits = new RateLimits(rateLimitScale);
  }

  @Override
  public void started(Context ctx) {
    requestLog.started(ctx);
  }

  @Override
  public void admit(Context ctx) {
    rateLimits.admit(ctx);
  }

  @Override
  public void finished(Context ctx, float millis) {
    requestLog.finished(ctx, millis);
  }
}
