package dev.longhand.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A throwaway place for one run: a temporary data directory and, for PostgreSQL, a fresh database
 * {@code longhand_bench_<random>}. Closing deletes both, also when the JVM is interrupted.
 */
final class BenchDatabase implements AutoCloseable {
  enum Kind { SQLITE, POSTGRESQL }

  static final String PG_HOST = "127.0.0.1";
  static final int PG_PORT = 5432;
  static final String PG_USER = "postgres";
  private static final String PG_ADMIN_URL = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres?user=" + PG_USER;

  final Kind kind;
  private final Path dataDir;
  private final String pgName;
  private final Thread cleanupOnExit = new Thread(this::cleanUp);
  private boolean closed;

  private BenchDatabase(Kind kind, Path dataDir, String pgName) {
    this.kind = kind;
    this.dataDir = dataDir;
    this.pgName = pgName;
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
  }

  static BenchDatabase create(Kind kind) throws IOException, SQLException {
    Path dir = Files.createTempDirectory("longhand-bench-");
    if (kind == Kind.SQLITE) return new BenchDatabase(kind, dir, null);
    String name = "longhand_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return new BenchDatabase(kind, dir, name);
  }

  String label() {
    return kind == Kind.SQLITE ? "sqlite" : "postgresql";
  }

  /** The server's data directory (SQLite lives here; with PostgreSQL only the search index does). */
  Path dataDir() {
    return dataDir;
  }

  /** The server's database URL: empty means its embedded SQLite. */
  Optional<String> serverUrl() {
    return Optional.ofNullable(pgName).map(BenchDatabase::pgUrl);
  }

  /** Where the raw-insert baseline writes: its own SQLite file, or the same PostgreSQL database. */
  String baselineUrl() {
    return pgName == null ? "jdbc:sqlite:" + dataDir.resolve("baseline.db").toAbsolutePath() : pgUrl(pgName);
  }

  /** The PostgreSQL database name, for pgbench. */
  String pgName() {
    return pgName;
  }

  /**
   * PostgreSQL: writes every dirty buffer out now ({@code CHECKPOINT}), so that what is measured next starts where a
   * checkpoint cycle starts, as the baselines measured after one do. The server starts its own checkpoint every
   * five minutes, and one that began during a measured phase and not another was one of the differences between two
   * runs of the team benchmark a few minutes apart (its busiest phase 1,953 and 1,359 replies/s, 2026-12-07). Four
   * alternated runs after this change, with and without it, gave that phase 13.2% and 12.1% of pgbench with it, 12.5%
   * and 10.4% without: no cost to the ratio, and the host's own noise still the larger part. Without the right to
   * checkpoint (a role that is not a superuser and lacks {@code pg_checkpoint}) it says so and goes on.
   */
  void checkpoint() {
    if (pgName == null) return;
    try (Connection c = DriverManager.getConnection(pgUrl(pgName)); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    } catch (SQLException e) {
      System.err.println("bench: could not checkpoint " + pgName + ": " + e.getMessage());
    }
  }

  private static String pgUrl(String name) {
    return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + name + "?user=" + PG_USER;
  }

  @Override
  public void close() {
    cleanUp();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to; it finds the work done.
    }
  }

  private synchronized void cleanUp() {
    if (closed) return;
    closed = true;
    if (pgName != null) {
      try (Connection c = DriverManager.getConnection(PG_ADMIN_URL); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
      } catch (SQLException e) {
        System.err.println("bench: could not drop database " + pgName + ": " + e.getMessage());
      }
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("bench: could not delete " + dataDir + ": " + e.getMessage());
    }
  }
}
