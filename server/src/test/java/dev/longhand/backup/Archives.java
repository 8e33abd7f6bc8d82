package dev.longhand.backup;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Archives for the tests of refusals and interruptions: made from a real server, then cut short or changed. */
final class Archives {
  static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private Archives() {}

  /** A backup of a SQLite server with a thread, a reply and a text file of {@code fileBytes} bytes. */
  static Path small(Path dir, byte[] fileBytes) throws Exception {
    try (OwnServer s = OwnServer.with(TestServers.config(Db.SQLITE), "Product")) {
      String thread = s.team.ana.api().post("/api/v1/spaces/" + s.space + "/threads", Map.of("title", "Launch plan", "body", "We ship Friday.")).text("id");
      s.team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Friday works."));
      var up = dev.longhand.testkit.Multipart.upload(s.server.baseUrl() + "/api/v1/spaces/" + s.space + "/files", s.team.ana.token(), "name", null,
          "notes.txt", "text/plain", fileBytes);
      if (up.status() != 201) throw new IllegalStateException(up.body());
      s.settle();
      Path archive = dir.resolve("backup.zip");
      Backup.run(s.config, archive, QUIET);
      return archive;
    }
  }

  /**
   * A fresh, empty target: a new data directory and, for PostgreSQL, a new database that stays pinned by a connection
   * until {@link dev.longhand.testkit.Databases#drop}, so that other test runs sweeping unused test databases leave it
   * alone while no server or restore is connected to it.
   */
  static dev.longhand.config.Config freshTarget(Db db) {
    dev.longhand.config.Config c = TestServers.emptyConfig(Db.SQLITE);
    return db == Db.SQLITE ? c : c.withOverrides(null, null, dev.longhand.testkit.Databases.emptyUrl(Db.POSTGRESQL), null);
  }

  /** A copy of {@code archive} with each entry's bytes passed through {@code change} (null drops the entry). */
  static Path rewritten(Path archive, Path to, BiFunction<String, byte[], byte[]> change) throws IOException {
    try (ZipFile in = new ZipFile(archive.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      for (ZipEntry e : in.stream().toList()) {
        byte[] bytes = change.apply(e.getName(), in.getInputStream(e).readAllBytes());
        if (bytes == null) continue;
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(bytes);
        out.closeEntry();
      }
    }
    return to;
  }

  /** The first {@code length} bytes of {@code archive}. */
  static Path truncated(Path archive, Path to, long length) throws IOException {
    byte[] all = Files.readAllBytes(archive);
    Files.write(to, java.util.Arrays.copyOf(all, (int) length));
    return to;
  }

  /** Where the data of an entry begins: just after its local header's name (no extra field in what Java writes). */
  static long dataOffset(Path archive, String entry) throws IOException {
    byte[] all = Files.readAllBytes(archive);
    byte[] name = entry.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 30; i + name.length <= all.length; i++) {
      for (int j = 0; j < name.length; j++) if (all[i + j] != name[j]) continue outer;
      if (all[i - 30] == 'P' && all[i - 29] == 'K' && all[i - 28] == 3 && all[i - 27] == 4) return i + name.length;
    }
    throw new IllegalStateException(entry + " is not in " + archive);
  }

  static List<String> entries(Path archive) throws IOException {
    try (ZipFile z = new ZipFile(archive.toFile())) {
      List<String> names = new ArrayList<>();
      z.stream().forEach(e -> names.add(e.getName()));
      return names;
    }
  }

  /** Whether a database has any table (Flyway's history counts). */
  static boolean hasTables(String jdbcUrl, Db db) throws Exception {
    try (Connection c = BackupStore.connect(jdbcUrl)) {
      return BackupStore.state(c, db == Db.SQLITE ? dev.longhand.store.Database.Dialect.SQLITE : dev.longhand.store.Database.Dialect.POSTGRESQL).anyTable();
    }
  }

  /** {@code longhand <args>} in a JVM of its own, as an operator runs it; the data directory and database from the flags. */
  static ProcessBuilder cli(Path output, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        dev.longhand.Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("LONGHAND_DATABASE_URL");
    pb.environment().remove("LONGHAND_DATA_DIR");
    return pb.redirectErrorStream(true).redirectOutput(output.toFile());
  }

  static int run(ProcessBuilder pb) throws Exception {
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("the command did not end");
    }
    return p.exitValue();
  }

  static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
