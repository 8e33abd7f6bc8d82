package dev.longhand.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 17's start-up bar, measured as an operator meets it: {@code ./longhand serve} launched as a process of its own
 * (launcher, JVM, embedded SQLite), timed from the launch to the first 200 of {@code GET /health/ready}, with the
 * process's CPU at that moment and its resident size a second later. Each round starts once on a fresh data directory
 * (migrations, an empty index) and then {@code --warm} times on it, with the launcher's start-up cache and without it
 * ({@code LONGHAND_AOT=off}), one after the other, so that both see the same machine.
 */
@Command(name = "longhand bench start", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time from launching ./longhand serve to the first 200 of /health/ready, with and without the start-up cache.")
public final class StartBench implements Callable<Integer> {
  static final double BAR_SECONDS = 1.5;
  static final long BAR_RESIDENT_MB = 250;

  @Option(names = "--rounds", defaultValue = "3", description = "rounds, each a first start and the warm ones, per variant (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--warm", defaultValue = "3", description = "warm starts after each first start (default: ${DEFAULT-VALUE})")
  int warm;

  @Option(names = "--timeout", defaultValue = "60", description = "seconds a start may take before it counts as failed (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

  public static void main(String[] args) {
    System.exit(new CommandLine(new StartBench()).execute(args));
  }

  /** One start: milliseconds to ready, the process's CPU milliseconds then, and its resident MiB a second later. */
  record Start(String variant, boolean first, long readyMs, long cpuMs, long residentMb) {}

  enum Variant {
    CACHE("with the start-up cache", "on"), NO_CACHE("without it (LONGHAND_AOT=off)", "off");

    final String label;
    final String setting;

    Variant(String label, String setting) {
      this.label = label;
      this.setting = setting;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || warm < 0) {
      System.err.println("bench start: need --rounds of at least 1 and --warm of at least 0");
      return 2;
    }
    String loadBefore = LoadDriver.loadAverage();
    say("an unmeasured start of each variant first (it records the start-up cache if this build has none yet)");
    for (Variant v : Variant.values()) {
      Path dir = Files.createTempDirectory("longhand-start-");
      try {
        launch(v, dir, false);
      } finally {
        deleteTree(dir);
      }
    }
    List<Start> starts = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (Variant v : Variant.values()) {
        Path dir = Files.createTempDirectory("longhand-start-");
        try {
          for (int i = 0; i <= warm; i++) {
            Start s = launch(v, dir, i == 0);
            say(String.format("round %d, %s, %s: ready in %d ms, CPU %d ms, %d MiB resident", round, v.label,
                i == 0 ? "first start" : "warm start " + i, s.readyMs(), s.cpuMs(), s.residentMb()));
            starts.add(s);
          }
        } finally {
          deleteTree(dir);
        }
      }
    }
    Report.save("start", markdown(starts, loadBefore, LoadDriver.loadAverage()));
    return starts.stream().allMatch(s -> s.readyMs() >= 0) ? 0 : 1;
  }

  /** Launches {@code ./longhand serve} on {@code dir}, waits for ready, measures, and stops it (SIGTERM). */
  private Start launch(Variant variant, Path dir, boolean first) throws IOException, InterruptedException {
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder("./longhand", "serve", "--port", Integer.toString(port), "--data-dir", dir.resolve("data").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("serve.log").toFile());
    pb.environment().put("LONGHAND_AOT", variant.setting);
    pb.environment().put("LONGHAND_REQUEST_LOG", "WARN");
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2)).build();
    long t0 = System.nanoTime();
    Process server = pb.start(); // the launcher execs the JVM: this process is the server's
    try {
      long deadline = t0 + Duration.ofSeconds(timeoutSeconds).toNanos();
      while (true) {
        if (!server.isAlive()) throw new IllegalStateException("the server exited with " + server.exitValue() + ": see " + dir.resolve("serve.log"));
        if (System.nanoTime() > deadline) throw new IllegalStateException("not ready within " + timeoutSeconds + " s: see " + dir.resolve("serve.log"));
        if (answers(ready)) break;
        Thread.sleep(5);
      }
      long readyMs = (System.nanoTime() - t0) / 1_000_000;
      long cpuMs = cpuMillis(server.pid());
      Thread.sleep(1000);
      return new Start(variant.label, first, readyMs, cpuMs, residentMb(server.pid()));
    } finally {
      server.destroy();
      if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
    }
  }

  private boolean answers(HttpRequest ready) throws InterruptedException {
    try {
      return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** User and system CPU of the process so far, from {@code /proc/<pid>/stat} (clock ticks of 10 ms). */
  static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
  }

  static long residentMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
    }
    return -1;
  }

  private String markdown(List<Start> starts, String loadBefore, String loadAfter) {
    StringBuilder out = new StringBuilder("# Longhand start-up benchmark (./longhand serve, embedded SQLite)\n\n");
    out.append("- date: ").append(LocalDateTime.now().withNano(0)).append('\n');
    out.append("- commit: ").append(LoadDriver.gitCommit()).append('\n');
    out.append("- cpus: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
    out.append("- rounds: ").append(rounds).append(", each a first start on a fresh data directory and ").append(warm)
        .append(" warm starts on it, per variant, the variants one after the other\n");
    out.append("- load average: before ").append(loadBefore).append(", after ").append(loadAfter)
        .append(" (1-minute; above the CPU count means other work competed, and a start's time is then mostly waiting)\n");
    out.append("- ready: from launching the process to the first 200 of GET /health/ready (polled every 5 ms); CPU: the process's "
        + "user and system time at that moment; resident: VmRSS one second later\n\n");
    out.append("| variant | start | n | ready p50 | min | max | CPU p50 | resident p50 | max | bar (ready < ")
        .append(BAR_SECONDS).append(" s, resident < ").append(BAR_RESIDENT_MB).append(" MiB) |\n");
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (Variant v : Variant.values()) {
      for (boolean first : new boolean[] {true, false}) {
        List<Start> some = starts.stream().filter(s -> s.variant().equals(v.label) && s.first() == first).toList();
        if (some.isEmpty()) continue;
        long readyP50 = median(some.stream().map(Start::readyMs).toList());
        long residentMax = some.stream().mapToLong(Start::residentMb).max().orElse(-1);
        out.append(String.format("| %s | %s | %d | %d ms | %d ms | %d ms | %d ms | %d MiB | %d MiB | %s |%n", v.label,
            first ? "first (fresh data directory)" : "warm", some.size(), readyP50,
            some.stream().mapToLong(Start::readyMs).min().orElse(-1), some.stream().mapToLong(Start::readyMs).max().orElse(-1),
            median(some.stream().map(Start::cpuMs).toList()), median(some.stream().map(Start::residentMb).toList()), residentMax,
            readyP50 < BAR_SECONDS * 1000 && residentMax < BAR_RESIDENT_MB ? "meets it" : "misses it"));
      }
    }
    out.append("\n## Every start, in order\n\n| variant | start | ready | CPU | resident |\n| --- | --- | ---: | ---: | ---: |\n");
    for (Start s : starts) {
      out.append(String.format("| %s | %s | %d ms | %d ms | %d MiB |%n", s.variant(), s.first() ? "first" : "warm", s.readyMs(), s.cpuMs(), s.residentMb()));
    }
    return out.toString();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  private static void say(String what) {
    System.err.println("bench start: " + what);
  }
}
