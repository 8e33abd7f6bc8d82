package dev.longhand.bench.sync;

import dev.longhand.sync.SyncSlots;
import dev.longhand.time.FairRotation;
import dev.longhand.time.Interval;
import dev.longhand.time.OverlapFinder;
import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Slot ranking for a sync session of 10 people (zones from Honolulu to Auckland, so no slot suits everyone) over the
 * next 14 days, 30 minutes long, with 50 past sessions among them. {@code rank} is what the slots request computes
 * once the history is read (one grouped SQL sum of the minutes each bore): the candidates every half hour, fair
 * rotation's leximin ranking and the eight offered slots with who is outside their hours. {@code rankFromSessions}
 * also measures the 50 past sessions' burden from the sessions themselves ({@code FairRotation.burden}), as a server
 * that kept no per-person minutes would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SlotRankingBenchmark {
  private static final List<String> WORLD = List.of("Pacific/Honolulu", "America/Los_Angeles", "America/Denver",
      "America/New_York", "Europe/Lisbon", "Europe/Berlin", "Asia/Kolkata", "Asia/Seoul", "Australia/Adelaide",
      "Pacific/Auckland");

  private final Instant from = Instant.parse("2026-11-30T08:00:00Z");
  private final Instant to = from.plus(Duration.ofDays(14));
  private final Duration length = Duration.ofMinutes(30);
  private Map<Long, WorkCalendar> calendars;
  private List<Long> people;
  private List<OverlapFinder.Member> members;
  private List<FairRotation.PastSession> history;
  private Map<Long, Long> pastMinutes;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    calendars = new HashMap<>();
    people = new ArrayList<>();
    members = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long id = 1000 + i;
      int startHour = 8 + random.nextInt(3);
      List<WorkingRange> week = new ArrayList<>();
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d.getValue() <= 5) week.add(new WorkingRange(d, LocalTime.of(startHour, 0), LocalTime.of(startHour + 8, 0)));
      }
      WorkCalendar c = WorkCalendar.of(ZoneId.of(WORLD.get(i)), week, List.of(), List.of());
      calendars.put(id, c);
      people.add(id);
      members.add(new OverlapFinder.Member(String.valueOf(id), c));
    }
    // 50 past sessions over the previous ten weeks, each at a random half hour on a weekday, with 3 to 10 of them.
    history = new ArrayList<>();
    Instant past = from.minus(Duration.ofDays(70));
    for (int s = 0; s < 50; s++) {
      Instant start = past.plus(Duration.ofMinutes(30L * random.nextInt(70 * 48)));
      List<String> who = new ArrayList<>();
      for (OverlapFinder.Member m : members) if (who.size() < 3 || random.nextInt(3) > 0) who.add(m.id());
      history.add(new FairRotation.PastSession(new Interval(start, start.plus(length)), who));
    }
    pastMinutes = new HashMap<>();
    FairRotation.burden(history, members).forEach((id, m) -> pastMinutes.put(Long.parseLong(id), m));
  }

  @Benchmark
  public List<SyncSlots.Slot> rank() {
    return SyncSlots.rank(calendars, people, pastMinutes, from, to, length, SyncSlots.OFFERED);
  }

  @Benchmark
  public List<SyncSlots.Slot> rankFromSessions() {
    Map<Long, Long> burden = new HashMap<>();
    FairRotation.burden(history, members).forEach((id, m) -> burden.put(Long.parseLong(id), m));
    return SyncSlots.rank(calendars, people, burden, from, to, length, SyncSlots.OFFERED);
  }
}
