package dev.longhand.store;

import java.time.Clock;

/**
 * Time-ordered 64-bit ids made by the application, so they are portable across databases and
 * shards: 41 bits of milliseconds since 2025-01-01, 10 bits of node, 12 bits of sequence.
 * Ids from one node are strictly increasing.
 */
public final class Ids {
  private static final long EPOCH = 1735689600000L; // 2025-01-01T00:00:00Z
  private static final int NODE_BITS = 10;
  private static final int SEQUENCE_BITS = 12;
  private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

  private final Clock clock;
  private final long node;
  private final Runnable guard;
  private long lastMillis = -1;
  private long sequence;

  public Ids(Clock clock, int node) {
    this(clock, node, () -> {});
  }

  /** Ids as {@code node} that first run {@code guard}, which throws when they may no longer be made (a lost lease). */
  public Ids(Clock clock, int node, Runnable guard) {
    if (node < 0 || node >= (1 << NODE_BITS)) throw new IllegalArgumentException("node must be 0..1023");
    this.clock = clock;
    this.node = node;
    this.guard = guard;
  }

  public synchronized long next() {
    guard.run();
    long now = Math.max(clock.millis() - EPOCH, lastMillis);
    if (now == lastMillis) {
      sequence = (sequence + 1) & MAX_SEQUENCE;
      if (sequence == 0) now = lastMillis + 1; // borrow the next millisecond rather than spin
    } else {
      sequence = 0;
    }
    lastMillis = now;
    return (now << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
  }

  /** The smallest id that could have been made at {@code epochMillis}; for time-window scans. */
  public static long lowestAt(long epochMillis) {
    return Math.max(0, epochMillis - EPOCH) << (NODE_BITS + SEQUENCE_BITS);
  }

  /** The instant (epoch milliseconds) at which {@code id} was made, to the millisecond. */
  public static long millisOf(long id) {
    return (id >>> (NODE_BITS + SEQUENCE_BITS)) + EPOCH;
  }

  /** Parses an id from its string form, or returns -1 when it is not one of ours. */
  public static long parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 19) return -1;
    for (int i = 0; i < text.length(); i++) if (!Character.isDigit(text.charAt(i))) return -1;
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
