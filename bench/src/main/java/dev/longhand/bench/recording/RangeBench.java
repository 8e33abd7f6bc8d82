package dev.longhand.bench.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.Operations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longhand bench range}: how fast a recording is served. Starts a server (SQLite, temporary data
 * directory), uploads a generated file of {@code --size} through the API, then measures, warm, in the same run:
 * {@code cat file > /dev/null} (the disk and page cache), one full {@code GET .../media}, and {@code --clients}
 * clients asking for random {@code --range} slices for {@code --duration}. Writes a Markdown report to
 * {@code bench/results/<timestamp>-range.md}.
 */
@Command(name = "longhand bench range", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measure range requests on a large recording against reading its file with cat.")
public final class RangeBench implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--size", defaultValue = "500MB", description = "size of the recording (default: ${DEFAULT-VALUE})")
  String size;

  @Option(names = "--range", defaultValue = "1MB", description = "size of each random range (default: ${DEFAULT-VALUE})")
  String range;

  @Option(names = "--clients", defaultValue = "4", description = "concurrent clients asking for ranges (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--duration", defaultValue = "10s", description = "time for the random ranges, e.g. 10s (default: ${DEFAULT-VALUE})")
  String duration;

  @Option(names = "--repeat", defaultValue = "3", description = "runs of cat and of the full GET; the best counts (default: ${DEFAULT-VALUE})")
  int repeat;

  @Option(names = "--results-dir", defaultValue = "bench/results", description = "where the report goes (default: ${DEFAULT-VALUE})")
  Path resultsDir;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RangeBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long bytes = Config.parseSize(size, "--size");
    long rangeBytes = Config.parseSize(range, "--range");
    Duration measured = Duration.ofSeconds(Long.parseLong(duration.replaceAll("s$", "")));
    if (clients < 1 || repeat < 1 || rangeBytes > bytes) {
      System.err.println("bench range: need --clients >= 1, --repeat >= 1 and --range <= --size");
      return 2;
    }
    String loadBefore = loadAverage();
    Path dir = Files.createTempDirectory("longhand-range-bench");
    try {
      Path source = dir.resolve("source.webm");
      say("writing a " + mb(bytes) + " MB file");
      writeFile(source, bytes);
      Config config = new Config(0, dir.resolve("data"), Optional.empty(), "", "127.0.0.1", false).withMaxUpload(bytes + 1024 * 1024)
          .withOperations(Operations.DEFAULTS.withRateLimitScale(0)); // LONGHAND_RATE_LIMITS=off: a load test, not a flood
      try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
        MediaClient http = new MediaClient("127.0.0.1", server.port());
        String[] owner = setUp("http://127.0.0.1:" + server.port());
        String token = owner[0];
        String space = owner[1];
        say("uploading it through the API");
        long t0 = System.nanoTime();
        String id = http.upload("/api/v1/spaces/" + space + "/recordings", token, source);
        double uploadSeconds = (System.nanoTime() - t0) / 1e9;
        Path stored = storedFile(config.dataDir().resolve("recordings"));
        String media = "/api/v1/recordings/" + id + "/media";

        say("warm-up: cat and one full GET");
        cat(stored);
        http.get(media, token, null);
        double catBest = 0;
        double getBest = 0;
        for (int i = 0; i < repeat; i++) {
          catBest = Math.max(catBest, mbPerSecond(bytes, cat(stored)));
          long start = System.nanoTime();
          long got = http.get(media, token, null);
          if (got != bytes) throw new IllegalStateException("the full GET returned " + got + " bytes, not " + bytes);
          getBest = Math.max(getBest, mbPerSecond(bytes, System.nanoTime() - start));
        }
        say(String.format(Locale.ROOT, "cat %.0f MB/s, full GET %.0f MB/s; now %d clients on random %s ranges for %ds",
            catBest, getBest, clients, range, measured.toSeconds()));
        Ranges r = ranges(server.port(), media, token, bytes, rangeBytes, measured);
        double catAfter = mbPerSecond(bytes, cat(stored));
        double loopback = 0;
        for (int i = 0; i < repeat; i++) loopback = Math.max(loopback, mbPerSecond(bytes, loopback(bytes)));
        String report = report(bytes, rangeBytes, measured, uploadSeconds, catBest, catAfter, getBest, loopback, r, loadBefore);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-range.md");
        Files.writeString(file, report);
        System.out.println("Written to " + file);
        return r.errors() == 0 ? 0 : 1;
      }
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  record Ranges(long requests, long bytes, double seconds, long errors, Histogram micros) {}

  private Ranges ranges(int port, String media, String token, long size, long rangeBytes, Duration measured) throws InterruptedException {
    AtomicLong requests = new AtomicLong();
    AtomicLong moved = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + measured.toNanos();
    for (int c = 0; c < clients; c++) {
      Histogram h = new Histogram(60_000_000L, 3);
      histograms.add(h);
      int seed = c;
      threads.add(Thread.ofPlatform().start(() -> {
        SplittableRandom random = new SplittableRandom(seed);
        MediaClient http = new MediaClient("127.0.0.1", port);
        while (System.nanoTime() < end) {
          long first = random.nextLong(size - rangeBytes + 1);
          long t = System.nanoTime();
          try {
            long got = http.get(media, token, "bytes=" + first + "-" + (first + rangeBytes - 1));
            if (got != rangeBytes) errors.incrementAndGet();
            moved.addAndGet(got);
            requests.incrementAndGet();
            h.recordValue(Math.min(60_000_000L, (System.nanoTime() - t) / 1000));
          } catch (IOException e) {
            errors.incrementAndGet();
            http.close();
          }
        }
        http.close();
      }));
    }
    for (Thread t : threads) t.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram all = new Histogram(60_000_000L, 3);
    histograms.forEach(all::add);
    return new Ranges(requests.get(), moved.get(), seconds, errors.get(), all);
  }

  /** Nanoseconds to move {@code bytes} through a plain loopback socket in this JVM: no HTTP, no file. */
  private static long loopback(long bytes) throws IOException, InterruptedException {
    java.net.InetAddress local = java.net.InetAddress.getLoopbackAddress();
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, local)) {
      Thread sender = Thread.ofPlatform().start(() -> {
        try (java.net.Socket s = server.accept(); java.io.OutputStream out = s.getOutputStream()) {
          byte[] block = new byte[256 * 1024];
          for (long left = bytes; left > 0; left -= block.length) out.write(block, 0, (int) Math.min(block.length, left));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      long start = System.nanoTime();
      try (java.net.Socket s = new java.net.Socket(local, server.getLocalPort()); java.io.InputStream in = s.getInputStream()) {
        byte[] sink = new byte[256 * 1024];
        while (in.read(sink) > 0) {
          // dropped, as the media client drops what it reads
        }
      }
      long took = System.nanoTime() - start;
      sender.join();
      return took;
    }
  }

  private String report(long bytes, long rangeBytes, Duration measured, double uploadSeconds, double cat, double catAfter, double get,
                        double loopback, Ranges r, String loadBefore) {
    double rangeMb = mb(r.bytes()) / r.seconds();
    StringBuilder out = new StringBuilder("# Longhand range-request benchmark\n\n");
    out.append("- date: ").append(LocalDateTime.now().withNano(0)).append('\n')
        .append("- commit: ").append(gitCommit()).append('\n')
        .append("- cpus: ").append(Runtime.getRuntime().availableProcessors()).append('\n')
        .append("- java: ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append('\n')
        .append("- os: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append('\n')
        .append("- recording: ").append(mb(bytes)).append(" MB, uploaded through the API in ")
        .append(String.format(Locale.ROOT, "%.1f s (%.0f MB/s)", uploadSeconds, mb(bytes) / uploadSeconds)).append('\n')
        .append("- ranges: ").append(clients).append(" clients, ").append(range).append(" each, random offsets, ")
        .append(measured.toSeconds()).append(" s, keep-alive HTTP/1.1 over loopback, in the same JVM as the server\n")
        .append("- warm: the file was read once by cat and once by a full GET before measuring (the page cache cannot be dropped here)\n")
        .append("- loadAverage: before ").append(loadBefore).append(", after ").append(loadAverage())
        .append(" (1-minute; above the CPU count means other work competed)\n\n")
        .append("| read | MB/s | ÷ cat | requests | p50 | p99 | errors |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
        .append(String.format(Locale.ROOT, "| `cat file > /dev/null` (best of %d; %.0f after the ranges) | %.0f | 1.00 | - | - | - | - |%n", repeat, catAfter, cat))
        .append(String.format(Locale.ROOT, "| plain loopback socket, no HTTP and no file (best of %d) | %.0f | %.2f | - | - | - | - |%n", repeat, loopback, loopback / cat))
        .append(String.format(Locale.ROOT, "| full `GET .../media` (best of %d) | %.0f | %.2f | 1 | - | - | 0 |%n", repeat, get, get / cat))
        .append(String.format(Locale.ROOT, "| random `Range: bytes=a-b`, %d clients | %.0f | %.2f | %d | %.2f ms | %.2f ms | %d |%n",
            clients, rangeMb, rangeMb / cat, r.requests(), r.micros().getValueAtPercentile(50) / 1000.0,
            r.micros().getValueAtPercentile(99) / 1000.0, r.errors()))
        .append("\nMB are 2^20 bytes. \"÷ cat\" near 1 means the server serves at the speed the file can be read at all; ")
        .append("the client reads every byte it is sent into a reused buffer and drops it. The loopback row is the most any HTTP ")
        .append("server could reach here: a full GET close to it means HTTP and the file add little.\n");
    return out.toString();
  }

  private static void writeFile(Path path, long bytes) throws IOException {
    byte[] block = new byte[4 * 1024 * 1024];
    new SplittableRandom(42).nextBytes(block);
    block[0] = 0x1A;
    block[1] = 0x45;
    block[2] = (byte) 0xDF;
    block[3] = (byte) 0xA3;
    try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long left = bytes;
      while (left > 0) {
        ByteBuffer b = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, left));
        while (b.hasRemaining()) left -= out.write(b);
        block[0] = 0;
      }
    }
  }

  /** Nanoseconds that {@code cat file > /dev/null} took. */
  private static long cat(Path file) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p = new ProcessBuilder("cat", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (p.waitFor() != 0) throw new IOException("cat failed on " + file);
    return System.nanoTime() - start;
  }

  private static Path storedFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no stored recording in " + dir));
    }
  }

  /** An account's token and a public space of its own workspace. */
  private static String[] setUp(String base) throws IOException, InterruptedException {
    var http = java.net.http.HttpClient.newHttpClient();
    String email = "bench-" + System.nanoTime() + "@example.test";
    post(http, base + "/api/v1/accounts", null, Map.of("email", email, "name", "Bench", "password", "correct horse battery"));
    String token = post(http, base + "/api/v1/tokens", null, Map.of("email", email, "password", "correct horse battery", "label", "bench"))
        .path("token").asText();
    String workspace = post(http, base + "/api/v1/workspaces", token, Map.of("name", "Bench")).path("id").asText();
    String space = post(http, base + "/api/v1/workspaces/" + workspace + "/spaces", token, Map.of("name", "Recordings", "visibility", "public"))
        .path("id").asText();
    return new String[] {token, space};
  }

  static JsonNode post(java.net.http.HttpClient http, String url, String token, Object body) throws IOException, InterruptedException {
    var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) b.header("Authorization", "Bearer " + token);
    var r = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) throw new IOException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
    return JSON.readTree(r.body());
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return mb(bytes) / (nanos / 1e9);
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      return p.waitFor() == 0 ? out : "unknown";
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  private static void say(String what) {
    System.out.println("bench range: " + what);
  }
}
