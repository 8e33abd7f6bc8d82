package dev.longhand.bench.time;

import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Working-time arithmetic on one core: a Monday-Friday 09:00-17:00 calendar, random start instants over 2026-2027
 * (working or not, weekends included). The bar is 1,000,000 "add 16 working hours" per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WorkingTimeBenchmark {
  private static final int STARTS = 1 << 12;
  private static final Duration SIXTEEN_HOURS = Duration.ofHours(16);
  private static final Duration A_WEEK = Duration.ofDays(7);

  @Param({"Asia/Seoul", "Europe/Lisbon"})
  public String zone;

  private WorkCalendar calendar;
  private final Instant[] starts = new Instant[STARTS];
  private int next;

  @Setup
  public void setUp() {
    List<WorkingRange> week = new ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.getValue() <= 5) week.add(new WorkingRange(d, LocalTime.of(9, 0), LocalTime.of(17, 0)));
    }
    calendar = WorkCalendar.of(ZoneId.of(zone), week, List.of(), List.of());
    SplittableRandom random = new SplittableRandom(20261201);
    long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2028-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < STARTS; i++) starts[i] = Instant.ofEpochSecond(random.nextLong(from, to));
  }

  private Instant nextStart() {
    next = (next + 1) & (STARTS - 1);
    return starts[next];
  }

  @Benchmark
  public Instant addSixteenWorkingHours() {
    return calendar.addWorking(nextStart(), SIXTEEN_HOURS);
  }

  @Benchmark
  public Duration workingTimeInTheNextWeek() {
    Instant from = nextStart();
    return calendar.workingBetween(from, from.plus(A_WEEK));
  }

  @Benchmark
  public boolean isWorking() {
    return calendar.isWorking(nextStart());
  }
}
