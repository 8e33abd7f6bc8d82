package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writes that arrive together are written together; a batch that throws is written again one by one. */
class BatchWriterTest {

  @Test
  void whatArrivesWhileABatchIsWritingGoesInTheNextBatchTogether() throws Exception {
    List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    BatchWriter<Integer, String> writer = new BatchWriter<>("test", 64, 1, items -> {
      batches.add(List.copyOf(items));
      if (items.contains(0)) {
        firstStarted.countDown();
        await(releaseFirst);
      }
      return items.stream().map(i -> "wrote " + i).toList();
    }, i -> { throw new AssertionError("no batch failed"); });
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> first = callers.submit(() -> writer.write(0));
      assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
      List<Future<String>> waiting = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        int item = i;
        waiting.add(callers.submit(() -> writer.write(item)));
      }
      // The taker holds the first of them, waiting for the one slot; the other four wait in the queue.
      while (writer.waiting() < 4) Thread.sleep(5);
      releaseFirst.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("wrote 0");
      for (int i = 0; i < 5; i++) assertThat(waiting.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("wrote " + (i + 1));
    } finally {
      writer.close();
    }
    assertThat(batches).hasSize(2);
    assertThat(batches.get(0)).containsExactly(0);
    assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
  }

  @Test
  void aBatchThatThrowsIsWrittenAgainOneByOneAndOnlyTheCulpritFails() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    List<Integer> alone = new CopyOnWriteArrayList<>();
    BatchWriter<Integer, Integer> writer = new BatchWriter<>("test", 64, 1, items -> {
      if (items.contains(0)) {
        firstStarted.countDown();
        await(releaseFirst);
      }
      if (items.contains(13)) throw new IllegalArgumentException("13 is refused");
      return items.stream().map(i -> i * 2).toList();
    }, i -> {
      alone.add(i);
      if (i == 13) throw new IllegalArgumentException("13 is refused");
      return i * 2;
    });
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Integer> first = callers.submit(() -> writer.write(0));
      assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
      Future<Integer> seven = callers.submit(() -> writer.write(7));
      Future<Integer> thirteen = callers.submit(() -> writer.write(13));
      while (writer.waiting() < 1) Thread.sleep(5);
      releaseFirst.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isZero();
      assertThat(seven.get(5, TimeUnit.SECONDS)).isEqualTo(14);
      assertThatThrownBy(() -> thirteen.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("13 is refused");
    } finally {
      writer.close();
    }
    assertThat(alone).containsExactlyInAnyOrder(7, 13);
  }

  @Test
  void aClosedWriterRefusesWrites() {
    BatchWriter<Integer, Integer> writer = new BatchWriter<>("test", 64, 1, items -> items, i -> i);
    assertThat(writer.write(3)).isEqualTo(3);
    writer.close();
    assertThatThrownBy(() -> writer.write(4)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closing");
  }

  /** Writers that keep writing while the writer closes are each answered: written, or refused; none waits forever. */
  @Test
  void writesUnderWayWhenTheWriterClosesAreWrittenOrRefusedAndNoneIsLeftWaiting() throws Exception {
    java.util.Set<Integer> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
    BatchWriter<Integer, Integer> writer = new BatchWriter<>("test", 64, 2, items -> {
      written.addAll(items);
      return items;
    }, i -> i);
    java.util.Set<Integer> told = java.util.concurrent.ConcurrentHashMap.newKeySet();
    CountDownLatch underWay = new CountDownLatch(2_000);
    List<Future<RuntimeException>> callers = new ArrayList<>();
    // Not closed by try-with-resources: closing waits for every caller, and one left waiting would hang the test.
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (int c = 0; c < 8; c++) {
        int first = c * 1_000_000;
        callers.add(pool.submit(() -> {
          for (int n = first; ; n++) {
            try {
              told.add(writer.write(n));
            } catch (RuntimeException refused) {
              return refused;
            }
            underWay.countDown();
          }
        }));
      }
      assertThat(underWay.await(30, TimeUnit.SECONDS)).isTrue();
      writer.close();
      for (Future<RuntimeException> caller : callers) {
        assertThat(caller.get(30, TimeUnit.SECONDS)).as("each caller is refused once closed").hasMessageContaining("closing");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(written).as("every write told it was written").containsAll(told);
  }

  /**
   * Issue 17: a write whose key (a reply's thread) the batch being written locks waits for the next batch, in its
   * order, rather than in the database; a write whose key is free goes meanwhile.
   */
  @Test
  void writesThatLockWhatTheBatchBeingWrittenLocksWaitForTheNextWhileOthersGo() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch firstWriting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BatchWriter<Integer, Integer> writer = new BatchWriter<>("test", 64, 2, i -> i % 10, items -> {
      events.add("start " + items);
      if (items.contains(1)) {
        firstWriting.countDown();
        await(release);
      }
      events.add("end " + items);
      return items;
    }, i -> i);
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Integer> one = callers.submit(() -> writer.write(1));
      await(firstWriting);
      Future<Integer> eleven = callers.submit(() -> writer.write(11));
      awaitTaken(writer);
      Future<Integer> twentyOne = callers.submit(() -> writer.write(21));
      awaitTaken(writer);
      Future<Integer> two = callers.submit(() -> writer.write(2));
      assertThat(two.get(5, TimeUnit.SECONDS)).as("a write whose key is free goes while 1 is written").isEqualTo(2);
      assertThat(eleven).isNotDone();
      release.countDown();
      assertThat(one.get(5, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(eleven.get(5, TimeUnit.SECONDS)).isEqualTo(11);
      assertThat(twentyOne.get(5, TimeUnit.SECONDS)).isEqualTo(21);
    } finally {
      writer.close();
    }
    assertThat(events).containsExactly("start [1]", "start [2]", "end [2]", "end [1]", "start [11, 21]", "end [11, 21]");
  }

  /** Waits until the writer's taker has taken every write queued (it holds those it cannot write yet). */
  private static void awaitTaken(BatchWriter<?, ?> writer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (writer.waiting() > 0) {
      if (System.nanoTime() > deadline) throw new AssertionError("the writer never took its writes");
      Thread.sleep(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(5, TimeUnit.SECONDS)) throw new AssertionError("never released");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
