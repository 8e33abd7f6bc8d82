package dev.longhand.bench.time;

import dev.longhand.time.AwayPeriod;
import dev.longhand.time.OverlapFinder;
import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * An overlap search for 50 people over 14 days, 30-minute minimum. {@code team=europe}: everyone in European zones,
 * so there are windows for all. {@code team=world}: zones from Honolulu to Auckland, so nobody-for-all and the
 * finder falls back to the largest groups, with who is outside each. A tenth of the people are away for a few days
 * and some have a holiday. The bar is a median under 1 ms. {@code withCalendars} also builds the 50 calendars, as a
 * request that loads schedules from the database would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OverlapBenchmark {
  private static final List<String> EUROPE = List.of("Europe/Lisbon", "Europe/London", "Europe/Berlin", "Europe/Paris",
      "Europe/Madrid", "Europe/Warsaw", "Europe/Athens", "Europe/Helsinki");
  private static final List<String> WORLD = List.of("Pacific/Honolulu", "America/Los_Angeles", "America/Denver",
      "America/New_York", "America/Sao_Paulo", "Europe/Lisbon", "Europe/Berlin", "Africa/Nairobi", "Asia/Kolkata",
      "Asia/Kathmandu", "Asia/Singapore", "Asia/Seoul", "Australia/Adelaide", "Pacific/Auckland");

  @Param({"europe", "world"})
  public String team;

  private List<OverlapFinder.Member> members;
  private List<Person> people;
  private final Instant from = Instant.parse("2026-11-30T00:00:00Z");
  private final Instant to = from.plus(Duration.ofDays(14));
  private final Duration minLength = Duration.ofMinutes(30);

  private record Person(String id, ZoneId zone, List<WorkingRange> week, List<AwayPeriod> away, List<LocalDate> holidays) {}

  @Setup
  public void setUp() {
    List<String> zones = team.equals("europe") ? EUROPE : WORLD;
    SplittableRandom random = new SplittableRandom(42);
    people = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ZoneId zone = ZoneId.of(zones.get(random.nextInt(zones.size())));
      int startHour = 8 + random.nextInt(3);
      List<WorkingRange> week = new ArrayList<>();
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d.getValue() > 5) continue;
        if (random.nextInt(4) == 0) { // a lunch break
          week.add(new WorkingRange(d, LocalTime.of(startHour, 0), LocalTime.of(12, 0)));
          week.add(new WorkingRange(d, LocalTime.of(13, 0), LocalTime.of(startHour + 9, 0)));
        } else {
          week.add(new WorkingRange(d, LocalTime.of(startHour, 0), LocalTime.of(startHour + 8, 0)));
        }
      }
      List<AwayPeriod> away = new ArrayList<>();
      if (i % 10 == 0) away.add(new AwayPeriod(LocalDate.of(2026, 12, 2 + random.nextInt(8)), LocalDate.of(2026, 12, 12), "away"));
      List<LocalDate> holidays = random.nextInt(5) == 0 ? List.of(LocalDate.of(2026, 12, 8)) : List.of();
      people.add(new Person("p" + i, zone, week, away, holidays));
    }
    members = people.stream().map(OverlapBenchmark::member).toList();
  }

  private static OverlapFinder.Member member(Person p) {
    return new OverlapFinder.Member(p.id(), WorkCalendar.of(p.zone(), p.week(), p.away(), p.holidays()));
  }

  @Benchmark
  public List<OverlapFinder.Window> find() {
    return OverlapFinder.find(members, from, to, minLength);
  }

  @Benchmark
  public List<OverlapFinder.Window> withCalendars() {
    return OverlapFinder.find(people.stream().map(OverlapBenchmark::member).toList(), from, to, minLength);
  }
}
