package dev.longhand.ops;

import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Viewer;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits per address, per account and per API token (token buckets, Bucket4j): sign-up, sign-in and password
 * reset requests per address, token creation per account, API reads and writes per token (or account, or address when anonymous). Over
 * a limit the answer is 429 problem+json with {@code Retry-After} in seconds. The limits let a 50-person office
 * behind one address sign up together; {@code LONGHAND_RATE_LIMITS} scales them or switches them off.
 *
 * <p>Buckets live in memory, at most {@link #MAX_BUCKETS}; idle ones (full again) are dropped when it fills.
 */
final class RateLimits {
  static final int MAX_BUCKETS = 100_000;

  /** One kind of limit: {@code capacity} requests at once, refilled at {@code capacity} per {@code period}. */
  record Limit(String name, long capacity, long refill, Duration period) {
    Limit scaled(double scale) {
      return new Limit(name, Math.max(1, Math.round(capacity * scale)), Math.max(1, Math.round(refill * scale)), period);
    }

    /** How long an unused bucket takes to fill up again: after that, forgetting it changes nothing. */
    Duration idle() {
      return period.multipliedBy(Math.max(1, (capacity + refill - 1) / refill));
    }
  }

  static final Limit SIGN_UP = new Limit("sign-up", 60, 60, Duration.ofHours(1));
  static final Limit SIGN_IN = new Limit("sign-in", 100, 100, Duration.ofMinutes(15));
  /** Asking for a password reset link, per address: as many as signing up, so the form cannot flood mailboxes. */
  static final Limit PASSWORD_RESET = new Limit("password reset", 60, 60, Duration.ofHours(1));
  static final Limit TOKENS = new Limit("token creation", 30, 30, Duration.ofHours(1));
  static final Limit WRITES = new Limit("writes", 300, 30, Duration.ofSeconds(1));
  static final Limit READS = new Limit("reads", 1000, 100, Duration.ofSeconds(1));

  private record Held(Bucket bucket, Limit limit, long[] lastUsed) {}

  private final double scale;
  private final Map<String, Held> buckets = new ConcurrentHashMap<>();

  RateLimits(double scale) {
    this.scale = scale;
  }

  /** Refuses the request with 429 when its bucket is empty; does nothing when limits are off. */
  void admit(Context ctx) {
    if (scale <= 0) return;
    limitFor(ctx).ifPresent(limit -> take(limit.scaled(scale), keyFor(ctx, limit), ctx));
  }

  private static Optional<Limit> limitFor(Context ctx) {
    String method = ctx.method().name();
    String path = ctx.path();
    if (method.equals("POST")) {
      switch (path) {
        case "/api/v1/accounts", "/signup" -> { return Optional.of(SIGN_UP); }
        case "/api/v1/tokens", "/login", "/sso/start" -> { return Optional.of(SIGN_IN); }
        case "/me/tokens" -> { return Optional.of(TOKENS); }
        case "/api/v1/password-resets", "/forgot-password" -> { return Optional.of(PASSWORD_RESET); }
        default -> { }
      }
    }
    if (!path.startsWith("/api/v1/")) return Optional.empty();
    return switch (method) {
      case "GET", "HEAD" -> Optional.of(READS);
      case "POST", "PUT", "PATCH", "DELETE" -> Optional.of(WRITES);
      default -> Optional.empty();
    };
  }

  /** Sign-up and sign-in count per address; the rest per API token, else per account, else per address. */
  private static String keyFor(Context ctx, Limit limit) {
    Viewer viewer = Requests.viewerOrNull(ctx);
    if (limit == SIGN_UP || limit == SIGN_IN || limit == PASSWORD_RESET || viewer == null) return limit.name() + "|address|" + Requests.clientAddress(ctx);
    if (viewer.bySession()) return limit.name() + "|account|" + viewer.accountId();
    String token = ctx.header("Authorization");
    return limit.name() + "|token|" + viewer.accountId() + "|" + (token == null ? 0 : token.hashCode());
  }

  private void take(Limit limit, String key, Context ctx) {
    long now = System.nanoTime();
    Held held = buckets.get(key);
    if (held == null) {
      if (buckets.size() >= MAX_BUCKETS) forgetIdle(now);
      held = buckets.computeIfAbsent(key, k -> new Held(bucket(limit), limit, new long[] {now}));
    }
    held.lastUsed()[0] = now;
    ConsumptionProbe probe = held.bucket().tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) return;
    long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    ctx.header("Retry-After", Long.toString(seconds));
    throw Problem.tooManyRequests("Too many requests (" + limit.name() + "). Try again in " + seconds + " seconds.");
  }

  private static Bucket bucket(Limit limit) {
    return Bucket.builder()
        .addLimit(b -> b.capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()))
        .build();
  }

  /** Drops buckets unused for longer than they take to fill up; if none is that old, the whole cache (a flood). */
  private synchronized void forgetIdle(long now) {
    if (buckets.size() < MAX_BUCKETS) return;
    for (Iterator<Held> it = buckets.values().iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (now - h.lastUsed()[0] > h.limit().idle().toNanos()) it.remove();
    }
    if (buckets.size() >= MAX_BUCKETS) buckets.clear();
  }

  /** Buckets held now; for tests. */
  int size() {
    return buckets.size();
  }
}
