package dev.longhand.backup;

import dev.longhand.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code longhand backup --to FILE}: an archive of the database and stored files, taken while the server serves. */
@Command(name = "backup", description = "Write one consistent archive of the database, recordings and files while the server keeps serving (see docs/BACKUP.md).")
public final class BackupCommand implements Callable<Integer> {
  @Option(names = "--to", required = true, description = "the archive to write (a .zip); written aside and renamed when complete")
  Path to;

  @Option(names = "--data-dir", description = "data directory (env LONGHAND_DATA_DIR, default ./longhand-data)")
  Path dataDir;

  @Option(names = "--database-url", description = "JDBC URL (env LONGHAND_DATABASE_URL); empty for SQLite in the data directory")
  String databaseUrl;

  static Config config(Path dataDir, String databaseUrl) {
    return Config.fromEnvironment(System.getenv()).withOverrides(null, dataDir, databaseUrl, null);
  }

  @Override
  public Integer call() {
    try {
      Backup.Result r = Backup.run(config(dataDir, databaseUrl), to, System.err);
      System.out.printf("Backed up %,d rows of %d tables and %d files (%s of schema version %d) to %s: %,d bytes in %.1f s%n", r.rows(),
          r.manifest().tables().size(), r.files(), r.manifest().sourceDatabase(), r.manifest().schemaVersion(), r.archive(),
          r.archiveBytes(), r.millis() / 1000.0);
      return 0;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("backup failed: " + e.getMessage(), e);
    }
  }
}
