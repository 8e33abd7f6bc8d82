package dev.longhand.bench.signal;

import dev.longhand.signal.Signal;
import dev.longhand.signal.SignalComputer;
import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the {@code signals} consumer computes for each reply (at most once per thread per batch): all six signals of
 * a thread of {@code posts} posts (the rules read the last 100), written by Ana (Lisbon), Bo (Seoul) and Cy (Denver)
 * a few minutes apart, with some heated words, questions, ideas and a crisis word among ordinary sentences. The
 * database reads around it (the posts, asks and calendars, one row written) are not included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SignalBenchmark {
  private static final String[] SENTENCES = {
      "I pushed the new copy to the staging page.", "Can you check the numbers in the second table?",
      "This is ridiculous, we agreed on two lines.", "What if we split the page in two?",
      "The checkout is down again for some users.", "Looks good to me, ship it.",
      "You never read the research!!", "Any ideas for the headline?", "Let me write down what we decided.",
      "Here is the link: https://example.com/pricing and the `PRICE_TABLE` constant.", "Fine, draft it and I will review.",
      "How about a table with three plans?"};

  @Param({"10", "50", "100"})
  public int posts;

  private Signal.Snapshot snapshot;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    Instant at = Instant.parse("2026-12-07T09:00:00Z");
    List<Signal.Post> list = new ArrayList<>();
    String[] names = {"Ana", "Bo", "Cy"};
    for (int i = 0; i < posts; i++) {
      int author = random.nextInt(3);
      StringBuilder body = new StringBuilder();
      int sentences = 1 + random.nextInt(4);
      for (int s = 0; s < sentences; s++) body.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
      list.add(new Signal.Post(1000 + i, author + 1, names[author], at.toEpochMilli(), body.toString().strip()));
      at = at.plus(Duration.ofMinutes(1 + random.nextInt(30)));
    }
    Map<Long, WorkCalendar> calendars = Map.of(1L, calendar("Europe/Lisbon", 9, 17), 2L, calendar("Asia/Seoul", 10, 19),
        3L, calendar("America/Denver", 8, 16));
    snapshot = new Signal.Snapshot(1000, 1, list, List.of(new Signal.OpenAsk(1, 1001, "Bo", at.minus(Duration.ofHours(1)).toEpochMilli())),
        false, calendars, at);
  }

  @Benchmark
  public List<Signal> compute() {
    return SignalComputer.compute(snapshot);
  }

  private static WorkCalendar calendar(String zone, int start, int end) {
    List<WorkingRange> week = new ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.getValue() <= 5) week.add(new WorkingRange(d, LocalTime.of(start, 0), LocalTime.of(end, 0)));
    }
    return WorkCalendar.of(ZoneId.of(zone), week, List.of(), List.of());
  }
}
