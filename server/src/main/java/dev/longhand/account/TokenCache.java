package dev.longhand.account;

import dev.longhand.http.Viewer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * API tokens recently seen, by hash, for a few seconds: every API request names its token, and
 * looking it up in the database was one query per request. Only tokens that were valid are kept.
 *
 * <p>Whatever changes what a token stands for (revoking it, a new time zone on its account) calls
 * {@link #invalidate} once its write has committed; that empties the cache and turns away any
 * lookup that began before, so a revoked token is refused from the moment the revocation
 * returns, as without the cache. The time limit is only a safety net for writes that bypass this
 * class. With several nodes, {@code AccountService.tokensChanged} tells the others, whose caches forget theirs as they
 * hear it (milliseconds), or at the latest when the time limit runs out.
 */
final class TokenCache {
  static final long TTL_MILLIS = 5_000;
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(Viewer viewer, long expiresAt) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private long generation;

  /** The viewer for this token hash, from the cache or else from {@code lookup} (which may be empty). */
  Optional<Viewer> get(String tokenHash, long now, Supplier<Optional<Viewer>> lookup) {
    Entry e = entries.get(tokenHash);
    if (e != null && e.expiresAt() > now) return Optional.of(e.viewer());
    long seen;
    synchronized (this) {
      seen = generation;
    }
    Optional<Viewer> found = lookup.get();
    if (found.isPresent()) {
      synchronized (this) {
        // Keep it only if nothing was invalidated while we looked: that lookup may predate the change.
        if (generation == seen) {
          if (entries.size() >= MAX_ENTRIES) entries.clear();
          entries.put(tokenHash, new Entry(found.get(), now + TTL_MILLIS));
        }
      }
    }
    return found;
  }

  /** Forgets every token: called after a write that changes what some token stands for has committed. */
  synchronized void invalidate() {
    generation++;
    entries.clear();
  }
}
