package dev.longhand.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The figures for one database, and how they are written down: markdown tables plus JSON. */
final class Report {
  static final double BAR_REPLIES_PER_SECOND = 1500;
  static final double BAR_INBOX_P99_MS = 20;

  private Report() {}

  /** Everything measured on one database; a null part was skipped or failed (see notes). */
  record DbResult(String db, Throughput jdbc, Throughput pgbench, LoadRun.Seeded seeded, Throughput ceiling,
                  LoadRun.Measured load, List<String> notes, LongThread.Result longThread) {
    boolean failed() {
      return load == null || load.errors() > 0;
    }

    String verdict() {
      if (load == null) return "not measured";
      List<String> misses = new ArrayList<>();
      if (load.errors() > 0) misses.add(load.errors() + " errors");
      if (load.repliesPerSecond() < BAR_REPLIES_PER_SECOND) misses.add(String.format("%.0f replies/s < %.0f", load.repliesPerSecond(), BAR_REPLIES_PER_SECOND));
      if (load.inboxReads() == 0) {
        misses.add("no inbox reads");
      } else if (ms(load.inboxMicros(), 99) >= BAR_INBOX_P99_MS) {
        misses.add(String.format("inbox p99 %.1f ms >= %.0f", ms(load.inboxMicros(), 99), BAR_INBOX_P99_MS));
      }
      return misses.isEmpty() ? "meets the bar" : "misses: " + String.join(", ", misses);
    }
  }

  /** Prints a report and writes it to {@code bench/results/<timestamp>-<name>.md}. */
  static void save(String name, String report) throws java.io.IOException {
    System.out.println(report);
    java.nio.file.Path file = java.nio.file.Path.of("bench", "results",
        java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + name + ".md");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(file, report);
    System.out.println("Written to " + file);
  }

  static String markdown(String title, Map<String, Object> run, List<DbResult> results) {
    StringBuilder out = new StringBuilder("# " + title + "\n\n");
    run.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
    out.append("\n## API load (replies posted and inboxes read through the REST API)\n\n")
        .append("| db | replies/s | reply p50 | reply p99 | inbox reads | inbox p50 | inbox p99 | errors | replies/s ÷ JDBC inserts/s | replies/s ÷ pgbench tps | GET /health req/s | bar |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (DbResult r : results) {
      LoadRun.Measured m = r.load();
      out.append("| ").append(r.db()).append(" | ")
          .append(m == null ? "-" : String.format("%.0f", m.repliesPerSecond())).append(" | ")
          .append(m == null ? "-" : Throughput.millis(m.replyMicros(), 50)).append(" | ")
          .append(m == null ? "-" : Throughput.millis(m.replyMicros(), 99)).append(" | ")
          .append(m == null ? "-" : m.inboxReads()).append(" | ")
          .append(m == null ? "-" : Throughput.millis(m.inboxMicros(), 50)).append(" | ")
          .append(m == null ? "-" : Throughput.millis(m.inboxMicros(), 99)).append(" | ")
          .append(m == null ? "-" : m.errors()).append(" | ")
          .append(ratio(m, r.jdbc())).append(" | ")
          .append(ratio(m, r.pgbench())).append(" | ")
          .append(r.ceiling() == null ? "-" : String.format("%.0f", r.ceiling().perSecond())).append(" | ")
          .append(r.verdict()).append(" |\n");
    }
    out.append("\n## Raw baseline (single-row durable inserts, one transaction each)\n\n")
        .append("| db | method | inserts/s | p50 | p99 | settings |\n| --- | --- | ---: | ---: | ---: | --- |\n");
    for (DbResult r : results) {
      for (Throughput t : new Throughput[] {r.jdbc(), r.pgbench()}) {
        if (t == null) continue;
        out.append("| ").append(r.db()).append(" | ").append(t.method()).append(" | ")
            .append(String.format("%.0f", t.perSecond())).append(" | ")
            .append(Throughput.millis(t.latencyMicros(), 50)).append(" | ")
            .append(Throughput.millis(t.latencyMicros(), 99)).append(" | ")
            .append(t.settings()).append(" |\n");
      }
    }
    if (results.stream().allMatch(r -> r.jdbc() == null && r.pgbench() == null)) out.append("| - | skipped or failed | - | - | - | - |\n");
    if (results.stream().anyMatch(r -> r.longThread() != null)) {
      out.append("\n## One long thread (first page: GET /api/v1/threads/{id}; whole: it, then /replies?limit=200&after= to the end)\n\n")
          .append("| db | replies | seeded in | consumers caught up | first page p50 | p99 | CPU/read | answer | whole p50 | p99 | CPU/read | pages | first page, rendering Markdown on read: p50 | CPU/read |\n")
          .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (DbResult r : results) if (r.longThread() != null) out.append(LongThread.markdown(r.db(), r.longThread()));
      out.append("\nThe reads begin once the outbox's consumers (search index, notices, live streams) have caught up with "
          + "everything posted; the fourth column is how long that took after the last reply. "
          + "CPU is the process's (server and driver in one JVM) per read. The last two columns read the same first page "
          + "with its posts' stored HTML marked stale, so each read renders their Markdown again, as every read did before.\n");
    }
    boolean anyNotes = results.stream().anyMatch(r -> !r.notes().isEmpty());
    if (anyNotes) {
      out.append("\n## Notes\n\n");
      for (DbResult r : results) r.notes().forEach(n -> out.append("- ").append(r.db()).append(": ").append(n).append('\n'));
    }
    return out.toString();
  }

