package dev.longhand.testkit;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.Operations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Real Longhand servers on port 0, one per database, shared by every test class in the run.
 * Tests isolate themselves by making their own people and workspaces.
 *
 * <p>PostgreSQL is expected at 127.0.0.1:5432 (trust auth); each run gets a fresh database. When
 * it is not reachable the PostgreSQL tests are skipped with a message, except under CI=true,
 * where they fail: CI never skips for lack of a service.
 */
public final class TestServers {
  public static final String PG_ADMIN_URL = System.getenv().getOrDefault("LONGHAND_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
  private static final Map<Db, Longhand> RUNNING = new EnumMap<>(Db.class);
  private static final Map<Db, RuntimeException> FAILED = new EnumMap<>(Db.class);
  private static final java.util.concurrent.atomic.AtomicBoolean LEFTOVERS_CLEANED = new java.util.concurrent.atomic.AtomicBoolean();
  /**
   * Argon2id at its smallest (8 KiB, one pass): tests need no protection from guessing, and at OWASP's cost the
   * {@link Team}'s ten hashes were about 44% of the suite's time. Production's cost is pinned by PasswordsTest.
   */
  public static final Config.PasswordCost CHEAP_PASSWORDS = new Config.PasswordCost(8, 1, 1);

  /** How much higher the rate limits of test servers are than the defaults. */
  public static final double SUITE_RATE_LIMIT_SCALE = 100;

  private TestServers() {}

  public static synchronized Longhand get(Db db) {
    if (FAILED.containsKey(db)) throw FAILED.get(db);
    try {
      return RUNNING.computeIfAbsent(db, TestServers::startServer);
    } catch (RuntimeException e) {
      FAILED.put(db, e); // one failed start, not one per test
      throw e;
    }
  }

  public static Config config(Db db) {
    Config config = emptyConfig(db);
    if (db == Db.SQLITE) {
      try {
        Files.copy(migratedSqliteTemplate(), config.dataDir().resolve("longhand.db"));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return config;
  }

  /** The suite's configuration with nothing in its data directory yet: what a restore or an import starts from. */
  public static Config emptyConfig(Db db) {
    try {
      Path dir = Files.createTempDirectory("longhand-test-" + db.name().toLowerCase());
      String url = db == Db.SQLITE ? null : migratedPostgresDatabase();
      // Trusting X-Forwarded-For lets the throttling tests act from their own addresses.
      // Rate limits stay on, a hundred times higher: the whole suite signs its people up from 127.0.0.1.
      return new Config(0, dir, Optional.ofNullable(url), "", "127.0.0.1", true).withPasswordCost(CHEAP_PASSWORDS)
          .withOperations(Operations.DEFAULTS.withRateLimitScale(SUITE_RATE_LIMIT_SCALE));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Longhand startServer(Db db) {
    Config config = config(db);
    Longhand server = Longhand.start(config, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      config.databaseUrl().ifPresent(TestServers::dropDatabase);
    }));
    return server;
  }

  public static void dropDatabase(String url) {
    String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL)) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + name);
    } catch (SQLException e) {
      System.err.println("could not drop test database " + name + ": " + e.getMessage());
    }
  }

  /**
   * Drops test databases that earlier runs left behind: those whose name carries the id of a process that is gone.
   * The suite's forks run side by side, each creating databases; one of a live process is never touched (it may be
   * created and not yet connected to), and one still in use refuses, and stays.
   */
  private static void dropLeftovers(Connection c) throws SQLException {
    var names = new java.util.ArrayList<String>();
    try (var rs = c.createStatement().executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'longhand\\_test\\_%'")) {
      while (rs.next()) names.add(rs.getString(1));
    }
    for (String n : names) {
      var pid = java.util.regex.Pattern.compile("^longhand_test_p(\\d+)_").matcher(n);
      if (pid.find() && ProcessHandle.of(Long.parseLong(pid.group(1))).isPresent()) continue;
      try {
        c.createStatement().execute("DROP DATABASE " + n);
      } catch (SQLException inUse) {
        // another run is using it
      }
    }
  }

  /** Creates an empty PostgreSQL database and returns its URL, or skips (fails under CI) without a server. */
  public static String freshPostgresDatabase() {
    return createPostgresDatabase(null);
  }

  private static String migratedTemplate;
  private static Path migratedSqliteTemplate;

  /**
   * A SQLite database file with the schema in place, copied into each new data directory: running the migrations
   * was about a third of a server's start in the suite, and a test run starts over a hundred. The server still checks
   * the copied schema against its migrations as it starts.
   */
  static synchronized Path migratedSqliteTemplate() throws java.io.IOException {
    if (migratedSqliteTemplate == null) {
      Path file = Files.createTempDirectory("longhand-sqlite-template").resolve("longhand.db");
      Databases.open("jdbc:sqlite:" + file).close(); // the last connection's close folds the log into the file
      if (Files.exists(Path.of(file + "-wal"))) throw new IllegalStateException("the migrated template kept its log: " + file);
      migratedSqliteTemplate = file;
    }
    return migratedSqliteTemplate;
  }

  /**
   * A PostgreSQL database with the schema already in place, copied from a template this test JVM migrated once
   * ({@code CREATE DATABASE ... TEMPLATE}): Flyway's 37 migrations took about 0.4 s per server, and over a hundred
   * servers start in a run. Storage tests take copies too ({@link Databases#freshUrl}); restores and imports an empty one.
   */
  static String migratedPostgresDatabase() {
    return createPostgresDatabase(migratedTemplate());
  }

  private static synchronized String migratedTemplate() {
    if (migratedTemplate == null) {
      String url = freshPostgresDatabase();
      dev.longhand.store.Database schema = Databases.open(url);
      schema.close(); // no session may stay connected to a template
      migratedTemplate = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropDatabase(url)));
    }
    return migratedTemplate;
  }

  private static String createPostgresDatabase(String template) {
    String name = "longhand_test_p" + ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL)) {
      if (LEFTOVERS_CLEANED.compareAndSet(false, true)) dropLeftovers(c);
      c.createStatement().execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    } catch (SQLException e) {
      String message = "PostgreSQL is not reachable at " + PG_ADMIN_URL + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException(message + "; CI requires it", e);
      Assumptions.abort(message + "; skipping the PostgreSQL run. Start PostgreSQL or run .ci/run.");
    }
    return PG_ADMIN_URL.replace("/postgres?", "/" + name + "?");
  }
}
