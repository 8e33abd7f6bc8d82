package dev.longhand.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the server is watched and bounded: who may read its metrics, how hard the rate limits bite, how long the
 * outbox keeps events that every consumer has passed.
 *
 * @param metricsToken    the Bearer token that opens {@code /metrics} to callers other than loopback; empty: loopback only
 * @param rateLimitScale  every rate limit multiplied by this; 0 switches them off (benchmarks and imports only)
 * @param outboxRetention how long an event every durable consumer has passed stays in the outbox
 */
public record Operations(Optional<String> metricsToken, double rateLimitScale, Duration outboxRetention) {
  public static final Duration DEFAULT_OUTBOX_RETENTION = Duration.ofDays(7);
  public static final Operations DEFAULTS = new Operations(Optional.empty(), 1, DEFAULT_OUTBOX_RETENTION);

  public Operations {
    metricsToken = metricsToken.map(String::strip).filter(s -> !s.isEmpty());
    if (!(rateLimitScale >= 0) || Double.isInfinite(rateLimitScale)) throw new IllegalArgumentException("rate limit scale must be 0 or more");
  }

  public boolean rateLimited() {
    return rateLimitScale > 0;
  }

  public Operations withRateLimitScale(double scale) {
    return new Operations(metricsToken, scale, outboxRetention);
  }

  public Operations withMetricsToken(String token) {
    return new Operations(Optional.ofNullable(token), rateLimitScale, outboxRetention);
  }

  public Operations withOutboxRetention(Duration retention) {
    return new Operations(metricsToken, rateLimitScale, retention);
  }

  static Operations fromEnvironment(Map<String, String> env) {
    String format = env.getOrDefault("LONGHAND_LOG_FORMAT", "text").strip().toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("LONGHAND_LOG_FORMAT must be text or json, not '" + format + "'");
    }
    return new Operations(Optional.ofNullable(env.get("LONGHAND_METRICS_TOKEN")),
        rateLimitScale(env.getOrDefault("LONGHAND_RATE_LIMITS", "on")),
        duration(env.getOrDefault("LONGHAND_OUTBOX_RETENTION", "7d"), "LONGHAND_OUTBOX_RETENTION"));
  }

  /** {@code on} (1), {@code off} (0), or a multiplier such as {@code 2} or {@code 0.5}. */
  static double rateLimitScale(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("on")) return 1;
    if (v.equals("off")) return 0;
    try {
      double scale = Double.parseDouble(v);
      if (scale > 0 && scale <= 1_000_000) return scale;
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException("LONGHAND_RATE_LIMITS must be on, off or a multiplier such as 2, not '" + value + "'");
  }

  /** A duration such as {@code 7d}, {@code 12h}, {@code 30m} or {@code 45s}. */
  static Duration duration(String value, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d{1,9})\\s*([dhms])\\s*").matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) throw new IllegalArgumentException(name + " must be a duration such as 7d, 12h, 30m or 45s, not '" + value + "'");
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
