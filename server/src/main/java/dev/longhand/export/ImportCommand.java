package dev.longhand.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.file.Storage;
import dev.longhand.search.SearchIndex;
import dev.longhand.search.SearchIndexer;
import dev.longhand.store.Database;
import dev.longhand.store.NodeLease;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longhand import --from FILE}: brings a workspace export into this server's database
 * ({@code LONGHAND_DATABASE_URL}, else SQLite in {@code LONGHAND_DATA_DIR}), its media into its storage (the data
 * directory, or the bucket of {@code LONGHAND_STORAGE_URL}), then rebuilds the search index. The server must be
 * stopped (the search index refuses a second process). A refused archive writes nothing and exits 2 with the reason.
 */
@Command(name = "import", description = "Import a workspace export (made by POST /api/v1/workspaces/{id}/exports) into this server; stop the server first.")
public final class ImportCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, paramLabel = "FILE", description = "the export archive (.zip)")
  Path from;

  @Option(names = "--data-dir", description = "data directory (env LONGHAND_DATA_DIR, default ./longhand-data)")
  Path dataDir;

  @Option(names = "--database-url", description = "JDBC URL (env LONGHAND_DATABASE_URL); jdbc:postgresql://... uses PostgreSQL")
  String databaseUrl;

  @Override
  public Integer call() throws IOException {
    Config config = Config.fromEnvironment(System.getenv()).withOverrides(null, dataDir, databaseUrl, null);
    try {
      WorkspaceImporter.Result r = run(config, from, System.out);
      return r == null ? 2 : 0;
    } catch (ArchiveCheck.Refused refused) {
      System.err.println("longhand: import refused: " + refused.getMessage());
      return 2;
    }
  }

  /** Imports the archive into the server configured by {@code config} (not running); says what it did on {@code out}. */
  static WorkspaceImporter.Result run(Config config, Path archive, PrintStream out) throws IOException {
    if (!Files.isRegularFile(archive)) throw new IllegalArgumentException("no archive at " + archive);
    ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    Manifest manifest = ArchiveCheck.verify(archive, json); // the whole archive, before anything is opened or written
    Files.createDirectories(config.dataDir());
    try (Database db = Database.open(config.jdbcUrl()); Storage storage = Storage.open(config)) {
      db.migrate();
      NodeLease lease = NodeLease.take(db, Clock.systemUTC()); // never the ids of a server on the same database
      db.closeWith(lease);
      SearchIndex index;
      try {
        index = SearchIndex.openIn(config.dataDir());
      } catch (UncheckedIOException busy) {
        throw new IllegalStateException("the search index in " + config.dataDir() + " is in use: stop the server first");
      }
      try (index) {
        WorkspaceImporter.Result r = new WorkspaceImporter(db, lease.ids(), Clock.systemUTC(), json, storage).run(archive, manifest);
        if (r.alreadyImported()) {
          out.println("Nothing imported: this archive was imported before, as workspace " + r.workspaceId() + " (\"" + r.name() + "\").");
          return r;
        }
        long documents = SearchIndexer.rebuild(db, index, Longhand.searchSources());
        out.println("Imported workspace \"" + r.name() + "\" as " + r.workspaceId() + ": " + r.joined()
            + " existing accounts joined, " + r.created() + " new accounts (claimed by \"Forgot password\" at their address); "
            + r.rows().entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
            + ". Search index rebuilt (" + documents + " documents).");
        return r;
      }
    }
  }
}
