package dev.longhand.testkit;

import dev.longhand.store.Database;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Bare databases, without a server, for tests of the storage layer: a SQLite file in a temporary directory or a
 * fresh PostgreSQL database (see {@link TestServers#freshPostgresDatabase}).
 */
public final class Databases {
  private Databases() {}

  /** The JDBC URL of a new, empty database. */
  public static String freshUrl(Db db) {
    if (db == Db.POSTGRESQL) return TestServers.freshPostgresDatabase();
    try {
      return "jdbc:sqlite:" + Files.createTempDirectory("longhand-db").resolve("longhand.db");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
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
    if (url.startsWith("jdbc:postgresql:")) TestServers.dropDatabase(url);
  }
}
