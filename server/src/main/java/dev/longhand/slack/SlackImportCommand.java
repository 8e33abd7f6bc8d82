package dev.longhand.slack;

import dev.longhand.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code longhand import-slack --workspace NAME --owner EMAIL FILE.zip}: imports a Slack export with the server
 * stopped (it refuses while a server holds the same data directory's search index), showing a progress bar on
 * stderr and printing a summary of what it imported and skipped.
 */
@Command(name = "import-slack", description = "Import a Slack export (zip) into a workspace, with the server stopped; running it again imports nothing twice.")
public final class SlackImportCommand implements Callable<Integer> {
  @Option(names = "--workspace", required = true, description = "workspace to import into; made, owned by --owner, when that account owns none of this name")
  String workspace;

  @Option(names = "--owner", required = true, description = "email of an existing account: the workspace's owner and the creator of its spaces")
  String owner;

  @Parameters(index = "0", paramLabel = "FILE.zip", description = "the Slack export")
  Path zip;

  @Option(names = "--data-dir", description = "data directory (env LONGHAND_DATA_DIR, default ./longhand-data)")
  Path dataDir;

  @Option(names = "--database-url", description = "JDBC URL (env LONGHAND_DATABASE_URL); jdbc:postgresql://... uses PostgreSQL")
  String databaseUrl;

  @Option(names = "--quiet", description = "no progress bar")
  boolean quiet;

  @Override
  public Integer call() {
    Config config = Config.fromEnvironment(System.getenv()).withOverrides(null, dataDir, databaseUrl, null);
    long started = System.nanoTime();
    SlackSummary summary = SlackImport.run(config, new SlackImport.Options(workspace, owner, zip), Clock.systemUTC(),
        quiet ? null : System.err);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.print(summary.text());
    System.out.printf("%d messages read in %.1f s (%.0f messages/s).%n", summary.messagesSeen, seconds,
        summary.messagesSeen / Math.max(seconds, 0.001));
    return 0;
  }
}
