package dev.longhand.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.slack.SlackImport;
import dev.longhand.slack.SlackSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The speed of {@code import-slack}: writes a Slack export of {@code --messages} messages (default 100,000: 200 people,
 * 20 channels of which 4 private, 500 messages a channel-day, a third of them in Slack threads, a tenth mentioning
 * someone, a tenth with reactions), then imports it into a fresh SQLite data directory and a fresh PostgreSQL
 * database, timing {@link SlackImport#run} (reading the zip, people, spaces, rendering, the batched writes and the
 * index), and prints messages per second.
 *
 * <pre>
 * ./mvnw -B -q -o package -DskipTests
 * java -Xmx384m -cp "bench/target/longhand-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.longhand.bench.SlackImportBench --messages 100000 --db both
 * </pre>
 */
public final class SlackImportBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] WORDS = ("launch plan review budget numbers deploy release customer support ticket "
      + "design spec meeting notes follow up tomorrow today please thanks shipping build test failing fixed "
      + "roadmap quarter pricing onboarding invoice migration database index latency cache rollout").split(" ");

  private SlackImportBench() {}

  public static void main(String[] args) throws Exception {
    int messages = 100_000;
    String dbs = "both";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--messages")) messages = Integer.parseInt(args[++i]);
      else if (args[i].equals("--db")) dbs = args[++i];
    }
    Path dir = Files.createTempDirectory("slack-bench-");
    Path zip = dir.resolve("slack-export.zip");
    long t0 = System.nanoTime();
    int written = write(zip, messages);
    System.out.printf("Wrote %s: %,d messages, %,d bytes, in %.1f s%n", zip, written, Files.size(zip), (System.nanoTime() - t0) / 1e9);
    List<String> lines = new ArrayList<>();
    for (BenchDatabase.Kind kind : BenchDatabase.Kind.values()) {
      if (!dbs.equals("both") && !dbs.equalsIgnoreCase(kind.name())) continue;
      try (BenchDatabase db = BenchDatabase.create(kind)) {
        Config config = new Config(0, db.dataDir(), db.serverUrl(), "", "127.0.0.1", false);
        String owner = "owner@example.test";
        Longhand server = Longhand.start(config, Clock.systemUTC());
        try {
          HttpResponse<String> made = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/accounts"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", owner, "name", "Owner", "password", "correct horse battery"))))
              .build(), HttpResponse.BodyHandlers.ofString());
          if (made.statusCode() != 201) throw new IllegalStateException("cannot sign up the owner: " + made.body());
        } finally {
          server.close();
        }
        long start = System.nanoTime();
        SlackSummary s = SlackImport.run(config, new SlackImport.Options("Bench", owner, zip), Clock.systemUTC(), System.err);
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = String.format("%s: %,d messages (%,d threads, %,d replies, %,d people) in %.1f s: %,.0f messages/s"
                + " (read and written in %.1f s, %,.0f messages/s; indexed in %.1f s)",
            db.label(), s.messagesSeen(), s.threads(), s.replies(), s.people(), seconds, s.messagesSeen() / seconds,
            s.writeSeconds(), s.messagesSeen() / s.writeSeconds(), s.indexSeconds());
        System.out.println(line);
        lines.add(line);
        long again = System.nanoTime();
        SlackSummary twice = SlackImport.run(config, new SlackImport.Options("Bench", owner, zip), Clock.systemUTC(), null);
        String line2 = String.format("%s, second run (nothing new: %s) in %.1f s", db.label(), twice.nothingNew(), (System.nanoTime() - again) / 1e9);
        System.out.println(line2);
        lines.add(line2);
      }
    }
    Path report = Path.of("bench", "results", java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .format(java.time.LocalDateTime.now(ZoneOffset.UTC)) + "-slack-import.md");
    if (Files.isDirectory(report.getParent())) {
      Files.writeString(report, "# import-slack, " + written + " messages\n\n"
          + "`java -Xmx384m -cp \"bench/target/longhand-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*\" dev.longhand.bench.SlackImportBench "
          + String.join(" ", args) + "` (the import's own time: reading the zip, people, spaces, rendering, the batched writes, "
          + "and the search index)\n\n"
          + String.join("\n", lines.stream().map(l -> "- " + l).toList()) + "\n\nload average at the end: "
          + Files.readString(Path.of("/proc/loadavg")).strip() + "; " + Runtime.getRuntime().availableProcessors() + " cores\n");
      System.out.println("Report: " + report);
    }
  }

  /** A Slack export of about {@code total} messages; answers how many it holds. */
  static int write(Path zip, int total) throws IOException {
    Random random = new Random(42);
    int people = 200;
    int channels = 20;
    int perDay = 500;
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
      List<Map<String, Object>> users = new ArrayList<>();
      for (int u = 0; u < people; u++) {
        users.add(Map.of("id", "U" + u, "name", "person" + u, "tz", "Europe/Lisbon",
            "profile", Map.of("real_name", "Person " + u, "email", "person" + u + "@bench.example")));
      }
      entry(z, "users.json", users);
      List<Map<String, Object>> open = new ArrayList<>();
      List<Map<String, Object>> closed = new ArrayList<>();
      for (int c = 0; c < channels; c++) {
        List<String> members = new ArrayList<>();
        for (int u = 0; u < people; u += (c % 5 == 4 ? 10 : 1)) members.add("U" + u);
        (c % 5 == 4 ? closed : open).add(Map.of("id", "C" + c, "name", "channel-" + c, "created", 1700000000, "members", members));
      }
      entry(z, "channels.json", open);
      entry(z, "groups.json", closed);
      int written = 0;
      LocalDate first = LocalDate.of(2025, 1, 1);
      for (int c = 0; c < channels && written < total; c++) {
        int share = (total - written) / (channels - c);
        for (int day = 0; share > 0; day++) {
          int n = Math.min(perDay, share);
          long dayStart = first.plusDays(day).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
          List<Map<String, Object>> msgs = new ArrayList<>();
          String parent = null;
          for (int i = 0; i < n; i++) {
            long micros = (dayStart + i * 60L) * 1_000_000 + i;
            String ts = (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "message");
            m.put("ts", ts);
            m.put("user", "U" + random.nextInt(people));
            m.put("text", text(random, people));
            int kind = random.nextInt(3);
            if (kind == 0 && parent == null) {
              parent = ts;
              m.put("thread_ts", ts);
            } else if (kind == 0) {
              m.put("thread_ts", parent);
              if (random.nextInt(8) == 0) parent = null;
            }
            if (random.nextInt(10) == 0) {
              m.put("reactions", List.of(Map.of("name", "+1", "users", List.of("U" + random.nextInt(people), "U" + random.nextInt(people)))));
            }
            msgs.add(m);
          }
          entry(z, "channel-" + c + "/" + first.plusDays(day) + ".json", msgs);
          written += n;
          share -= n;
        }
      }
      return written;
    }
  }

  private static String text(Random random, int people) {
    StringBuilder s = new StringBuilder();
    int words = 5 + random.nextInt(25);
    for (int w = 0; w < words; w++) s.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    if (random.nextInt(10) == 0) s.append(" <@U").append(random.nextInt(people)).append(">");
    if (random.nextInt(20) == 0) s.append(" see <https://example.com/doc/").append(random.nextInt(1000)).append("|the doc>");
    return s.toString();
  }

  private static void entry(ZipOutputStream z, String name, Object json) throws IOException {
    z.putNextEntry(new ZipEntry(name));
    z.write(JSON.writeValueAsBytes(json));
    z.closeEntry();
  }
}
