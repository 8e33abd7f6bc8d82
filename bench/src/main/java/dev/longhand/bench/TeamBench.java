package dev.longhand.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.longhand.Longhand;
import dev.longhand.bench.BenchDatabase.Kind;
import dev.longhand.config.Config;
import dev.longhand.config.Operations;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longhand bench team}: a real team's shape. One workspace whose one space has {@code --members} people
 * (50), so every reply reaches 49 inboxes; the same phases as the side-by-side run against Matrix Synapse that
 * issue 17 quotes: one client posting alone, 8 clients into one thread, 8 clients into 8 threads, reading a
 * 5,000-reply thread in pages, 30 searches, and everyone's inbox. Next to the raw durable-insert baseline and
 * pgbench in the same run. CPU per reply is the process's (server and driver share it) and PostgreSQL's.
 *
 * <p>With {@code --db both}, each database's run is a JVM of its own, started with this one's flags, as a server runs
 * on one database: run one after the other in one JVM, the second server's resident memory stood on what the first
 * had left (484 and 494 MiB each alone, 642 together). Each run writes its result to a file that this one reports.
 */
@Command(name = "longhand bench team", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Posting, reading and searching in a 50-member space, next to raw inserts and pgbench.")
public final class TeamBench implements Callable<Integer> {
  /** Issue 17's bars for 8 clients into 8 threads, one client alone, a first page and a search. */
  static final double BAR_SQLITE_REPLIES = 2000;
  static final double BAR_POSTGRESQL_REPLIES = 1500;
  static final double BAR_SHARE_OF_PGBENCH = 0.15;
  static final double BAR_REPLY_P99_MS = 50;
  static final double BAR_CPU_PER_REPLY_MS = 0.8;
  static final double BAR_ALONE_CPU_PER_REPLY_MS = 2;
  static final double BAR_FIRST_PAGE_P50_MS = 15;
  static final double BAR_SEARCH_P99_MS = 30;
  static final long BAR_PEAK_RESIDENT_MB = 600;

  /** The command line as given, for the runs of each database. */
  private static String[] given = new String[0];

  @Option(names = "--db", defaultValue = "both", description = "sqlite, postgresql or both (default: ${DEFAULT-VALUE})")
  LoadDriver.Target db;

  @Option(names = "--members", defaultValue = "50", description = "people in the workspace and its space, the owner included (default: ${DEFAULT-VALUE})")
  int members;

  @Option(names = "--clients", defaultValue = "8", description = "posting clients in the busy phases; also the baselines' (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--phase", defaultValue = "20s", converter = LoadDriver.DurationConverter.class,
      description = "measured time of each posting phase (default: ${DEFAULT-VALUE})")
  Duration phase;

  @Option(names = "--warmup", defaultValue = "30s", converter = LoadDriver.DurationConverter.class,
      description = "unmeasured posting before the phases, for the JIT (default: ${DEFAULT-VALUE})")
  Duration warmup;

  @Option(names = "--baseline-duration", defaultValue = "20s", converter = LoadDriver.DurationConverter.class,
      description = "time for each raw baseline (default: ${DEFAULT-VALUE})")
  Duration baselineDuration;

  @Option(names = "--skip-baseline", description = "skip the raw JDBC and pgbench baselines")
  boolean skipBaseline;

  @Option(names = "--long-thread", defaultValue = "5000", description = "replies of the thread read back in pages; 0 skips it (default: ${DEFAULT-VALUE})")
  int longThread;

  @Option(names = "--searches", defaultValue = "30", description = "searches, of a fixed mix of queries (default: ${DEFAULT-VALUE})")
  int searches;

  @Option(names = "--inbox-reads", defaultValue = "4", description = "inbox reads per member (default: ${DEFAULT-VALUE})")
  int inboxReads;

  @Option(names = "--result-to", hidden = true, description = "one database's run in a JVM of its own: where its result goes")
  Path resultTo;

  /** The search mix: frequent words, a phrase, a prefix, a rare word, one that matches nothing. */
  static final List<String> QUERIES = List.of("rollout plan", "\"rollout plan\"", "ship everyone", "roll*", "client 3",
      "reply 42", "launch", "note", "nothingmatchesthis", "good");

  record Phase(String name, long replies, double seconds, Histogram micros, long errors, double cpuMs, double databaseCpuMs)
      implements Serializable {
    double perSecond() {
      return seconds > 0 ? replies / seconds : 0;
    }

    double cpuPerReply() {
      return replies > 0 ? cpuMs / replies : 0;
    }

    double databaseCpuPerReply() {
      return replies > 0 ? databaseCpuMs / replies : 0;
    }
  }

  /** One database's run; {@code peakResidentMb}: its JVM's largest resident set (VmHWM). */
  record Result(String db, Throughput jdbc, Throughput pgbench, List<Phase> phases, LongThread.Result longThread,
                Histogram search, Histogram inbox, List<String> notes, long peakResidentMb) implements Serializable {}

  public static void main(String[] args) {
    given = args.clone();
    System.exit(new CommandLine(new TeamBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (members < 2 || clients < 1 || clients >= members) {
      System.err.println("bench team: need --members >= 2 and 1 <= --clients < --members");
      return 2;
    }
    String loadBefore = LoadDriver.loadAverage();
    if (resultTo != null) {
      Result r = measure(db.kinds().getFirst());
      try (var out = new ObjectOutputStream(Files.newOutputStream(resultTo))) {
        out.writeObject(r);
      }
      return 0;
    }
    List<Result> results = new ArrayList<>();
    for (Kind kind : db.kinds()) {
      results.add(db.kinds().size() == 1 ? measure(kind) : inItsOwnJvm(kind));
    }
    String report = markdown(results, loadBefore, LoadDriver.loadAverage());
    Report.save("team", report);
    boolean failed = results.stream().anyMatch(r -> r.phases().size() < 3 || r.phases().stream().anyMatch(p -> p.errors() > 0));
    return failed ? 1 : 0;
  }

  /**
   * Runs one database's part in a JVM of its own, with this one's flags and class path and the same options, and
   * reads its result back; its progress goes to this one's output.
   */
  private static Result inItsOwnJvm(Kind kind) throws Exception {
    Path file = Files.createTempFile("longhand-team-", ".result");
    try {
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), TeamBench.class.getName()));
      for (int i = 0; i < given.length; i++) {
        if (given[i].equals("--db")) i++; // the database is this run's
        else if (!given[i].startsWith("--db=")) command.add(given[i]);
      }
      command.addAll(List.of("--db", kind.name().toLowerCase(), "--result-to", file.toString()));
      Process run = new ProcessBuilder(command).inheritIO().start();
      if (run.waitFor() != 0) throw new IllegalStateException("the " + kind + " run ended with " + run.exitValue());
      try (var in = new ObjectInputStream(Files.newInputStream(file))) {
        return (Result) in.readObject();
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private Result measure(Kind kind) {
    String label = kind == Kind.SQLITE ? "sqlite" : "postgresql";
    List<String> notes = new ArrayList<>();
    Throughput jdbc = null;
    Throughput pgbench = null;
    List<Phase> phases = new ArrayList<>();
    LongThread.Result longRead = null;
    Histogram search = Throughput.newHistogram();
    Histogram inbox = Throughput.newHistogram();
    Map<String, List<String>> byQuery = new LinkedHashMap<>();
    try (BenchDatabase target = BenchDatabase.create(kind)) {
      if (!skipBaseline) {
        say(label, "raw JDBC inserts for " + LoadDriver.seconds(baselineDuration));
        target.checkpoint();
        jdbc = kind == Kind.SQLITE
            ? DurableInsertBaseline.sqlite(target.baselineUrl(), clients, baselineDuration)
            : DurableInsertBaseline.postgresql(target.baselineUrl(), clients, baselineDuration);
        if (kind == Kind.POSTGRESQL) {
          var tool = Pgbench.find();
          target.checkpoint();
          if (tool.isPresent()) pgbench = Pgbench.run(tool.get(), target.pgName(), clients, Math.min(2, clients), baselineDuration);
          else notes.add("pgbench not found; its baseline is missing");
        }
      }
      Config config = new Config(0, target.dataDir(), target.serverUrl(), "", "127.0.0.1", false)
          .withOperations(Operations.DEFAULTS.withRateLimitScale(0));
      try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
        String base = "http://127.0.0.1:" + server.port();
        say(label, "signing up " + members + " people into one space");
        LoadRun.Team everyone = LoadRun.setUp(base, members - 1);
        LoadRun.Team posters = subset(everyone, clients);
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          threads.add(posters.members().get(i).call("POST", "/api/v1/spaces/" + everyone.spaceId() + "/threads",
              Map.of("title", "Team thread " + i, "body", "Where the team talks about part " + i + " of the launch.")).path("id").asText());
        }
        say(label, "warming up for " + LoadDriver.seconds(warmup));
        LoadRun.run(posters, threads, warmup, 0);
        boolean postgres = kind == Kind.POSTGRESQL;
        phases.add(phase(target, label, "1 client, one thread", subset(everyone, 1), threads.subList(0, 1), postgres));
        phases.add(phase(target, label, clients + " clients, one thread", posters, threads.subList(0, 1), postgres));
        phases.add(phase(target, label, clients + " clients, " + clients + " threads", posters, threads, postgres));
        if (longThread > 0) {
          say(label, "one thread of " + longThread + " replies, read back in pages");
          longRead = LongThread.run(posters, server, longThread, 200, 10);
        }
        say(label, searches + " searches");
        server.dispatcher().awaitIdle(120, java.util.concurrent.TimeUnit.SECONDS); // everything posted is indexed
        ApiClient searcher = everyone.members().getLast();
        for (String query : QUERIES) { // once each, unmeasured: a server's first searches ran 2-8 times slower (JIT, caches)
          searcher.call("GET", "/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), null);
        }
        for (int i = 0; i < searches; i++) {
          String query = QUERIES.get(i % QUERIES.size());
          String q = URLEncoder.encode(query, StandardCharsets.UTF_8);
          long micros = timed(search, () -> searcher.call("GET", "/api/v1/search?q=" + q, null));
          byQuery.computeIfAbsent(query, k -> new ArrayList<>()).add(String.format("%.1f", micros / 1000.0));
        }
        notes.add("searches in ms, each query in order: " + byQuery);
        say(label, "every member's inbox, " + inboxReads + " times");
        for (int round = 0; round < inboxReads; round++) {
          for (ApiClient member : everyone.members()) timed(inbox, () -> member.call("GET", "/api/v1/inbox", null));
        }
      }
    } catch (Exception e) {
      notes.add("failed: " + e);
    }
    notes.forEach(n -> say(label, n));
    return new Result(label, jdbc, pgbench, phases, longRead, search, inbox, notes, Memory.peakResidentMb());
  }

  /** A measured posting phase, started right after a checkpoint (see {@link BenchDatabase#checkpoint}). */
  private Phase phase(BenchDatabase target, String label, String name, LoadRun.Team posters, List<String> threads,
                      boolean postgres) throws Exception {
    say(label, name + " for " + LoadDriver.seconds(phase));
    target.checkpoint();
    long cpu0 = DatabaseCpu.processNanos();
    long db0 = postgres ? DatabaseCpu.postgresNanos() : 0;
    LoadRun.Measured m = LoadRun.run(posters, threads, phase, 0);
    long cpu = DatabaseCpu.processNanos() - cpu0;
    long dbCpu = postgres ? DatabaseCpu.postgresNanos() - db0 : 0;
    m.errorSamples().forEach(s -> say(label, "error: " + s));
    return new Phase(name, m.replies(), m.seconds(), m.replyMicros(), m.errors(), cpu / 1e6, dbCpu / 1e6);
  }

  private static LoadRun.Team subset(LoadRun.Team team, int n) {
    return new LoadRun.Team(team.members().subList(0, n), team.memberIds().subList(0, n), team.workspaceId(), team.spaceId());
  }

  @FunctionalInterface
  private interface Call {
    Object run() throws Exception;
  }

  /** Runs the call and records its time; returns it, in microseconds. */
  private static long timed(Histogram into, Call call) throws Exception {
    long t0 = System.nanoTime();
    call.run();
    long micros = (System.nanoTime() - t0) / 1000;
    into.recordValue(Math.min(micros, into.getHighestTrackableValue()));
    return micros;
  }

  private String markdown(List<Result> results, String loadBefore, String loadAfter) throws Exception {
    StringBuilder out = new StringBuilder("# Longhand team benchmark (" + members + " members in one space)\n\n");
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("date", LocalDateTime.now().withNano(0).toString());
    run.put("commit", LoadDriver.gitCommit());
    run.put("cpus", Runtime.getRuntime().availableProcessors());
    run.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    run.put("members", members);
    run.put("clients", clients);
    run.put("phase", LoadDriver.seconds(phase));
    run.put("warmup", LoadDriver.seconds(warmup));
    run.put("baselineDuration", skipBaseline ? "skipped" : LoadDriver.seconds(baselineDuration));
    run.put("memory", String.join(", ", results.stream().map(r -> r.db() + " " + r.peakResidentMb() + " MiB").toList())
        + " peak resident (VmHWM; each database's run in a JVM of its own, server and driver together, heap limit "
        + Memory.maxHeapMb() + " MiB)");
    run.put("loadAverage", "before " + loadBefore + ", after " + loadAfter + " (1-minute; above the CPU count means other work competed)");
    run.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
    out.append("\n## Posting (replies through the REST API; each reaches ").append(members - 1).append(" inboxes)\n\n");
    out.append("| db | phase | replies/s | p50 | p99 | errors | CPU/reply (process) | CPU/reply (PostgreSQL) | ÷ JDBC inserts/s | ÷ pgbench tps |\n");
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Result r : results) {
      for (Phase p : r.phases()) {
        out.append(String.format("| %s | %s | %.0f | %s | %s | %d | %.2f ms | %s | %s | %s |%n", r.db(), p.name(), p.perSecond(),
            Throughput.millis(p.micros(), 50), Throughput.millis(p.micros(), 99), p.errors(), p.cpuPerReply(),
            r.db().equals("postgresql") ? String.format("%.2f ms", p.databaseCpuPerReply()) : "-",
            ratio(p.perSecond(), r.jdbc()), ratio(p.perSecond(), r.pgbench())));
      }
    }
    out.append("\n## Baselines (single-row durable inserts, one transaction each)\n\n| db | method | inserts/s | p50 | p99 |\n| --- | --- | ---: | ---: | ---: |\n");
    for (Result r : results) {
      for (Throughput t : new Throughput[] {r.jdbc(), r.pgbench()}) {
        if (t != null) out.append(String.format("| %s | %s | %.0f | %s | %s |%n", r.db(), t.method(), t.perSecond(),
            Throughput.millis(t.latencyMicros(), 50), Throughput.millis(t.latencyMicros(), 99)));
      }
    }
    out.append("\n## Reading and searching\n\nThe reads begin once the outbox's consumers have caught up with the long thread's "
        + "replies and the backlog of the posting phases; the second column is how long that took after its last reply.\n\n"
        + "| db | consumers caught up | first page of the long thread p50 | p99 | whole thread in pages p50 | search p50 | p99 | slowest | inbox p50 | p99 |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Result r : results) {
      LongThread.Result l = r.longThread();
      out.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.db(),
          l == null ? "-" : String.format("%.1f s", l.caughtUpSeconds()),
          l == null ? "-" : Throughput.millis(l.firstPage(), 50), l == null ? "-" : Throughput.millis(l.firstPage(), 99),
          l == null ? "-" : Throughput.millis(l.whole(), 50),
          Throughput.millis(r.search(), 50), Throughput.millis(r.search(), 99), Throughput.millis(r.search(), 100),
          Throughput.millis(r.inbox(), 50), Throughput.millis(r.inbox(), 99)));
    }
    out.append("\n## Against issue 17's bars\n\n");
    for (Result r : results) out.append("- ").append(r.db()).append(": ").append(verdict(r)).append('\n');
    for (Result r : results) r.notes().forEach(n -> out.append("- note (").append(r.db()).append("): ").append(n).append('\n'));
    Map<String, Object> json = new LinkedHashMap<>(run);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result r : results) {
      for (Phase p : r.phases()) {
        rows.add(Map.of("db", r.db(), "phase", p.name(), "repliesPerSecond", Math.round(p.perSecond()), "replies", p.replies(),
            "p99Ms", ms(p.micros(), 99), "cpuPerReplyMs", p.cpuPerReply(), "postgresqlCpuPerReplyMs", p.databaseCpuPerReply()));
      }
    }
    json.put("phases", rows);
    out.append("\n```json\n").append(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json)).append("\n```\n");
    return out.toString();
  }

  private String verdict(Result r) {
    if (r.phases().size() < 3) return "not measured";
    List<String> misses = new ArrayList<>();
    Phase alone = r.phases().get(0);
    Phase busy = r.phases().get(2);
    boolean postgres = r.db().equals("postgresql");
    double bar = postgres ? BAR_POSTGRESQL_REPLIES : BAR_SQLITE_REPLIES;
    if (busy.perSecond() < bar) misses.add(String.format("%.0f replies/s < %.0f", busy.perSecond(), bar));
    if (postgres && r.pgbench() != null && busy.perSecond() / r.pgbench().perSecond() < BAR_SHARE_OF_PGBENCH) {
      misses.add(String.format("%.1f%% of pgbench < %.0f%%", 100 * busy.perSecond() / r.pgbench().perSecond(), 100 * BAR_SHARE_OF_PGBENCH));
    }
    double p99 = ms(busy.micros(), 99);
    if (p99 >= BAR_REPLY_P99_MS) misses.add(String.format("reply p99 %.1f ms >= %.0f", p99, BAR_REPLY_P99_MS));
    double cpu = busy.cpuPerReply() + busy.databaseCpuPerReply();
    if (cpu >= BAR_CPU_PER_REPLY_MS) misses.add(String.format("CPU %.2f ms/reply >= %.1f", cpu, BAR_CPU_PER_REPLY_MS));
    double aloneCpu = alone.cpuPerReply() + alone.databaseCpuPerReply();
    if (aloneCpu >= BAR_ALONE_CPU_PER_REPLY_MS) misses.add(String.format("alone CPU %.2f ms/reply >= %.0f", aloneCpu, BAR_ALONE_CPU_PER_REPLY_MS));
    if (r.longThread() != null && ms(r.longThread().firstPage(), 50) >= BAR_FIRST_PAGE_P50_MS) {
      misses.add("first page p50 >= " + BAR_FIRST_PAGE_P50_MS + " ms");
    }
    if (r.peakResidentMb() >= BAR_PEAK_RESIDENT_MB) misses.add("peak resident " + r.peakResidentMb() + " MiB >= " + BAR_PEAK_RESIDENT_MB);
    if (ms(r.search(), 99) >= BAR_SEARCH_P99_MS) misses.add("search p99 >= " + BAR_SEARCH_P99_MS + " ms (this index is small; the bar is for 1,000,000 messages)");
    return misses.isEmpty() ? "meets the bars" : "misses: " + String.join(", ", misses);
  }

  private static double ms(Histogram h, double percentile) {
    return h == null || h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static String ratio(double perSecond, Throughput baseline) {
    return baseline == null || baseline.perSecond() == 0 ? "-" : String.format("%.3f", perSecond / baseline.perSecond());
  }

  private static void say(String db, String what) {
    System.err.println("bench team [" + db + "] " + what);
  }
}
