package dev.longhand.bench;

import dev.longhand.Longhand;
import dev.longhand.bench.BenchDatabase.Kind;
import dev.longhand.config.Config;
import dev.longhand.config.Operations;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 17's live bar: 10,000 server-sent-event streams open on one node, and each reply reaching every stream that
 * follows its thread with p99 under 1 s, memory within the budget. The server runs here, with the launcher's heap;
 * the streams are held by a second process ({@link LiveListeners}), so that this process's resident memory is the
 * server's (and a small posting client's). A reply's delay is from just before its POST was sent to the moment a
 * stream read its event, both on this machine's clock.
 */
@Command(name = "longhand bench live", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Server-sent event streams held open while replies are posted: delivery delay and memory.")
public final class LiveBench implements Callable<Integer> {
  static final double BAR_DELIVERY_P99_MS = 1000;
  static final long BAR_PEAK_MB = 600;

  @Option(names = "--db", defaultValue = "sqlite", description = "sqlite, postgresql or both (default: ${DEFAULT-VALUE})")
  LoadDriver.Target db;

  @Option(names = "--streams", defaultValue = "10000", description = "streams held open (default: ${DEFAULT-VALUE})")
  int streams;

  @Option(names = "--threads", defaultValue = "100", description = "threads they follow, the same number each (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--people", defaultValue = "20", description = "people whose tokens open the streams (default: ${DEFAULT-VALUE})")
  int people;

  @Option(names = "--replies", defaultValue = "300", description = "replies posted while the streams are open (default: ${DEFAULT-VALUE})")
  int replies;

  @Option(names = "--rate", defaultValue = "20", description = "replies per second (default: ${DEFAULT-VALUE})")
  int rate;

  record Result(String db, int open, int refused, int openAtEnd, long rssWithStreamsMb, long expected, long heard, Histogram delayMicros,
                long peakMb) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new LiveBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (streams < 1 || threads < 1 || people < 2 || replies < 1 || rate < 1) {
      System.err.println("bench live: need positive --streams, --threads, --replies, --rate and --people >= 2");
      return 2;
    }
    String loadBefore = LoadDriver.loadAverage();
    List<Result> results = new ArrayList<>();
    for (Kind kind : db.kinds()) {
      results.add(measure(kind));
    }
    String report = markdown(results, loadBefore, LoadDriver.loadAverage());
    Report.save("live", report);
    return results.stream().allMatch(r -> r.open() == streams && r.heard() == r.expected()) ? 0 : 1;
  }

  private Result measure(Kind kind) throws Exception {
    String label = kind == Kind.SQLITE ? "sqlite" : "postgresql";
    try (BenchDatabase target = BenchDatabase.create(kind)) {
      Config config = new Config(0, target.dataDir(), target.serverUrl(), "", "127.0.0.1", false)
          .withOperations(Operations.DEFAULTS.withRateLimitScale(0));
      try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
        String base = "http://127.0.0.1:" + server.port();
        say(label, "signing up " + people + " people and starting " + threads + " threads");
        LoadRun.Team team = LoadRun.setUp(base, people - 1);
        List<String> threadIds = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          threadIds.add(team.members().get(i % team.members().size()).call("POST", "/api/v1/spaces/" + team.spaceId() + "/threads",
              Map.of("title", "Live thread " + i, "body", "Followed by " + streams / threads + " open pages.")).path("id").asText());
        }
        Map<String, Integer> followers = new HashMap<>();
        Process listeners = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
            "-cp", System.getProperty("java.class.path"), LiveListeners.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (PrintWriter to = new PrintWriter(listeners.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader from = new BufferedReader(new InputStreamReader(listeners.getInputStream(), StandardCharsets.UTF_8))) {
          to.println(base);
          for (int i = 0; i < streams; i++) {
            String thread = threadIds.get(i % threads);
            followers.merge(thread, 1, Integer::sum);
            to.println(team.members().get(i % team.members().size()).token() + " " + thread);
          }
          to.println();
          say(label, "opening " + streams + " streams");
          String[] ready = from.readLine().split(" ");
          int open = Integer.parseInt(ready[1]);
          int refused = Integer.parseInt(ready[2]);
          System.gc();
          long rss = Memory.residentMb();
          say(label, open + " streams open (" + refused + " refused), " + rss + " MiB resident; posting " + replies + " replies at " + rate + "/s");
          Map<Long, Long> sentAt = new HashMap<>();
          Map<Long, String> threadOf = new HashMap<>();
          long start = System.nanoTime();
          for (int i = 0; i < replies; i++) {
            long due = start + TimeUnit.SECONDS.toNanos(1) * i / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            String thread = threadIds.get(i % threads);
            long sent = LiveListeners.micros();
            long id = Long.parseLong(team.members().get(i % team.members().size())
                .call("POST", "/api/v1/threads/" + thread + "/replies", Map.of("body", "Live reply " + i)).path("id").asText());
            sentAt.put(id, sent);
            threadOf.put(id, thread);
          }
          Thread.sleep(3000); // the last replies' events, and any straggler
          to.println("stop");
          Histogram delay = new Histogram(3_600_000_000L, 3);
          long heard = 0;
          int openAtEnd = -1;
          for (String line = from.readLine(); line != null; line = from.readLine()) {
            if (line.startsWith("done ")) {
              openAtEnd = Integer.parseInt(line.substring(5).strip());
              break;
            }
            String[] f = line.split(" ");
            Long sent = sentAt.get(Long.parseLong(f[1]));
            if (sent == null) continue;
            heard++;
            delay.recordValue(Math.max(0, Math.min(Long.parseLong(f[3]) - sent, delay.getHighestTrackableValue())));
          }
          long expected = threadOf.values().stream().mapToLong(t -> followers.getOrDefault(t, 0)).sum();
          listeners.waitFor(30, TimeUnit.SECONDS);
          return new Result(label, open, refused, openAtEnd, rss, expected, heard, delay, Memory.peakResidentMb());
        } finally {
          listeners.destroyForcibly();
        }
      }
    }
  }

  private String markdown(List<Result> results, String loadBefore, String loadAfter) {
    StringBuilder out = new StringBuilder("# Longhand live benchmark (" + streams + " streams on " + threads + " threads)\n\n");
    out.append("- date: ").append(LocalDateTime.now().withNano(0)).append('\n');
    out.append("- commit: ").append(LoadDriver.gitCommit()).append('\n');
    out.append("- cpus: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
    out.append("- java: ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append('\n');
    out.append("- heap limit: ").append(Memory.maxHeapMb()).append(" MiB (the launcher's; the streams are held by another process)\n");
    out.append("- replies: ").append(replies).append(" at ").append(rate).append("/s, ").append(people).append(" people\n");
    out.append("- loadAverage: before ").append(loadBefore).append(", after ").append(loadAfter).append('\n');
    out.append("\n| db | streams open | refused or failed | still open at the end | resident with streams open | peak resident | deliveries heard / expected | delay p50 | p99 | max |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Result r : results) {
      out.append(String.format("| %s | %d | %d | %d | %d MiB | %d MiB | %d / %d | %s | %s | %s |%n", r.db(), r.open(), r.refused(), r.openAtEnd(),
          r.rssWithStreamsMb(), r.peakMb(), r.heard(), r.expected(), Throughput.millis(r.delayMicros(), 50),
          Throughput.millis(r.delayMicros(), 99), Throughput.millis(r.delayMicros(), 100)));
    }
    out.append("\n## Against issue 17's bars\n\n");
    for (Result r : results) {
      List<String> misses = new ArrayList<>();
      if (r.open() < streams) misses.add(r.open() + " of " + streams + " streams open");
      if (r.openAtEnd() < r.open()) misses.add((r.open() - r.openAtEnd()) + " streams closed before the end");
      if (r.heard() < r.expected()) misses.add((r.expected() - r.heard()) + " deliveries missing");
      double p99 = r.delayMicros().getTotalCount() == 0 ? Double.NaN : r.delayMicros().getValueAtPercentile(99) / 1000.0;
      if (!(p99 < BAR_DELIVERY_P99_MS)) misses.add(String.format("delay p99 %.0f ms >= %.0f", p99, BAR_DELIVERY_P99_MS));
      if (r.peakMb() >= BAR_PEAK_MB) misses.add("peak resident " + r.peakMb() + " MiB >= " + BAR_PEAK_MB);
      out.append("- ").append(r.db()).append(": ").append(misses.isEmpty() ? "meets the bars" : "misses: " + String.join(", ", misses)).append('\n');
    }
    return out.toString();
  }

  private static void say(String db, String what) {
    System.err.println("bench live [" + db + "] " + what);
  }
}
