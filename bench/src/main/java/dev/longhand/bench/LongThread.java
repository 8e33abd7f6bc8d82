package dev.longhand.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.store.Database;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Reading one long thread: a thread with {@code --long-thread} replies (5,000) posted through the API by all
 * clients, then one client reads its first page ({@code GET /api/v1/threads/{id}}, 50 replies) and the whole
 * thread in pages of 200 ({@code GET .../replies?after=}), each many times, with the CPU the process spent per
 * read. Then the same first-page reads with every post's stored HTML marked as made by an older renderer, which
 * reads render again on the fly: what each read cost before posts kept their rendered HTML.
 *
 * <p>The reads begin once the outbox's consumers have caught up with everything posted (the search index, notices,
 * live streams), and how long that took after the last reply is reported on its own, so that the reads measure
 * reading, not whatever of the posting the consumers still had to do (0.2-0.3 s of it in the team benchmark's runs
 * of 2026-12-07).
 */
final class LongThread {
  private LongThread() {}

  /** Latencies in microseconds; CPU is the process's (server and driver share it) per read, in ms. */
  record Result(int replies, double seedSeconds, double caughtUpSeconds, Histogram firstPage, double firstPageCpuMs, Histogram whole, double wholeCpuMs,
                int pagesPerWhole, long answerBytes, Histogram firstPageRendering, double firstPageRenderingCpuMs) implements java.io.Serializable {}

  static Result run(LoadRun.Team team, Longhand server, int replies, int firstPageReads, int wholeReads) throws Exception {
    Database db = server.database();
    ApiClient reader = team.members().getFirst();
    String thread = reader.call("POST", "/api/v1/spaces/" + team.spaceId() + "/threads",
        Map.of("title", "A long thread", "body", "Everything about the launch, in one place.")).path("id").asText();
    long t0 = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Void>> writers = new ArrayList<>();
      for (ApiClient client : team.members()) {
        writers.add(pool.submit(() -> {
          for (int n; (n = next.getAndIncrement()) < replies; ) {
            client.call("POST", "/api/v1/threads/" + thread + "/replies", Map.of("body", "Reply " + n
                + " with **some** Markdown: a [link](https://example.com/" + n + "), `code` and\n\n- [x] a done task\n- [ ] an open one"));
          }
          return null;
        }));
      }
      for (Future<Void> f : writers) f.get();
    }
    double seedSeconds = (System.nanoTime() - t0) / 1e9;
    long seeded = System.nanoTime();
    if (!server.dispatcher().awaitIdle(10, TimeUnit.MINUTES)) throw new IllegalStateException("the consumers did not catch up in 10 minutes");
    double caughtUpSeconds = (System.nanoTime() - seeded) / 1e9;

    String first = "/api/v1/threads/" + thread;
    long bytes = reader.send("GET", first, null).body().length;
    for (int i = 0; i < 20; i++) reader.call("GET", first, null); // warm
    Histogram firstPage = Throughput.newHistogram();
    double firstCpu = timed(firstPageReads, firstPage, () -> reader.call("GET", first, null));

    Histogram whole = Throughput.newHistogram();
    int[] pages = new int[1];
    double wholeCpu = timed(wholeReads, whole, () -> {
      JsonNode page = reader.call("GET", first, null);
      int n = 1;
      String after = page.path("repliesNext").asText(null);
      while (after != null) {
        page = reader.call("GET", first + "/replies?limit=200&after=" + after, null);
        after = page.path("next").asText(null);
        n++;
      }
      pages[0] = n;
    });

    // as before stored HTML: every read renders the page's Markdown again
    db.writeAll(h -> h.execute("UPDATE replies SET render_version = 0 WHERE thread_id = ?", Long.parseLong(thread)));
    Histogram rendering = Throughput.newHistogram();
    for (int i = 0; i < 20; i++) reader.call("GET", first, null);
    double renderingCpu = timed(firstPageReads, rendering, () -> reader.call("GET", first, null));
    return new Result(replies, seedSeconds, caughtUpSeconds, firstPage, firstCpu, whole, wholeCpu, pages[0], bytes, rendering, renderingCpu);
  }

  private interface Read {
    void run() throws Exception;
  }

  /** Runs the read {@code times} times into the histogram; answers the process CPU per read in ms. */
  private static double timed(int times, Histogram into, Read read) throws Exception {
    long cpu0 = cpuNanos();
    for (int i = 0; i < times; i++) {
      long t0 = System.nanoTime();
      read.run();
      into.recordValue(Math.min((System.nanoTime() - t0) / 1000, into.getHighestTrackableValue()));
    }
    return (cpuNanos() - cpu0) / 1e6 / times;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static String markdown(String db, Result r) {
    return "| " + db + " | " + r.replies() + " | " + String.format("%.1f s", r.seedSeconds()) + " | "
        + String.format("%.1f s", r.caughtUpSeconds()) + " | "
        + Throughput.millis(r.firstPage(), 50) + " | " + Throughput.millis(r.firstPage(), 99) + " | "
        + String.format("%.2f ms", r.firstPageCpuMs()) + " | " + String.format("%.0f KB", r.answerBytes() / 1024.0) + " | "
        + Throughput.millis(r.whole(), 50) + " | " + Throughput.millis(r.whole(), 99) + " | "
        + String.format("%.1f ms", r.wholeCpuMs()) + " | " + r.pagesPerWhole() + " | "
        + Throughput.millis(r.firstPageRendering(), 50) + " | " + String.format("%.2f ms", r.firstPageRenderingCpuMs()) + " |\n";
  }

  static Map<String, Object> json(Result r) {
    Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("replies", r.replies());
    json.put("caughtUpSeconds", r.caughtUpSeconds());
    json.put("firstPageP50Ms", ms(r.firstPage(), 50));
    json.put("firstPageP99Ms", ms(r.firstPage(), 99));
    json.put("firstPageCpuMs", r.firstPageCpuMs());
    json.put("wholeP50Ms", ms(r.whole(), 50));
    json.put("wholeP99Ms", ms(r.whole(), 99));
    json.put("wholeCpuMs", r.wholeCpuMs());
    json.put("pagesPerWhole", r.pagesPerWhole());
    json.put("renderingFirstPageP50Ms", ms(r.firstPageRendering(), 50));
    json.put("renderingFirstPageCpuMs", r.firstPageRenderingCpuMs());
    return json;
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : Math.round(h.getValueAtPercentile(percentile) / 10.0) / 100.0;
  }
}
