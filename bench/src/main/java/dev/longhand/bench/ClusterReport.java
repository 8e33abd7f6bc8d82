package dev.longhand.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.longhand.bench.ClusterBench.Phase;
import dev.longhand.bench.ClusterBench.Run;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** {@code bench cluster}'s report: posting, pgbench, the checks and memory, as markdown tables, then the figures as JSON. */
final class ClusterReport {
  private ClusterReport() {}

  static String markdown(ClusterBench bench, List<Run> runs) throws Exception {
    StringBuilder out = new StringBuilder("# Longhand cluster benchmark: nodes as processes behind HAProxy ("
        + bench.members + " members in one space)\n\n");
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("date", LocalDateTime.now().withNano(0).toString());
    run.put("commit", LoadDriver.gitCommit());
    run.put("cpus", Runtime.getRuntime().availableProcessors());
    run.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    run.put("nodeCommand", bench.nodeCommand + " (LONGHAND_RATE_LIMITS=off, heap LONGHAND_HEAP=" + System.getenv().getOrDefault("LONGHAND_HEAP", "384m") + ")");
    run.put("members", bench.members);
    run.put("clients", bench.clients);
    run.put("phase", LoadDriver.seconds(bench.phase));
    run.put("warmup", LoadDriver.seconds(bench.warmup));
    run.put("pgbench", LoadDriver.seconds(bench.baselineDuration) + " on each run's database before its nodes start");
    List<String> loads = runs.stream().map(r -> r.nodes() + " nodes: before " + r.loadBefore() + ", after " + r.loadAfter()).toList();
    run.put("loadAverage", String.join("; ", loads) + " (1-minute; above the CPU count means other work competed)");
    run.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));

    out.append("\n## Posting through HAProxy (each reply reaches ").append(bench.members - 1).append(" inboxes)\n\n")
        .append("CPU per reply in ms: the node processes together, every `postgres` process, HAProxy, this load driver; total is their sum.\n\n")
        .append("| nodes | phase | replies/s | p50 | p99 | errors | CPU/reply nodes | PostgreSQL | HAProxy | driver | total | ÷ pgbench tps |\n")
        .append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Run r : runs) {
      for (Phase p : r.phases()) {
        double total = p.nodesCpuMs() + p.postgresCpuMs() + p.haproxyCpuMs() + p.driverCpuMs();
        out.append(String.format("| %d | %s | %.0f | %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n", r.nodes(), p.name(),
            p.perSecond(), Throughput.millis(p.micros(), 50), Throughput.millis(p.micros(), 99), p.errors(),
            p.perReply(p.nodesCpuMs()), p.perReply(p.postgresCpuMs()), p.perReply(p.haproxyCpuMs()), p.perReply(p.driverCpuMs()),
            p.perReply(total), r.pgbench() == null ? "-" : String.format("%.3f", p.perSecond() / r.pgbench().perSecond())));
      }
      if (r.phases().isEmpty()) out.append("| ").append(r.nodes()).append(" | not measured (see notes) | | | | | | | | | | |\n");
    }

    out.append("\n## Baseline: pgbench single-row inserts on the same PostgreSQL\n\n| nodes | method | tps | settings |\n| ---: | --- | ---: | --- |\n");
    for (Run r : runs) {
      Throughput t = r.pgbench();
      out.append(t == null ? "| " + r.nodes() + " | missing | - | - |\n"
          : String.format("| %d | %s | %.0f | %s |%n", r.nodes(), t.method(), t.perSecond(), t.settings()));
    }

    out.append("\n## Correctness at the end of each run\n\n| nodes | check | result | found |\n| ---: | --- | --- | --- |\n");
    for (Run r : runs) {
      for (ClusterCheck.Outcome c : r.checks()) {
        out.append(String.format("| %d | %s | %s | %s |%n", r.nodes(), c.name(), c.ok() ? "ok" : "**FAILED**", c.detail()));
      }
      if (r.checks().size() < 4) out.append("| ").append(r.nodes()).append(" | not every check ran | **FAILED** | see notes |\n");
    }

    out.append("\n## Memory: each node's peak resident size (VmHWM) after its posting phases\n\n| nodes | node | peak resident |\n| ---: | --- | ---: |\n");
    for (Run r : runs) r.peakMb().forEach((node, mb) -> out.append(String.format("| %d | %s | %d MiB |%n", r.nodes(), node, mb)));

    out.append("\n## Notes\n\n");
    for (Run r : runs) {
      for (Phase p : r.phases()) {
        if (r.nodes() > 1) out.append("- ").append(r.nodes()).append(" nodes, ").append(p.name()).append(": CPU ms per node ")
            .append(rounded(p.perNodeCpuMs())).append('\n');
        if (!p.errorSamples().isEmpty()) out.append("- ").append(r.nodes()).append(" nodes, ").append(p.name())
            .append(": errors ").append(p.errorSamples()).append('\n');
      }
      r.notes().forEach(n -> out.append("- ").append(r.nodes()).append(" nodes: ").append(n).append('\n'));
    }
    out.append("- verdict: ").append(runs.stream().anyMatch(Run::failed) ? "FAILED (see the checks, errors and notes above)"
        : "every phase measured without errors and every check passed").append('\n');

    out.append("\n```json\n").append(json(run, runs)).append("\n```\n");
    return out.toString();
  }

  private static String json(Map<String, Object> run, List<Run> runs) throws Exception {
    Map<String, Object> root = new LinkedHashMap<>(run);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Run r : runs) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("nodes", r.nodes());
      d.put("pgbenchTps", r.pgbench() == null ? null : Math.round(r.pgbench().perSecond()));
      List<Map<String, Object>> phases = new ArrayList<>();
      for (Phase p : r.phases()) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("phase", p.name());
        f.put("replies", p.replies());
        f.put("repliesPerSecond", Math.round(p.perSecond()));
        f.put("p50Ms", ms(p.micros(), 50));
        f.put("p99Ms", ms(p.micros(), 99));
        f.put("errors", p.errors());
        f.put("nodesCpuPerReplyMs", round(p.perReply(p.nodesCpuMs())));
        f.put("postgresqlCpuPerReplyMs", round(p.perReply(p.postgresCpuMs())));
        f.put("haproxyCpuPerReplyMs", round(p.perReply(p.haproxyCpuMs())));
        f.put("driverCpuPerReplyMs", round(p.perReply(p.driverCpuMs())));
        f.put("cpuMsPerNode", rounded(p.perNodeCpuMs()));
        phases.add(f);
      }
      d.put("phases", phases);
      d.put("checks", r.checks().stream().map(c -> Map.of("check", c.name(), "ok", c.ok(), "found", c.detail())).toList());
      d.put("peakResidentMb", r.peakMb());
      d.put("notes", r.notes());
      rows.add(d);
    }
    root.put("runs", rows);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
  }

  private static Map<String, Long> rounded(Map<String, Double> ms) {
    Map<String, Long> out = new LinkedHashMap<>();
    ms.forEach((k, v) -> out.put(k, v.isNaN() ? -1 : Math.round(v)));
    return out;
  }

  private static double ms(Histogram h, double percentile) {
    return h == null || h.getTotalCount() == 0 ? 0 : round(h.getValueAtPercentile(percentile) / 1000.0);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
