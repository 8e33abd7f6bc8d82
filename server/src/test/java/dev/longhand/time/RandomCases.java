package dev.longhand.time;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a property over many random cases. Each case has its own seed, printed when it fails; rerun one with
 * {@code -Dlonghand.seed=<seed> -Dlonghand.tries=1}. {@code -Dlonghand.tries=N} runs more (or fewer) cases.
 */
final class RandomCases {
  private RandomCases() {}

  private static final Long ONE_SEED = Long.getLong("longhand.seed");
  private static final Integer TRIES = Integer.getInteger("longhand.tries");

  static <T> void check(int tries, Function<Random, T> generate, Consumer<T> property) {
    Random seeds = new Random(20261201L);
    int n = TRIES != null ? TRIES : tries;
    for (int i = 0; i < n; i++) {
      long seed = ONE_SEED != null ? ONE_SEED : seeds.nextLong();
      T value = generate.apply(new Random(seed));
      try {
        property.accept(value);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("case " + i + " failed (-Dlonghand.seed=" + seed + ")\n  for " + value + "\n  " + e.getMessage(), e);
      }
    }
  }
}
