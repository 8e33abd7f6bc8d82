package dev.longhand.backup;

import dev.longhand.store.Database.Dialect;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where a restore writes: the data directory (SQLite's database, recordings, files, the search index) and, on
 * PostgreSQL, the database. A target counts as empty when it holds nothing, or only what a restore that did not
 * finish left: such a restore wrote {@link #MARKER} into the data directory before anything else (and marked a
 * PostgreSQL database with a schema), and removes both last, so a second restore wipes what the first left.
 */
final class Target {
  /** The file an unfinished restore leaves in the data directory. */
  static final String MARKER = ".restore-in-progress";

  final Path dataDir;
  final String url;
  final Dialect dialect;

  Target(Path dataDir, String url, Dialect dialect) {
    this.dataDir = dataDir.toAbsolutePath();
    this.url = url;
    this.dialect = dialect;
  }

  /** Refuses a target that holds data which is not a half-done restore's; answers without writing anything. */
  void refuseUnlessEmpty() throws IOException, SQLException {
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) throw new IllegalStateException(dataDir + " is a file, not a data directory");
    boolean marked = Files.exists(dataDir.resolve(MARKER));
    if (!marked && Files.isDirectory(dataDir)) {
      try (var entries = Files.list(dataDir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalStateException("the target is not empty: " + dataDir + " already holds files (restore into an empty data directory)");
        }
      }
    }
    if (dialect == Dialect.SQLITE) {
      Path file = Backup.sqliteFile(url);
      if ((marked && file.startsWith(dataDir)) || !Files.exists(file) || Files.size(file) == 0) return;
      try (Connection c = BackupStore.connect(url)) {
        if (BackupStore.state(c, dialect).anyTable()) {
          throw new IllegalStateException("the target is not empty: the database " + file + " has tables (restore into an empty one)");
        }
      }
      return;
    }
    try (Connection c = BackupStore.connect(url)) {
      BackupStore.State s = BackupStore.state(c, dialect);
      if (s.anyTable() && !s.marked()) {
        throw new IllegalStateException("the target is not empty: the PostgreSQL database " + withoutSecrets(url)
            + " has tables (restore into an empty database)");
      }
    }
  }

  /** Marks the target as being restored into, then removes whatever an earlier, interrupted restore left. */
  void markAndWipe() throws IOException, SQLException {
    Files.createDirectories(dataDir);
    Path marker = dataDir.resolve(MARKER);
    Files.writeString(marker, "A restore started here at " + java.time.Instant.now() + " and has not finished.\n", StandardCharsets.UTF_8);
    sync(marker, false);
    sync(dataDir, true);
    try (var entries = Files.list(dataDir)) {
      for (Path p : entries.toList()) if (!p.getFileName().toString().equals(MARKER)) Backup.deleteTree(p);
    }
    if (dialect == Dialect.SQLITE) {
      Path file = Backup.sqliteFile(url);
      for (String suffix : List.of("", "-wal", "-shm")) Files.deleteIfExists(Path.of(file + suffix));
      return;
    }
    try (Connection c = BackupStore.connect(url)) {
      BackupStore.mark(c);
      BackupStore.dropAll(c, dialect);
    }
  }

  /** The restore is complete: the database's mark goes, then the directory's, last. */
  void unmark() throws IOException, SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      try (Connection c = BackupStore.connect(url)) {
        BackupStore.unmark(c);
      }
    }
    Files.delete(dataDir.resolve(MARKER));
    sync(dataDir, true);
  }

  /** Whether a restore into this data directory started and did not finish. */
  static boolean unfinished(Path dataDir) {
    return Files.exists(dataDir.resolve(MARKER));
  }

  static void sync(Path p, boolean directory) {
    try (FileChannel c = FileChannel.open(p, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
      c.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some file systems cannot sync a directory
    }
  }

  static String withoutSecrets(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//[^/@]*@", "//***@");
  }
}
