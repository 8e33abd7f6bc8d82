package dev.longhand.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.longhand.config.Config;
import dev.longhand.file.Storage;
import dev.longhand.store.Database;
import dev.longhand.store.Database.Dialect;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import me.tongfei.progressbar.ProgressBar;

/**
 * {@code longhand backup}: one consistent archive of a running server's database and the files its rows name. On local
 * disk the files present are hard-linked aside first (so one deleted meanwhile is still there to copy), then the
 * database is read from one snapshot ({@code VACUUM INTO} a scratch file on SQLite; one REPEATABLE READ READ ONLY
 * transaction on PostgreSQL), every table as JSON Lines, then every file a snapshot row names, then the manifest. When
 * recordings and files are in a bucket ({@code LONGHAND_STORAGE_URL}) their bytes are read from it after the snapshot,
 * through the same {@link Storage} the server uses: the archive holds them all the same, and restores anywhere. Nothing
 * takes the data directory's lock or writes to the database; the archive appears under its name only once complete.
 */
public final class Backup {
  static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** The table of store.NodeLease, left out of archives. */
  static final String NODE_LEASES = "node_leases";

  /** What a backup wrote. */
  public record Result(Path archive, Manifest manifest, long rows, int files, long archiveBytes, long millis) {}

  private Backup() {}

  public static Result run(Config config, Path to, PrintStream err) throws IOException, SQLException {
    long started = System.nanoTime();
    String url = config.jdbcUrl();
    Dialect dialect = Database.dialectOf(url);
    Path dataDir = config.dataDir().toAbsolutePath();
    to = to.toAbsolutePath();
    if (Files.isDirectory(to)) throw new IllegalArgumentException("--to must name a file, not the directory " + to);
    if (dialect == Dialect.SQLITE && !Files.isRegularFile(sqliteFile(url))) {
      throw new IllegalStateException("there is no Longhand database at " + sqliteFile(url) + " (set LONGHAND_DATA_DIR or --data-dir)");
    }
    Path work = Files.isDirectory(dataDir) ? Files.createTempDirectory(dataDir, ".backup-") : Files.createTempDirectory("longhand-backup");
    Path part = to.resolveSibling(to.getFileName() + ".part");
    try (Storage storage = Storage.open(config)) {
      StoredBytes bytes = storage.inObjectStorage() ? inBucket(storage) : linked(linkFiles(dataDir, work), dataDir);
      Written written;
      try (Snapshot snapshot = Snapshot.take(url, dialect, work)) {
        written = write(snapshot, part, dialect, err);
      }
      Manifest manifest = finish(written, bytes, part, err);
      try (FileChannel c = FileChannel.open(part, StandardOpenOption.WRITE)) {
        c.force(true);
      }
      try {
        Files.move(part, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, to, StandardCopyOption.REPLACE_EXISTING);
      }
      long rows = manifest.tables().stream().mapToLong(Manifest.Table::rows).sum();
      int files = manifest.entries().size() - manifest.tables().size();
      return new Result(to, manifest, rows, files, Files.size(to), (System.nanoTime() - started) / 1_000_000);
    } finally {
      Files.deleteIfExists(part);
      deleteTree(work);
    }
  }

  /** The tables written, the archive still open for the files and the manifest. */
  private record Written(ZipOutputStream zip, Manifest head, List<Manifest.Entry> entries, TreeSet<String> files) {}

