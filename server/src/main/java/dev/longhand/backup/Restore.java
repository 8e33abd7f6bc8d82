package dev.longhand.backup;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.file.Storage;
import dev.longhand.search.SearchIndex;
import dev.longhand.search.SearchIndexer;
import dev.longhand.store.Database;
import dev.longhand.store.Database.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.zip.ZipFile;
import me.tongfei.progressbar.ProgressBar;

/**
 * {@code longhand restore}: an archive into an empty target. In order: the target is checked empty (or left by an
 * interrupted restore), the whole archive is verified (nothing is written before), the target is marked and wiped,
 * the schema migrated, the rows loaded, the files copied into the target's {@link Storage} (its data directory, or
 * the bucket of {@code LONGHAND_STORAGE_URL}), the search index rebuilt, and the marks removed last.
 */
public final class Restore {
  /** What a restore wrote. */
  public record Result(Manifest manifest, long rows, int files, long indexed, long millis) {}

  private Restore() {}

  public static Result run(Config config, Path from, PrintStream err) throws IOException, SQLException {
    long started = System.nanoTime();
    if (!Files.isRegularFile(from)) throw new IllegalArgumentException("there is no archive at " + from);
    String url = config.jdbcUrl();
    Dialect dialect = Database.dialectOf(url);
    Target target = new Target(config.dataDir(), url, dialect);
    target.refuseUnlessEmpty();
    Manifest manifest = ArchiveCheck.verify(from, Versions.schema(dialect), err);
    try (Storage storage = Storage.open(config)) { // a bucket that cannot be reached fails here, before anything is written
      return restore(from, target, manifest, storage, err, started);
    }
  }

  private static Result restore(Path from, Target target, Manifest manifest, Storage storage, PrintStream err, long started)
      throws IOException, SQLException {
    String url = target.url;
    target.markAndWipe();
    try (Database db = Database.open(url)) {
      db.migrate();
    }
    long rows;
    int files = 0;
    try (ZipFile zip = new ZipFile(from.toFile())) {
      long total = manifest.tables().stream().mapToLong(Manifest.Table::rows).sum();
      try (ProgressBar bar = Progress.rows(err, "Rows  ", total)) {
        rows = RowLoader.load(zip, manifest, url, target.dialect, bar);
      }
      long bytes = 0;
      for (Manifest.Entry e : manifest.entries()) if (ArchiveFiles.isFileEntry(e.name())) bytes += e.size();
      try (ProgressBar bar = Progress.bytes(err, "Files ", bytes)) {
        for (Manifest.Entry e : manifest.entries()) {
          if (!ArchiveFiles.isFileEntry(e.name())) continue;
          copy(zip, e, storage, bar);
          files++;
        }
      }
    }
    err.println("Rebuilding the search index...");
    long indexed;
    try (Database db = Database.open(url); SearchIndex index = SearchIndex.openIn(target.dataDir)) {
      indexed = SearchIndexer.rebuild(db, index, Longhand.searchSources());
    }
    target.unmark();
    return new Result(manifest, rows, files, indexed, (System.nanoTime() - started) / 1_000_000);
  }

  /** Whether a restore into this data directory started and did not finish (a server must not serve it). */
  public static boolean unfinishedIn(Path dataDir) {
    return Target.unfinished(dataDir);
  }

  /**
   * One stored file, written aside where uploads are, checked against the manifest, then handed to the storage (on
   * local disk: synced and moved into place).
   */
  private static void copy(ZipFile zip, Manifest.Entry e, Storage storage, ProgressBar bar) throws IOException {
    int slash = e.name().indexOf('/');
    String kind = e.name().substring(0, slash);
    // left by a restore that was killed: the next one wipes it, and no server starts on the data directory meanwhile
    Path part = Files.createDirectories(storage.incoming(kind)).resolve(".restoring-" + e.name().substring(slash + 1));
    Manifest.Entry written;
    try (InputStream in = zip.getInputStream(zip.getEntry(e.name())); OutputStream file = Files.newOutputStream(part)) {
      Digests.Out out = new Digests.Out(file);
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        bar.stepBy(n);
      }
      out.flush();
      written = out.entry(e.name());
    }
    if (!written.sha256().equals(e.sha256())) {
      Files.delete(part);
      throw new ArchiveCheck.Refused("the archive changed while it was restored: entry " + e.name() + " no longer matches its checksum");
    }
    storage.of(kind).put(e.name().substring(slash + 1), part);
  }
}
