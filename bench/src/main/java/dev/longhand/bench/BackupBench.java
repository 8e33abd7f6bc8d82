package dev.longhand.bench;

import dev.longhand.Longhand;
import dev.longhand.backup.Backup;
import dev.longhand.backup.Restore;
import dev.longhand.bench.BenchDatabase.Kind;
import dev.longhand.config.Config;
import dev.longhand.config.Operations;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./longhand bench backup}: backup and restore of the load benchmark's seeded data (10,000 threads through the
 * API, as {@link LoadRun#seed} makes them) on each database: the backup's time while the server runs, the archive's
 * size, and the restore's time into a fresh target of the same database and of the other one.
 */
@Command(name = "longhand bench backup", mixinStandardHelpOptions = true,
    description = "Backup and restore time and archive size for the load benchmark's seeded data.")
public final class BackupBench implements Callable<Integer> {
  @Option(names = "--db", defaultValue = "both", description = "sqlite, postgresql or both (default: ${DEFAULT-VALUE})")
  String db;

  @Option(names = "--seed-threads", defaultValue = "10000", description = "threads seeded (default: ${DEFAULT-VALUE})")
  int seedThreads;

  @Option(names = "--clients", defaultValue = "8", description = "clients seeding at once (default: ${DEFAULT-VALUE})")
  int clients;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BackupBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<Kind> kinds = switch (db) {
      case "sqlite" -> List.of(Kind.SQLITE);
      case "postgresql" -> List.of(Kind.POSTGRESQL);
      default -> List.of(Kind.SQLITE, Kind.POSTGRESQL);
    };
    List<String> rows = new ArrayList<>();
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Path scratch = Files.createTempDirectory("longhand-bench-backup");
    for (Kind kind : kinds) {
      try (BenchDatabase source = BenchDatabase.create(kind)) {
        Config config = new Config(0, source.dataDir(), source.serverUrl(), "", "127.0.0.1", false)
            .withOperations(Operations.DEFAULTS.withRateLimitScale(0));
        Path archive = scratch.resolve(source.label() + ".zip");
        Backup.Result backup;
        try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
          LoadRun.Team team = LoadRun.setUp("http://127.0.0.1:" + server.port(), clients);
          LoadRun.Seeded seeded = LoadRun.seed(team, server.database(), seedThreads, 100, Duration.ofMinutes(10));
          System.err.printf("%s: seeded %d threads (%d through the API) in %.1f s%n", source.label(), seedThreads, seeded.viaApi(), seeded.seconds());
          server.dispatcher().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS);
          backup = Backup.run(config, archive, quiet); // while the server runs
        }
        rows.add(String.format("| %s | backup (server running) | %,d rows, %d tables | %.2f s | %.1f MB |", source.label(), backup.rows(),
            backup.manifest().tables().size(), backup.millis() / 1000.0, backup.archiveBytes() / 1e6));
        for (Kind into : List.of(Kind.SQLITE, Kind.POSTGRESQL)) {
          try (BenchDatabase target = BenchDatabase.create(into)) {
            Config restoreInto = new Config(0, target.dataDir(), target.serverUrl(), "", "127.0.0.1", false);
            Restore.Result r = Restore.run(restoreInto, archive, quiet);
            rows.add(String.format("| %s | restore into %s | %,d rows, %d files, %,d documents indexed | %.2f s | |", source.label(), target.label(),
                r.rows(), r.files(), r.indexed(), r.millis() / 1000.0));
          }
        }
        Files.delete(archive);
      }
    }
    Files.delete(scratch);
    String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    StringBuilder md = new StringBuilder("# Backup and restore, " + when + "\n\n");
    md.append(String.format("%d threads seeded as the load benchmark seeds them; %d cores; load average at the end: %s%n%n", seedThreads,
        Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim()));
    md.append("| source | step | what | time | archive |\n| --- | --- | --- | --- | --- |\n");
    rows.forEach(r -> md.append(r).append('\n'));
    System.out.print(md);
    Path results = Path.of("bench", "results");
    if (Files.isDirectory(results)) Files.writeString(results.resolve(when + "-backup.md"), md);
    return 0;
  }
}
