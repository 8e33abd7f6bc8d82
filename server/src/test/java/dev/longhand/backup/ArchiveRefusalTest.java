package dev.longhand.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.config.Config;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad archives and busy targets are refused before a restore writes anything, naming the first bad entry; a refusal
 * through the command line is one line and exit code 2.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ArchiveRefusalTest {
  @Parameter Db db;
  @TempDir Path tmp;

  private static Path archive;
  private static final byte[] NOTES = "Rollout notes\n".repeat(4000).getBytes(StandardCharsets.UTF_8);

  private Config target;

  @BeforeEach
  void archive() throws Exception {
    synchronized (ArchiveRefusalTest.class) {
      if (archive == null) archive = Archives.small(Files.createTempDirectory("longhand-archive"), NOTES);
    }
    // a data directory that does not exist yet, so "nothing written" is "it still does not exist"
    Config fresh = Archives.freshTarget(db);
    target = fresh.withOverrides(null, fresh.dataDir().resolve("target"), null, null);
  }

  @AfterEach
  void drop() {
    target.databaseUrl().ifPresent(Databases::drop);
  }

  private void refusedWritingNothing(Path bad, String... says) throws Exception {
    assertThatThrownBy(() -> Restore.run(target, bad, Archives.QUIET)).isInstanceOf(ArchiveCheck.Refused.class)
        .message().contains(says);
    assertThat(target.dataDir()).doesNotExist();
    if (db == Db.POSTGRESQL) assertThat(Archives.hasTables(target.jdbcUrl(), db)).isFalse();
  }

  @Test
  void aTruncatedArchiveIsRefusedNamingTheEntryItEndsIn() throws Exception {
    String file = Archives.entries(archive).stream().filter(n -> n.startsWith("files/")).findFirst().orElseThrow();
    long inside = Archives.dataOffset(archive, file) + 100;
    refusedWritingNothing(Archives.truncated(archive, tmp.resolve("cut.zip"), inside), "truncated", "entry " + file + " cannot be read");

    long manifestAt = Archives.dataOffset(archive, Manifest.NAME) - 30 - Manifest.NAME.length();
    String lastBefore = Archives.entries(archive).get(Archives.entries(archive).size() - 2);
    refusedWritingNothing(Archives.truncated(archive, tmp.resolve("no-manifest.zip"), manifestAt), "ends after entry " + lastBefore + " without its manifest");

    long size = Files.size(archive);
    refusedWritingNothing(Archives.truncated(archive, tmp.resolve("no-directory.zip"), size - 30), "truncated", "directory");
    refusedWritingNothing(Archives.truncated(archive, tmp.resolve("empty.zip"), 0), "is not a Longhand backup archive");
  }

  @Test
  void aTamperedArchiveIsRefusedNamingTheChangedEntry() throws Exception {
    Path tampered = Archives.rewritten(archive, tmp.resolve("tampered.zip"), (name, bytes) -> name.equals("tables/threads.jsonl")
        ? new String(bytes, StandardCharsets.UTF_8).replace("Launch plan", "Lunch plan").getBytes(StandardCharsets.UTF_8) : bytes);
    refusedWritingNothing(tampered, "entry tables/threads.jsonl does not match its checksum");

    Path dropped = Archives.rewritten(archive, tmp.resolve("dropped.zip"), (name, bytes) -> name.equals("tables/replies.jsonl") ? null : bytes);
    refusedWritingNothing(dropped, "entry tables/replies.jsonl is missing");

    Path added = Archives.rewritten(archive, tmp.resolve("added.zip"), (name, bytes) -> bytes);
    try (var fs = java.nio.file.FileSystems.newFileSystem(added)) {
      Files.writeString(fs.getPath("files", "0-evil"), "x");
    }
    refusedWritingNothing(added, "entry files/0-evil");

    // one byte flipped inside the deflated bytes of the stored file: the archive's own check or ours names it
    byte[] all = Files.readAllBytes(archive);
    String file = Archives.entries(archive).stream().filter(n -> n.startsWith("files/")).findFirst().orElseThrow();
    int at = (int) Archives.dataOffset(archive, file) + 40;
    all[at] ^= 0x55;
    Path flipped = Files.write(tmp.resolve("flipped.zip"), all);
    refusedWritingNothing(flipped, "entry " + file);
  }

  @Test
  void anArchiveOfAnotherSchemaVersionIsRefused() throws Exception {
    Path older = Archives.rewritten(archive, tmp.resolve("older.zip"), (name, bytes) -> name.equals(Manifest.NAME)
        ? new String(bytes, StandardCharsets.UTF_8).replaceFirst("\"schemaVersion\" : \\d+", "\"schemaVersion\" : 7").getBytes(StandardCharsets.UTF_8)
        : bytes);
    refusedWritingNothing(older, "schema version 7", "restores schema version " + Versions.schema(
        db == Db.SQLITE ? dev.longhand.store.Database.Dialect.SQLITE : dev.longhand.store.Database.Dialect.POSTGRESQL) + " only");
  }

  @Test
  void aTargetThatHoldsDataIsRefusedInOneLineWithExitCodeTwo() throws Exception {
    Files.createDirectories(target.dataDir());
    Path kept = Files.writeString(target.dataDir().resolve("notes.txt"), "mine");
    Path out = tmp.resolve("out.txt");
    List<String> args = new java.util.ArrayList<>(List.of("restore", "--from", archive.toString(), "--data-dir", target.dataDir().toString()));
    target.databaseUrl().ifPresent(url -> args.addAll(List.of("--database-url", url)));
    assertThat(Archives.run(Archives.cli(out, args.toArray(String[]::new)))).isEqualTo(2);
    String printed = Files.readString(out).strip();
    assertThat(printed).startsWith("longhand: the target is not empty: " + target.dataDir()).doesNotContain("\n").doesNotContain("Exception");
    assertThat(Files.readString(kept)).isEqualTo("mine");
    assertThat(Files.list(target.dataDir()).toList()).containsExactly(kept);

    if (db == Db.POSTGRESQL) {
      // an empty data directory, but a database that has tables
      Files.delete(kept);
      try (var c = BackupStore.connect(target.jdbcUrl())) {
        c.createStatement().execute("CREATE TABLE precious (id BIGINT)");
      }
      assertThat(Archives.run(Archives.cli(out, args.toArray(String[]::new)))).isEqualTo(2);
      assertThat(Files.readString(out).strip()).startsWith("longhand: the target is not empty: the PostgreSQL database").doesNotContain("\n");
      assertThat(Files.list(target.dataDir()).toList()).isEmpty();
    }
  }
}
