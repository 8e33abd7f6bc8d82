package dev.longhand.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.http.Viewer;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private static final Viewer ANA = new Viewer(1, "Ana", "ana", "ana@example.test", ZoneOffset.UTC, false);

  @Test
  void aValidTokenIsLookedUpOnceWithinItsTime() {
    TokenCache cache = new TokenCache();
    AtomicInteger lookups = new AtomicInteger();
    assertThat(cache.get("h", 0, () -> { lookups.incrementAndGet(); return Optional.of(ANA); })).contains(ANA);
    assertThat(cache.get("h", 1_000, () -> { lookups.incrementAndGet(); return Optional.of(ANA); })).contains(ANA);
    assertThat(lookups).hasValue(1);
    cache.get("h", TokenCache.TTL_MILLIS + 1, () -> { lookups.incrementAndGet(); return Optional.of(ANA); });
    assertThat(lookups).hasValue(2);
  }

  @Test
  void unknownTokensAreNotKept() {
    TokenCache cache = new TokenCache();
    assertThat(cache.get("h", 0, Optional::empty)).isEmpty();
    assertThat(cache.get("h", 1, () -> Optional.of(ANA))).contains(ANA);
  }

  @Test
  void invalidatingForgetsTokensAndALookupThatBeganBefore() {
    TokenCache cache = new TokenCache();
    cache.get("h", 0, () -> Optional.of(ANA));
    cache.invalidate();
    assertThat(cache.get("h", 1, Optional::empty)).as("revoked: asks the database again").isEmpty();

    // A lookup that read the database before a revocation committed must not be cached after it.
    assertThat(cache.get("g", 2, () -> {
      cache.invalidate();
      return Optional.of(ANA);
    })).contains(ANA);
    assertThat(cache.get("g", 3, Optional::empty)).isEmpty();
  }
}
