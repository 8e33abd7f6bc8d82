package dev.longhand.testkit;

import dev.longhand.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bare databases, without a server, for tests of the storage layer: a SQLite file in a temporary directory or a
 * fresh PostgreSQL database (see {@link TestServers#freshPostgresDatabase}).
 */
public final class Databases {
  /**
   * One open connection per PostgreSQL test database until {@link #drop}: other test runs drop leftover test
   * databases that nobody is connected to, which would include ours between two tests that close their pool.
   */
  private static final Map<String, Connection> PINNED = new ConcurrentHashMap<>();

  private Databases() {}

  /**
   * The JDBC URL of a new database with the schema in place: a copy of the one this test JVM migrated
   * ({@link TestServers#config}), so that {@link #open} only checks it. Flyway migrating each storage test's database
   * from nothing was 2% of the test JVMs' CPU.
   */
  public static String freshUrl(Db db) {
    if (db == Db.POSTGRESQL) return pinned(TestServers.migratedPostgresDatabase());
    try {
      Path file = Files.createTempDirectory("longhand-db").resolve("longhand.db");
      Files.copy(TestServers.migratedSqliteTemplate(), file);
      return "jdbc:sqlite:" + file;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JDBC URL of a new, empty database: what a restore or an import goes into. */
  public static String emptyUrl(Db db) {
    if (db == Db.POSTGRESQL) return pinned(TestServers.freshPostgresDatabase());
    try {
      return "jdbc:sqlite:" + Files.createTempDirectory("longhand-db").resolve("longhand.db");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pinned(String url) {
    try {
      PINNED.put(url, DriverManager.getConnection(url));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to the new test database", e);
    }
    return url;
  }

  /** Opens the database at {@code url} and brings its schema up to date. */
  public static Database open(String url) {
    Database database = Database.open(url);
    try {
      database.migrate();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  /** Drops a PostgreSQL test database (SQLite files are left to the temporary directory). */
  public static void drop(String url) {
    Connection pin = PINNED.remove(url);
    if (pin != null) {
      try {
        pin.close();
      } catch (SQLException ignored) {
        // dropping follows
      }
    }
    if (url.startsWith("jdbc:postgresql:")) TestServers.dropDatabase(url);
  }
}
