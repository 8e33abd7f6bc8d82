package dev.longhand.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** PostgreSQL's own load tool running the one-insert script (resource pgbench/one-insert.sql). */
final class Pgbench {
  private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+)", Pattern.MULTILINE);
  private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");

  private Pgbench() {}

  /** pgbench on the PATH, else the newest under /usr/lib/postgresql. */
  static Optional<Path> find() throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "pgbench");
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) return Optional.empty();
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable).max(Path::compareTo);
    }
  }

  /** Runs the script against the database (whose baseline table must exist) and returns its tps. */
  static Throughput run(Path pgbench, String database, int clients, int jobs, Duration duration)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile("one-insert-", ".sql");
    try {
      try (InputStream in = Pgbench.class.getResourceAsStream("/pgbench/one-insert.sql")) {
        Files.write(script, in.readAllBytes());
      }
      long seconds = Math.max(1, duration.toSeconds());
      List<String> command = new ArrayList<>(List.of(pgbench.toString(),
          "-h", BenchDatabase.PG_HOST, "-p", String.valueOf(BenchDatabase.PG_PORT), "-U", BenchDatabase.PG_USER,
          "-n", "-c", String.valueOf(clients), "-j", String.valueOf(jobs), "-T", String.valueOf(seconds),
          "-f", script.toString(), database));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(seconds + 60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("pgbench did not finish within " + (seconds + 60) + " s");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      Matcher tps = TPS.matcher(text);
      if (p.exitValue() != 0 || !tps.find()) {
        throw new IOException("pgbench exited with " + p.exitValue() + ":\n" + text);
      }
      Matcher processed = PROCESSED.matcher(text);
      long transactions = processed.find() ? Long.parseLong(processed.group(1)) : 0;
      double rate = Double.parseDouble(tps.group(1));
      String settings = String.join(" ", command.subList(7, command.size() - 3)) + " -f one-insert.sql";
      return new Throughput("pgbench, " + clients + " clients", transactions, transactions > 0 ? transactions / rate : seconds,
          null, settings);
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
