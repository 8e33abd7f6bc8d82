package dev.longhand.bench;

import dev.longhand.bench.BenchDatabase.Kind;
import dev.longhand.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longhand bench cluster}: the team benchmark's posting phases against Longhand nodes running as separate
 * processes behind HAProxy ({@code scripts/cluster}), once per {@code --nodes} count (1, then 3), each on a fresh
 * PostgreSQL database, every request through HAProxy's port. For each phase: replies/s, latency, errors and CPU per
 * reply split into the nodes, PostgreSQL, HAProxy and this driver; next to pgbench on the same database. Then the
 * run checks that nothing acknowledged went missing and that every node's outbox consumers and search caught up.
 */
@Command(name = "longhand bench cluster", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Posting in a 50-member space through HAProxy to 1 node, then 3 nodes, with CPU per reply and checks.")
public final class ClusterBench implements Callable<Integer> {
  @Option(names = "--nodes", defaultValue = "1,3", split = ",", description = "node counts, one run each (default: ${DEFAULT-VALUE})")
  List<Integer> nodeCounts;

  @Option(names = "--members", defaultValue = "50", description = "people in the workspace and its space, the owner included (default: ${DEFAULT-VALUE})")
  int members;

  @Option(names = "--clients", defaultValue = "8", description = "posting clients in the busy phases; also pgbench's (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--phase", defaultValue = "15s", converter = LoadDriver.DurationConverter.class,
      description = "measured time of each posting phase (default: ${DEFAULT-VALUE})")
  Duration phase;

  @Option(names = "--warmup", defaultValue = "15s", converter = LoadDriver.DurationConverter.class,
      description = "unmeasured posting before the phases, for the nodes' JIT (default: ${DEFAULT-VALUE})")
  Duration warmup;

  @Option(names = "--baseline-duration", defaultValue = "15s", converter = LoadDriver.DurationConverter.class,
      description = "pgbench's time on each run's database (default: ${DEFAULT-VALUE})")
  Duration baselineDuration;

  @Option(names = "--node-command", defaultValue = "./longhand serve",
      description = "what scripts/cluster runs for each node, from the repository's root (default: ${DEFAULT-VALUE})")
  String nodeCommand;

  @Option(names = "--search-wait", defaultValue = "5s", converter = LoadDriver.DurationConverter.class,
      description = "how long each node's search may take to find the last reply (default: ${DEFAULT-VALUE})")
  Duration searchWait;

  /** One measured phase: the replies, and CPU over it in ms for each part. */
  record Phase(String name, long replies, double seconds, Histogram micros, long errors, List<String> errorSamples,
               double nodesCpuMs, Map<String, Double> perNodeCpuMs, double postgresCpuMs, double haproxyCpuMs, double driverCpuMs) {
    double perSecond() {
      return seconds > 0 ? replies / seconds : 0;
    }

    double perReply(double ms) {
      return replies > 0 ? ms / replies : 0;
    }
  }

  /** One cluster size's run. */
  record Run(int nodes, Throughput pgbench, List<Phase> phases, List<ClusterCheck.Outcome> checks, Map<String, Long> peakMb,
             String loadBefore, String loadAfter, List<String> notes) {
    boolean failed() {
      return phases.size() < 3 || phases.stream().anyMatch(p -> p.errors() > 0) || checks.size() < 4
          || checks.stream().anyMatch(c -> !c.ok());
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ClusterBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (members < 2 || clients < 1 || clients >= members - 1 || nodeCounts.stream().anyMatch(n -> n < 1)) {
      System.err.println("bench cluster: need --members >= 3, 1 <= --clients < --members - 1 and node counts >= 1");
      return 2;
    }
    List<Run> runs = new ArrayList<>();
    for (int nodes : nodeCounts) runs.add(measure(nodes));
    Report.save("cluster", ClusterReport.markdown(this, runs));
    return runs.stream().anyMatch(Run::failed) ? 1 : 0;
  }

  private Run measure(int nodes) {
    String label = nodes + (nodes == 1 ? " node" : " nodes");
    String loadBefore = LoadDriver.loadAverage();
    Throughput pgbench = null;
    List<Phase> phases = new ArrayList<>();
    List<ClusterCheck.Outcome> checks = new ArrayList<>();
    Map<String, Long> peak = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Path logs = null;
    try (BenchDatabase db = BenchDatabase.create(Kind.POSTGRESQL)) {
      String url = db.serverUrl().orElseThrow();
      var tool = Pgbench.find();
      if (tool.isPresent()) {
        say(label, "pgbench, " + clients + " clients, for " + LoadDriver.seconds(baselineDuration));
        DurableInsertBaseline.preparePostgresql(db.baselineUrl());
        pgbench = Pgbench.run(tool.get(), db.pgName(), clients, Math.min(2, clients), baselineDuration);
      } else {
        notes.add("pgbench not found; its baseline is missing");
      }
      try (Database schema = Database.open(url)) { // migrated once, as an operator would before starting the nodes
        schema.migrate();
      }
      say(label, "starting " + label + " and HAProxy (" + nodeCommand + ")");
      logs = Files.createTempDirectory("longhand-bench-cluster-");
      try (Cluster cluster = Cluster.start(nodes, url, logs, nodeCommand)) {
        say(label, "signing up " + members + " people into one space through HAProxy");
        LoadRun.Team everyone = LoadRun.setUp(cluster.base(), members - 1);
        LoadRun.Team posters = subset(everyone, clients);
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          threads.add(posters.members().get(i).call("POST", "/api/v1/spaces/" + everyone.spaceId() + "/threads",
              Map.of("title", "Team thread " + i, "body", "Where the team talks about part " + i + " of the launch.")).path("id").asText());
        }
        long[] acknowledged = {0};
        say(label, "warming up for " + LoadDriver.seconds(warmup));
        LoadRun.Measured warm = LoadRun.run(posters, threads, warmup, 0);
        acknowledged[0] += warm.replies();
        if (warm.errors() > 0) notes.add(warm.errors() + " errors while warming up: " + warm.errorSamples());
        phases.add(phase(label, cluster, "1 client, one thread", subset(everyone, 1), threads.subList(0, 1), acknowledged));
        phases.add(phase(label, cluster, clients + " clients, one thread", posters, threads.subList(0, 1), acknowledged));
        phases.add(phase(label, cluster, clients + " clients, " + clients + " threads", posters, threads, acknowledged));
        peak.putAll(cluster.peakResidentMb()); // before the checks, which may end the run early
        say(label, "checking");
        checks.add(ClusterCheck.searchOnEveryNode(cluster, posters.members().getFirst(), threads.getFirst(), searchWait, acknowledged));
        checks.add(ClusterCheck.outboxCaughtUp(cluster, Duration.ofSeconds(90)));
        checks.add(ClusterCheck.repliesStored(url, threads, acknowledged[0]));
        checks.add(ClusterCheck.inboxOfOneWhoNeverRead(everyone.members().getLast(), url, threads));
      }
    } catch (Exception e) {
      notes.add("failed: " + e);
    }
    Run run = new Run(nodes, pgbench, phases, checks, peak, loadBefore, LoadDriver.loadAverage(), notes);
    if (logs != null && run.failed()) notes.add("the nodes' and HAProxy's logs and data directories are kept in " + logs);
    else if (logs != null) delete(logs);
    checks.forEach(c -> say(label, (c.ok() ? "ok: " : "FAILED: ") + c.name() + ": " + c.detail()));
    notes.forEach(n -> say(label, n));
    return run;
  }

  /** Deletes a passed run's cluster directory (logs, each node's search index). */
  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("bench cluster: could not delete " + dir + ": " + e.getMessage());
    }
  }

  private Phase phase(String label, Cluster cluster, String name, LoadRun.Team posters, List<String> threads, long[] acknowledged)
      throws Exception {
    say(label, name + " for " + LoadDriver.seconds(phase));
    Map<String, Long> cpu0 = cluster.cpuNanos();
    long db0 = DatabaseCpu.postgresNanos();
    long self0 = DatabaseCpu.processNanos();
    LoadRun.Measured m = LoadRun.run(posters, threads, phase, 0);
    long self = DatabaseCpu.processNanos() - self0;
    long db = DatabaseCpu.postgresNanos() - db0;
    Map<String, Long> cpu1 = cluster.cpuNanos();
    acknowledged[0] += m.replies();
    m.errorSamples().forEach(s -> say(label, "error: " + s));
    Map<String, Double> perNode = new LinkedHashMap<>();
    for (Cluster.Member n : cluster.nodes()) perNode.put(n.name(), spent(cpu0, cpu1, n.name()));
    double haproxy = cluster.haproxy().stream().mapToDouble(h -> spent(cpu0, cpu1, h.name())).sum();
    double nodes = perNode.values().stream().mapToDouble(Double::doubleValue).sum();
    return new Phase(name, m.replies(), m.seconds(), m.replyMicros(), m.errors(), m.errorSamples(), nodes, perNode, db / 1e6,
        haproxy, self / 1e6);
  }

  /** A process's CPU over the phase in ms; NaN when it was gone at either end (which the report shows). */
  private static double spent(Map<String, Long> before, Map<String, Long> after, String name) {
    long a = before.getOrDefault(name, -1L);
    long b = after.getOrDefault(name, -1L);
    return a < 0 || b < 0 ? Double.NaN : (b - a) / 1e6;
  }

  private static LoadRun.Team subset(LoadRun.Team team, int n) {
    return new LoadRun.Team(team.members().subList(0, n), team.memberIds().subList(0, n), team.workspaceId(), team.spaceId());
  }

  private static void say(String label, String what) {
    System.err.println("bench cluster [" + label + "] " + what);
  }
}