  private static Written write(Snapshot snapshot, Path part, Dialect dialect, PrintStream err) throws IOException, SQLException {
    Connection c = snapshot.connection();
    String createdAt = Instant.now().toString();
    int schemaVersion = BackupStore.appliedSchemaVersion(c);
    List<Manifest.Table> tables = new ArrayList<>();
    long total = 0;
    for (String name : BackupStore.tables(c, dialect)) {
      if (name.equals(NODE_LEASES)) continue; // the servers running on this database, not its data: a restore starts with none
      long rows = BackupStore.count(c, name);
      List<Manifest.Column> columns = new ArrayList<>(BackupStore.columns(c, dialect, name));
      columns.removeIf(col -> BackupStore.placeOnly(name, col.name()));
      tables.add(new Manifest.Table(name, columns, rows));
      total += rows;
    }
    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(part), 1 << 16));
    List<Manifest.Entry> entries = new ArrayList<>();
    TreeSet<String> files = new TreeSet<>();
    try (ProgressBar bar = Progress.rows(err, "Tables", total)) {
      for (Manifest.Table t : tables) {
        zip.putNextEntry(new ZipEntry(t.entry()));
        Digests.Out out = new Digests.Out(zip);
        Map<Integer, String> fileColumns = new HashMap<>();
        for (ArchiveFiles.FileColumn f : ArchiveFiles.COLUMNS) {
          if (!f.table().equals(t.name())) continue;
          for (int i = 0; i < t.columns().size(); i++) if (t.columns().get(i).name().equals(f.column())) fileColumns.put(i, f.dir());
        }
        long[] written = {0};
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
          BackupStore.eachRow(c, dialect, t.name(), t.columns(), values -> {
            Rows.write(g, t.columns(), values);
            for (var f : fileColumns.entrySet()) {
              String name = (String) values[f.getKey()];
              if (name == null) continue;
              if (!ArchiveFiles.safeName(name)) throw new IllegalStateException(t.name() + " names a file that is not the server's: " + name);
              files.add(f.getValue() + "/" + name);
            }
            written[0]++;
            bar.step();
          });
        }
        if (written[0] != t.rows()) throw new IllegalStateException("table " + t.name() + " changed during its snapshot");
        entries.add(out.entry(t.entry()));
        zip.closeEntry();
      }
    } catch (IOException | SQLException | RuntimeException e) {
      zip.close();
      throw e;
    }
    Manifest head = new Manifest(Manifest.FORMAT, Versions.longhand(), schemaVersion, dialect.name().toLowerCase(java.util.Locale.ROOT),
        createdAt, List.copyOf(tables), List.of());
    return new Written(zip, head, entries, files);
  }

  /** Where the files' bytes are read from: the links taken before the snapshot, or the bucket. */
  private interface StoredBytes {
    /** The entry's size; an {@link IllegalStateException} saying so when there is no such file. */
    long size(String entry) throws IOException;

    InputStream open(String entry, long size) throws IOException;
  }

  /** The files linked aside before the snapshot, and those the data directory still holds. */
  private static StoredBytes linked(Map<String, Path> linked, Path dataDir) {
    return new StoredBytes() {
      @Override
      public long size(String entry) throws IOException {
        Path source = linked.getOrDefault(entry, ArchiveFiles.target(dataDir, entry));
        if (!Files.isRegularFile(source)) {
          throw new IllegalStateException("the database names " + entry + " but the data directory " + dataDir + " has no such file");
        }
        return Files.size(source);
      }

      @Override
      public InputStream open(String entry, long size) throws IOException {
        return Files.newInputStream(linked.getOrDefault(entry, ArchiveFiles.target(dataDir, entry)));
      }
    };
  }

  /**
   * The objects in the bucket, read after the snapshot. One a snapshot row names that is gone fails the backup: a
   * recording deleted while the backup ran takes its bytes with it (the bucket keeps no link to them), and a second
   * run, whose snapshot no longer holds the row, succeeds.
   */
  private static StoredBytes inBucket(Storage storage) {
    return new StoredBytes() {
      @Override
      public long size(String entry) throws IOException {
        int slash = entry.indexOf('/');
        try {
          return storage.of(entry.substring(0, slash)).size(entry.substring(slash + 1));
        } catch (java.nio.file.NoSuchFileException e) {
          throw gone(entry);
        }
      }

      @Override
      public InputStream open(String entry, long size) throws IOException {
        int slash = entry.indexOf('/');
        try {
          return Channels.newInputStream(storage.of(entry.substring(0, slash)).open(entry.substring(slash + 1), 0, size));
        } catch (java.nio.file.NoSuchFileException e) {
          throw gone(entry);
        }
      }

      private IllegalStateException gone(String entry) {
        return new IllegalStateException("the database names " + entry + " but " + storage.where() + " has no such object"
            + " (deleted while the backup ran? then run it again)");
      }
    };
  }

  /** Adds every file the snapshot's rows name, then the manifest, and closes the archive. */
  private static Manifest finish(Written w, StoredBytes stored, Path part, PrintStream err) throws IOException {
    try (ZipOutputStream zip = w.zip()) {
      Map<String, Long> sizes = new HashMap<>();
      long bytes = 0;
      for (String entry : w.files()) {
        long size = stored.size(entry);
        sizes.put(entry, size);
        bytes += size;
      }
      zip.setLevel(1); // media and images hardly compress: spend little time trying
      List<Manifest.Entry> entries = new ArrayList<>(w.entries());
      try (ProgressBar bar = Progress.bytes(err, "Files ", bytes)) {
        byte[] buffer = new byte[1 << 16];
        for (String entry : w.files()) {
          zip.putNextEntry(new ZipEntry(entry));
          Digests.Out out = new Digests.Out(zip);
          long copied = 0;
          try (InputStream in = stored.open(entry, sizes.get(entry))) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
              out.write(buffer, 0, n);
              copied += n;
              bar.stepBy(n);
            }
          }
          if (copied != sizes.get(entry)) throw new IllegalStateException(entry + " changed while the backup read it");
          entries.add(out.entry(entry));
          zip.closeEntry();
        }
      }
      Manifest m = new Manifest(w.head().format(), w.head().longhandVersion(), w.head().schemaVersion(), w.head().sourceDatabase(),
          w.head().createdAt(), w.head().tables(), List.copyOf(entries));
      zip.setLevel(6);
      zip.putNextEntry(new ZipEntry(Manifest.NAME));
      JSON.writeValue(zip, m);
      zip.closeEntry();
      return m;
    }
  }

  /**
   * Hard links to every stored file (or copies, where links are not possible), taken before the snapshot: files are
   * written once and never changed, so a link keeps the bytes of one that is deleted while the backup runs.
   */
  private static Map<String, Path> linkFiles(Path dataDir, Path work) throws IOException {
    Map<String, Path> linked = new HashMap<>();
    for (String dir : ArchiveFiles.DIRS) {
      Path from = dataDir.resolve(dir);
      if (!Files.isDirectory(from)) continue;
      Path into = Files.createDirectories(work.resolve(dir));
      try (var list = Files.newDirectoryStream(from)) {
        for (Path p : list) {
          String name = p.getFileName().toString();
          if (!ArchiveFiles.safeName(name) || !Files.isRegularFile(p)) continue;
          Path link = into.resolve(name);
          try {
            Files.createLink(link, p);
          } catch (java.nio.file.NoSuchFileException gone) {
            continue; // deleted since it was listed
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(p, link);
          }
          linked.put(dir + "/" + name, link);
        }
      }
    }
    return linked;
  }

  static Path sqliteFile(String url) {
    String file = url.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    if (query >= 0) file = file.substring(0, query);
    if (file.startsWith("file:")) file = file.substring("file:".length());
    return Path.of(file).toAbsolutePath();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (var all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  /** The database as of one instant: a private copy (SQLite) or an open read-only transaction (PostgreSQL). */
  private record Snapshot(Connection connection, Path copy) implements AutoCloseable {
    static Snapshot take(String url, Dialect dialect, Path work) throws SQLException, IOException {
      if (dialect == Dialect.POSTGRESQL) {
        Connection c = BackupStore.connect(url);
        BackupStore.beginSnapshot(c);
        return new Snapshot(c, null);
      }
      Path copy = work.resolve("snapshot.db");
      try (Connection live = BackupStore.connect(url)) {
        BackupStore.vacuumInto(live, copy);
      }
      return new Snapshot(BackupStore.connect("jdbc:sqlite:" + copy), copy);
    }

    @Override
    public void close() throws SQLException, IOException {
      try {
        if (!connection.getAutoCommit()) connection.rollback(); // read only: nothing to keep
      } finally {
        connection.close();
        if (copy != null) Files.deleteIfExists(copy);
      }
    }
  }
}
