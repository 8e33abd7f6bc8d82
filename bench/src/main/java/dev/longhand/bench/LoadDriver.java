package dev.longhand.bench;

import dev.longhand.Longhand;
import dev.longhand.bench.ApiClient.ApiException;
import dev.longhand.bench.BenchDatabase.Kind;
import dev.longhand.config.Config;
import dev.longhand.config.Operations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longhand bench}: for each database, the raw durable-insert baseline, then a real Longhand
 * server in this JVM driven through its REST API by concurrent clients. Prints the figures and
 * writes them to {@code bench/results/<timestamp>-load.md}. Exits 1 if any database could not be
 * measured or any request failed.
 */
@Command(name = "longhand bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measure replies/s and inbox latency through the API, next to raw durable inserts.")
public final class LoadDriver implements Callable<Integer> {
  enum Target {
    SQLITE, POSTGRESQL, BOTH;

    /** The databases to measure, SQLite first. */
    List<Kind> kinds() {
      return this == BOTH ? List.of(Kind.SQLITE, Kind.POSTGRESQL) : List.of(Kind.valueOf(name()));
    }
  }

  @Option(names = "--db", defaultValue = "both", description = "sqlite, postgresql or both (default: ${DEFAULT-VALUE})")
  Target db;

  @Option(names = "--clients", defaultValue = "8", description = "concurrent API clients, one account each; also the baseline's threads (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--threads", defaultValue = "100", description = "threads the replies go into (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--seed-threads", defaultValue = "10000", description = "threads seeded before measuring (default: ${DEFAULT-VALUE})")
  int seedThreads;

