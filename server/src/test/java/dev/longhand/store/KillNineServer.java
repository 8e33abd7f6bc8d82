package dev.longhand.store;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.TestServers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;

/**
 * The server that {@link KillNineTest} kills: Longhand on SQLite in a data directory, which notes after each sync of
 * the log how long the log was when the sync began, one line per sync in {@code longhand.db-wal.synced}; what a
 * power cut would leave of the log is that much. In the {@code unsynced} mode it skips the sync and notes nothing,
 * as a server that forgot to fsync would; the test must then notice lost writes.
 *
 * <p>Arguments: the data directory, then {@code synced} or {@code unsynced}. Prints {@code serving at <url>}.
 */
public final class KillNineServer {
  static final String SYNCED_LENGTHS = "longhand.db-wal.synced";

  private KillNineServer() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    boolean synced = !"unsynced".equals(args[1]);
    FileChannel notes = FileChannel.open(dataDir.resolve(SYNCED_LENGTHS),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    // A checkpoint would copy log frames into the database file, where cutting the log back cannot reach them.
    Database.checkpointInBackground = false;
    GroupCommitWriter.defaultSync = (path, directory) -> {
      if (!synced) return;
      try (FileChannel log = FileChannel.open(path, StandardOpenOption.READ)) {
        long length = directory ? -1 : log.size(); // everything written before the sync began is on disk once it returns
        log.force(false);
        if (!directory) note(notes, length);
      }
    };
    Config config = Config.fromEnvironment(Map.of("LONGHAND_RATE_LIMITS", "off"))
        .withOverrides(0, dataDir, "", "")
        .withPasswordCost(TestServers.CHEAP_PASSWORDS);
    Longhand server = Longhand.start(config, Clock.systemUTC());
    // The schema, written before any write of ours, is on disk from here: sync it once, whatever the mode.
    Path log = dataDir.resolve("longhand.db-wal");
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
      long length = channel.size();
      channel.force(false);
      note(notes, length);
    }
    System.out.println("serving at http://127.0.0.1:" + server.port());
    System.out.flush();
    java.lang.Thread.currentThread().join(); // until killed
  }

  private static synchronized void note(FileChannel notes, long length) throws IOException {
    notes.write(ByteBuffer.wrap((length + "\n").getBytes(StandardCharsets.US_ASCII)));
  }
}
