package dev.longhand.notify;

/** How much a notification may interrupt. */
public enum Level {
  /** Breaks through focus and off-hours, with a written reason; limited per sender. */
  URGENT,
  /** Meant for this person: a mention, an ask, a reply to their thread, an acknowledgement of their post. */
  DIRECT,
  /** Activity in spaces they follow: only ever in digests. */
  AMBIENT;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
