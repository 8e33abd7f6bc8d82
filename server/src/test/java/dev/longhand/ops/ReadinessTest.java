package dev.longhand.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.store.OutboxDispatcher.Lag;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which consumers' lag takes a node out of its load balancer: only those that run on it for what it serves (the
 * search index), a minute behind; never the once-per-cluster ones, whose lag every node shares.
 */
class ReadinessTest {
  private static final long NOW = 1_000_000_000L;

  @Test
  void aNodesOwnConsumerAMinuteBehindMakesItUnready() {
    assertThat(Readiness.lagging(List.of(new Lag("search@abc", true, true, 12, NOW - 61_000)), NOW))
        .containsExactly("outbox consumer search@abc: 61 s behind");
    assertThat(Readiness.lagging(List.of(new Lag("search@abc", true, true, 50_000, NOW - 5_000)), NOW))
        .as("many events behind but keeping up").isEmpty();
  }

  @Test
  void aClusterConsumerBehindNeverMakesANodeUnready() {
    assertThat(Readiness.lagging(List.of(new Lag("signals", true, false, 40_000, NOW - 600_000)), NOW)).isEmpty();
    assertThat(Readiness.lagging(List.of(new Lag("thread-live", false, true, 40_000, NOW - 600_000)), NOW))
        .as("live consumers are not durable: a restart starts them at the tip").isEmpty();
  }
}
