package dev.longhand.bench;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * How late a thread that asks to wake every millisecond wakes, as jHiccup measures a JVM's stalls: one on a platform
 * thread (the operating system's scheduler, the collector's pauses) and one on a virtual thread (those, and also the
 * carrier threads being held by other virtual threads, which are not preempted: a request waits the same way).
 * Off unless asked for ({@code --hiccups}): its two thousand wake-ups a second are CPU the measured phase would share.
 */
final class Hiccups implements AutoCloseable {
  private final Histogram platform = Throughput.newHistogram();
  private final Histogram virtual = Throughput.newHistogram();
  private volatile boolean running = true;
  private final Thread onPlatform = Thread.ofPlatform().daemon().name("hiccups-platform").start(() -> measure(platform));
  private final Thread onVirtual = Thread.ofVirtual().name("hiccups-virtual").start(() -> measure(virtual));

  private void measure(Histogram late) {
    while (running) {
      long t0 = System.nanoTime();
      LockSupport.parkNanos(1_000_000);
      long overMicros = Math.max(0, (System.nanoTime() - t0 - 1_000_000) / 1000);
      late.recordValue(Math.min(overMicros, late.getHighestTrackableValue())); // read only after the thread has ended
    }
  }

  /** Stops measuring; a line for the report: how late each woke, p99 and the worst. */
  String summary() throws InterruptedException {
    close();
    return "woken late during the measurement (1 ms sleeps): a platform thread p99 " + Throughput.millis(platform, 99)
        + ", worst " + Throughput.millis(platform, 100) + "; a virtual thread p99 " + Throughput.millis(virtual, 99)
        + ", worst " + Throughput.millis(virtual, 100);
  }

  @Override
  public void close() throws InterruptedException { // twice is harmless: the threads have ended
    running = false;
    onPlatform.join();
    onVirtual.join();
  }
}
