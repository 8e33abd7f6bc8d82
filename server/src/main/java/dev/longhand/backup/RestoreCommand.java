package dev.longhand.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code longhand restore --from FILE}: an archive into an empty data directory, or an empty PostgreSQL database. */
@Command(name = "restore", description = "Restore an archive of 'backup' into an empty data directory or empty database (LONGHAND_DATA_DIR, LONGHAND_DATABASE_URL); either database restores either's archive.")
public final class RestoreCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, description = "the archive 'longhand backup' wrote")
  Path from;

  @Option(names = "--data-dir", description = "data directory (env LONGHAND_DATA_DIR, default ./longhand-data)")
  Path dataDir;

  @Option(names = "--database-url", description = "JDBC URL (env LONGHAND_DATABASE_URL); empty for SQLite in the data directory")
  String databaseUrl;

  @Override
  public Integer call() {
    try {
      Restore.Result r = Restore.run(BackupCommand.config(dataDir, databaseUrl), from, System.err);
      System.out.printf("Restored %,d rows of %d tables and %d files (from %s, made %s), indexed %,d documents, in %.1f s%n", r.rows(),
          r.manifest().tables().size(), r.files(), r.manifest().sourceDatabase(), r.manifest().createdAt(), r.indexed(), r.millis() / 1000.0);
      return 0;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("restore failed: " + e.getMessage(), e);
    }
  }
}
