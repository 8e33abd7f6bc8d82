package dev.longhand.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move by hand. Clocks made from it by {@link #withZone} share its time. */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;
  /** Told whenever the clock moves: a server's due work, so that what became due runs now, not at its next tick. */
  private final List<Runnable> moved;

  public TestClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC, new CopyOnWriteArrayList<>());
  }

  /** A clock at 2026-03-02T09:00:00Z, a Monday. */
  public TestClock() {
    this(Instant.parse("2026-03-02T09:00:00Z"));
  }

  private TestClock(AtomicReference<Instant> now, ZoneId zone, List<Runnable> moved) {
    this.now = now;
    this.zone = zone;
    this.moved = moved;
  }

  /** Runs {@code listener} each time the clock is advanced or set. */
  public void whenMoved(Runnable listener) {
    moved.add(listener);
  }

  public Instant advance(Duration by) {
    Instant at = now.updateAndGet(t -> t.plus(by));
    moved.forEach(Runnable::run);
    return at;
  }

  public void set(Instant instant) {
    now.set(instant);
    moved.forEach(Runnable::run);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new TestClock(now, zone, moved);
  }

  @Override
  public String toString() {
    return "TestClock[" + now.get() + "]";
  }
}