  @Option(names = "--seed-budget", defaultValue = "2m", converter = DurationConverter.class,
      description = "how long to seed through the API before filling the rest with SQL (default: ${DEFAULT-VALUE})")
  Duration seedBudget;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "measured time per database, e.g. 30s or 2m (default: ${DEFAULT-VALUE})")
  Duration duration;

  /** A minute: 15 s into the load the JIT compilers still took 29% of this 2-core machine's CPU, after 60 s 6%. */
  @Option(names = "--warmup", defaultValue = "60s", converter = DurationConverter.class,
      description = "unmeasured load before measuring, so that the JIT has compiled the hot code (default: ${DEFAULT-VALUE})")
  Duration warmup;

  @Option(names = "--ceiling", defaultValue = "5s", converter = DurationConverter.class,
      description = "time for the GET /health ceiling (no database work); 0s skips it (default: ${DEFAULT-VALUE})")
  Duration ceiling;

  @Option(names = "--baseline-duration", converter = DurationConverter.class,
      description = "time for each raw baseline (default: the same as --duration)")
  Duration baselineDuration;

  @Option(names = "--inbox-every", defaultValue = "10", description = "each client reads its inbox every Nth request; 0 never (default: ${DEFAULT-VALUE})")
  int inboxEvery;

  @Option(names = "--rate", defaultValue = "0",
      description = "requests a second from all clients together, at even intervals; 0 sends them back to back (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--hiccups", description = "note how late a platform and a virtual thread wake from 1 ms sleeps while measuring")
  boolean hiccups;

  @Option(names = "--long-thread", defaultValue = "5000",
      description = "replies of the one long thread whose reads are measured after the load; 0 skips it (default: ${DEFAULT-VALUE})")
  int longThread;

  @Option(names = "--skip-baseline", description = "skip the raw JDBC and pgbench baselines")
  boolean skipBaseline;

  @Option(names = "--skip-load", description = "skip the API load (baselines only)")
  boolean skipLoad;

  @Option(names = "--results-dir", defaultValue = "bench/results", description = "where the report goes (default: ${DEFAULT-VALUE})")
  Path resultsDir;

  /** Resident memory at each stage, for the report. */
  private final List<String> memory = new ArrayList<>();

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new LoadDriver()).setCaseInsensitiveEnumValuesAllowed(true);
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws IOException {
    if (clients < 1 || threads < 1 || seedThreads < threads || inboxEvery < 0 || rate < 0 || duration.isZero()) {
      System.err.println("bench: need --clients >= 1, --threads >= 1, --seed-threads >= --threads, --inbox-every >= 0, --rate >= 0, --duration > 0");
      return 2;
    }
    if (baselineDuration == null) baselineDuration = duration;
    String loadBefore = loadAverage();
    List<Report.DbResult> results = new ArrayList<>();
    for (Kind kind : db.kinds()) {
      results.add(measure(kind));
    }
    Map<String, Object> run = runInfo();
    memory.add("peak " + Memory.peakResidentMb() + " MiB resident (VmHWM, server and driver in one JVM, heap limit "
        + Memory.maxHeapMb() + " MiB)");
    run.put("memory", String.join("; ", memory));
    run.put("loadAverage", "before " + loadBefore + ", after " + loadAverage() + " (1-minute; above the CPU count means other work competed)");
    String markdown = Report.markdown("Longhand load benchmark", run, results);
    System.out.println();
    System.out.println(markdown);
    Files.createDirectories(resultsDir);
    Path file = resultsDir.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-load.md");
    Files.writeString(file, markdown + "\n```json\n" + Report.json(run, results) + "\n```\n");
    System.out.println("Written to " + file);
    boolean failed = !skipLoad && results.stream().anyMatch(Report.DbResult::failed);
    if (failed) System.err.println("bench: FAILED: a database was not measured or requests failed; see the notes and errors above.");
    return failed ? 1 : 0;
  }

  private Report.DbResult measure(Kind kind) {
    List<String> notes = new ArrayList<>();
    Throughput jdbc = null;
    Throughput pgbench = null;
    Throughput httpCeiling = null;
    LoadRun.Seeded seeded = null;
    LoadRun.Measured load = null;
    LongThread.Result longRead = null;
    String label = kind == Kind.SQLITE ? "sqlite" : "postgresql";
    try (BenchDatabase target = BenchDatabase.create(kind)) {
      if (!skipBaseline) {
        say(label, "raw JDBC inserts for " + seconds(baselineDuration));
        try {
          jdbc = kind == Kind.SQLITE
              ? DurableInsertBaseline.sqlite(target.baselineUrl(), clients, baselineDuration)
              : DurableInsertBaseline.postgresql(target.baselineUrl(), clients, baselineDuration);
        } catch (java.sql.SQLException e) {
          notes.add("JDBC baseline failed: " + e.getMessage());
        }
        if (kind == Kind.POSTGRESQL) pgbench = pgbench(target, notes);
      }
      if (!skipLoad) {
        Config config = new Config(0, target.dataDir(), target.serverUrl(), "", "127.0.0.1", false)
            .withOperations(Operations.DEFAULTS.withRateLimitScale(0)); // LONGHAND_RATE_LIMITS=off: a load test, not a flood
        try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
          String base = "http://127.0.0.1:" + server.port();
          memory.add(label + ": " + Memory.residentMb() + " MiB resident after the server started");
          say(label, "server at " + base + "; signing up " + (clients + 1) + " accounts");
          LoadRun.Team team = LoadRun.setUp(base, clients);
          say(label, "seeding " + seedThreads + " threads");
          seeded = LoadRun.seed(team, server.database(), seedThreads, threads, seedBudget);
          say(label, String.format("seeded %d through the API and %d with SQL in %.1f s", seeded.viaApi(), seeded.viaSql(), seeded.seconds()));
          if (seeded.viaSql() > 0) notes.add(seeded.viaSql() + " seed threads were inserted with SQL (the API seed ran out of its budget)");
          if (!ceiling.isZero()) {
            say(label, "GET /health ceiling for " + seconds(ceiling));
            httpCeiling = LoadRun.ceiling(team, ceiling);
          }
          if (!warmup.isZero()) {
            say(label, "warming up for " + seconds(warmup));
            LoadRun.run(team, seeded.hot(), warmup, inboxEvery, rate);
          }
          say(label, "measuring for " + seconds(duration));
          try (Hiccups late = hiccups ? new Hiccups() : null) {
            load = LoadRun.run(team, seeded.hot(), duration, inboxEvery, rate);
            if (late != null) notes.add(late.summary());
          }
          load.errorSamples().forEach(s -> notes.add("error: " + s));
          memory.add(label + ": " + Memory.residentMb() + " MiB resident after the measurement");
          if (longThread > 0) {
            say(label, "one thread of " + longThread + " replies: its first page and the whole of it, read in pages");
            longRead = LongThread.run(team, server, longThread, 200, 10);
          }
        } catch (ApiException e) {
          notes.add("load not measured: " + e.getMessage());
        }
      }
    } catch (Exception e) {
      notes.add("failed: " + e);
    }
    notes.forEach(n -> say(label, n));
    return new Report.DbResult(label, jdbc, pgbench, seeded, httpCeiling, load, notes, longRead);
  }

  private Throughput pgbench(BenchDatabase target, List<String> notes) {
    try {
      Optional<Path> tool = Pgbench.find();
      if (tool.isEmpty()) {
        notes.add("pgbench not found on PATH or under /usr/lib/postgresql; its baseline is missing");
        return null;
      }
      say("postgresql", "pgbench one-insert script for " + seconds(baselineDuration));
      return Pgbench.run(tool.get(), target.pgName(), clients, Math.min(2, clients), baselineDuration);
    } catch (IOException e) {
      notes.add("pgbench failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      notes.add("pgbench interrupted");
    }
    return null;
  }

  private Map<String, Object> runInfo() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("date", LocalDateTime.now().withNano(0).toString());
    run.put("commit", gitCommit());
    run.put("cpus", Runtime.getRuntime().availableProcessors());
    run.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    run.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    run.put("clients", clients);
    run.put("threads", threads);
    run.put("seedThreads", seedThreads);
    run.put("duration", seconds(duration));
    run.put("warmup", seconds(warmup));
    run.put("baselineDuration", skipBaseline ? "skipped" : seconds(baselineDuration));
    run.put("inboxEvery", inboxEvery);
    if (rate > 0) run.put("rate", rate + " requests/s from all clients together, at even intervals (latency from when each was due)");
    run.put("loadGenerator", "in the same JVM and on the same machine as the server, over loopback");
    return run;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static void say(String db, String what) {
    System.err.println("bench [" + db + "] " + what);
  }

  /** Durations as people write them: 500ms, 30s, 2m, 1h, or ISO-8601 (PT30S). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      Matcher m = SIMPLE.matcher(value.trim());
      if (!m.matches()) return Duration.parse(value.trim());
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
  }
}