  static String json(Map<String, Object> run, List<DbResult> results) {
    Map<String, Object> root = new LinkedHashMap<>(run);
    List<Map<String, Object>> dbs = new ArrayList<>();
    for (DbResult r : results) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("db", r.db());
      LoadRun.Measured m = r.load();
      if (m != null) {
        d.put("repliesPerSecond", round(m.repliesPerSecond()));
        d.put("replies", m.replies());
        d.put("replyP50Ms", ms(m.replyMicros(), 50));
        d.put("replyP99Ms", ms(m.replyMicros(), 99));
        d.put("inboxReads", m.inboxReads());
        d.put("inboxP50Ms", ms(m.inboxMicros(), 50));
        d.put("inboxP99Ms", ms(m.inboxMicros(), 99));
        d.put("errors", m.errors());
        d.put("errorSamples", m.errorSamples());
        d.put("seconds", round(m.seconds()));
      }
      if (r.seeded() != null) {
        d.put("seed", Map.of("viaApi", r.seeded().viaApi(), "viaSql", r.seeded().viaSql(), "seconds", round(r.seeded().seconds())));
      }
      if (r.ceiling() != null) d.put("healthRequestsPerSecond", round(r.ceiling().perSecond()));
      if (r.jdbc() != null) d.put("jdbcInsertsPerSecond", round(r.jdbc().perSecond()));
      if (r.pgbench() != null) d.put("pgbenchTps", round(r.pgbench().perSecond()));
      if (m != null && r.jdbc() != null) d.put("repliesPerJdbcInsert", round(m.repliesPerSecond() / r.jdbc().perSecond()));
      if (m != null && r.pgbench() != null) d.put("repliesPerPgbenchTransaction", round(m.repliesPerSecond() / r.pgbench().perSecond()));
      if (r.longThread() != null) d.put("longThread", LongThread.json(r.longThread()));
      d.put("verdict", r.verdict());
      d.put("notes", r.notes());
      dbs.add(d);
    }
    root.put("results", dbs);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ratio(LoadRun.Measured m, Throughput baseline) {
    if (m == null || baseline == null || baseline.perSecond() == 0) return "-";
    return String.format("%.2f", m.repliesPerSecond() / baseline.perSecond());
  }

  private static Double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? null : round(h.getValueAtPercentile(percentile) / 1000.0);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
