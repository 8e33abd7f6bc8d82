package dev.longhand;

import dev.longhand.config.Config;
import dev.longhand.search.SearchIndex;
import dev.longhand.search.SearchIndexer;
import dev.longhand.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: {@code longhand serve | migrate | reindex}, and in its help the launcher's own commands
 * ({@code test}, {@code bench}), which the {@code longhand} script runs before Java starts.
 */
@Command(name = "longhand", mixinStandardHelpOptions = true, version = "Longhand 0.1",
    description = "An async-first collaboration server.",
    subcommands = {Main.Serve.class, Main.Migrate.class, Main.Reindex.class, Main.Test.class, Main.Bench.class,
        dev.longhand.slack.SlackImportCommand.class, dev.longhand.backup.BackupCommand.class, dev.longhand.backup.RestoreCommand.class,
        dev.longhand.export.ImportCommand.class, Main.RehearseStart.class})
public final class Main {

  public static void main(String[] args) {
    CommandLine cli = commandLine(args);
    // A bad setting or a busy data directory is the operator's to fix: say what, not where in the code.
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException)) throw e;
      cmd.getErr().println("longhand: " + e.getMessage());
      return 2;
    });
    System.exit(cli.execute(cli.getCommand() instanceof Serve ? java.util.Arrays.copyOfRange(args, 1, args.length) : args));
  }

  /**
   * {@code serve}, the command a server starts with, is parsed by its own command alone: the whole command line, every
   * subcommand's options read by reflection, took 160 ms of a start's CPU. Its help and errors read the same.
   */
  static CommandLine commandLine(String[] args) {
    if (args.length > 0 && args[0].equals("serve")) return new CommandLine(new Serve()).setCommandName("longhand serve");
    return new CommandLine(new Main());
  }

  static class ConfigOptions {
    @Option(names = "--port", description = "HTTP port (env LONGHAND_PORT, default 8080; 0 picks a free port)")
    Integer port;

    @Option(names = "--data-dir", description = "data directory (env LONGHAND_DATA_DIR, default ./longhand-data)")
    Path dataDir;

    @Option(names = "--database-url", description = "JDBC URL (env LONGHAND_DATABASE_URL); jdbc:postgresql://... uses PostgreSQL")
    String databaseUrl;

    @Option(names = "--base-url", description = "public base URL (env LONGHAND_BASE_URL)")
    String baseUrl;

    @Option(names = "--smtp-url", description = "SMTP server for email (env LONGHAND_SMTP_URL), e.g. smtps://user:password@mail.example.com:465; without it email is off")
    String smtpUrl;

    @Option(names = "--mail-from", description = "From address of email (env LONGHAND_MAIL_FROM, default longhand@<host of the base URL>)")
    String mailFrom;

    @Option(names = "--max-upload", description = "largest recording accepted (env LONGHAND_MAX_UPLOAD, default 2GB), e.g. 500MB")
    String maxUpload;

    @Option(names = "--max-file", description = "largest file or image attached to a post (env LONGHAND_MAX_FILE, default 25MB)")
    String maxFile;

    Config config() {
      java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
      if (smtpUrl != null) env.put("LONGHAND_SMTP_URL", smtpUrl);
      if (mailFrom != null) env.put("LONGHAND_MAIL_FROM", mailFrom);
      if (maxUpload != null) env.put("LONGHAND_MAX_UPLOAD", maxUpload);
      if (maxFile != null) env.put("LONGHAND_MAX_FILE", maxFile);
      return Config.fromEnvironment(env).withOverrides(port, dataDir, databaseUrl, baseUrl);
    }
  }

  @Command(name = "serve", description = "Run the server.")
  static final class Serve extends ConfigOptions implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
      Longhand longhand = Longhand.start(config(), Clock.systemUTC());
      Runtime.getRuntime().addShutdownHook(new Thread(longhand::close));
      Thread.currentThread().join();
      return 0;
    }
  }

  @Command(name = "migrate", description = "Apply database migrations and exit.")
  static final class Migrate extends ConfigOptions implements Callable<Integer> {
    @Override
    public Integer call() {
      try (Database db = Database.open(config().jdbcUrl())) {
        db.migrate();
      }
      return 0;
    }
  }

  @Command(name = "reindex", description = "Rebuild the search index from the database and exit (stop the server first).")
  static final class Reindex extends ConfigOptions implements Callable<Integer> {
    @Override
    public Integer call() {
      Config config = config();
      try (Database db = Database.open(config.jdbcUrl()); SearchIndex index = SearchIndex.openIn(config.dataDir())) {
        db.migrate();
        long documents = SearchIndexer.rebuild(db, index, Longhand.searchSources());
        System.out.println("Indexed " + documents + " documents into " + config.dataDir().resolve("search-index"));
      }
      return 0;
    }
  }

  /**
   * The run the launcher records its start-up cache from (JDK 25's AOT cache, see the {@code longhand} script): a server
   * started on a fresh temporary data directory (migrations, an empty index), stopped, started again on it as every
   * later start is, asked {@code /health/ready} and a page, and stopped. Embedded SQLite and local disk whatever the
   * environment says, so that it never touches the real database or bucket. Hidden: nobody types it.
   */
  @Command(name = "rehearse-start", hidden = true, description = "Start and stop a server on a temporary data directory (the launcher's start-up cache).")
  static final class RehearseStart implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      Path dir = java.nio.file.Files.createTempDirectory("longhand-rehearsal-");
      try {
        Config config = new Config(0, dir, java.util.Optional.empty(), "", "127.0.0.1", false);
        Longhand.start(config, Clock.systemUTC()).close();
        try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
          for (String path : new String[] {"/health/ready", "/login"}) {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(server.baseUrl() + path).toURL().openConnection();
            int status = c.getResponseCode();
            if (status != 200) throw new IllegalStateException("the rehearsal's " + path + " answered " + status);
            c.getInputStream().readAllBytes();
          }
        }
        return 0;
      } finally {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
          for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Listed so that {@code --help} names it; the launcher runs it (Maven), so reaching Java means it was called directly. */
  @Command(name = "test", description = "Run the whole test suite (SQLite, PostgreSQL, browser); launcher only: ./longhand test")
  static final class Test implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("'test' runs through the launcher: ./longhand test");
    }
  }

  /** Listed so that {@code --help} names it; the launcher runs the load driver and the JMH benchmarks. */
  @Command(name = "bench", description = "Run the load driver (./longhand bench), the JMH benchmarks (bench jmh) or range requests (bench range); launcher only, see bench/README.md")
  static final class Bench implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("'bench' runs through the launcher: ./longhand bench (see bench/README.md)");
    }
  }
}
