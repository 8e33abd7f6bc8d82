package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InListTest {
  @Test
  void padsToAPowerOfTwoWithTheLastValueAndKeepsTheValuesAndTheirOrder() {
    assertThat(InList.of(List.<Long>of())).isEmpty();
    assertThat(InList.of(List.of(7L))).containsExactly(7L);
    assertThat(InList.of(List.of(1L, 2L))).containsExactly(1L, 2L);
    assertThat(InList.of(List.of(1L, 2L, 3L))).containsExactly(1L, 2L, 3L, 3L);
    assertThat(InList.of(List.of(1L, 2L, 3L, 4L, 5L))).containsExactly(1L, 2L, 3L, 4L, 5L, 5L, 5L, 5L);
    assertThat(InList.of(List.of("a", "b", "c"))).containsExactly("a", "b", "c", "c");
  }

  @Test
  void everyLengthUpToAThousandBecomesOneOfElevenLengths() {
    Set<Integer> lengths = new HashSet<>();
    for (int n = 1; n <= 1000; n++) {
      List<Long> values = LongStream.rangeClosed(1, n).boxed().toList();
      List<Long> padded = InList.of(values);
      assertThat(new HashSet<>(padded)).isEqualTo(new HashSet<>(values));
      assertThat(padded.size()).isGreaterThanOrEqualTo(n).isLessThan(2 * n + 1);
      lengths.add(padded.size());
    }
    assertThat(lengths).containsExactlyInAnyOrder(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024);
  }
}
