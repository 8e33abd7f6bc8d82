package dev.longhand.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.StorageUrl;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.S3Server;
import dev.longhand.testkit.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Backups when recordings and files are in a bucket (a real S3 server, s3proxy): the archive holds their bytes, read
 * from the bucket; a restore with {@code LONGHAND_STORAGE_URL} set puts them into its bucket, and a server on it
 * answers as before. A backup of local disk restored that way moves a server's bytes into a bucket. An object missing
 * while its row is there fails the backup, naming it.
 */
@ParameterizedClass
@EnumSource(Db.class)
class BucketBackupTest {
  @Parameter Db db;
  @TempDir Path tmp;

  private OwnServer source;
  private Longhand restored;
  private Config target;

  @AfterEach
  void close() {
    if (restored != null) restored.close();
    if (source != null) source.close();
    if (target != null) target.databaseUrl().ifPresent(Databases::drop);
  }

  @Test
  void aBucketsBytesAreInTheArchiveAndARestoreIntoAnotherBucketAnswersAsBefore() throws Exception {
    S3Server s3 = S3Server.get();
    StorageUrl from = s3.newBucket("");
    source = OwnServer.with(TestServers.config(db).withStorageUrl(from), "Product");
    Seeded seeded = Seeded.into(source);
    source.settle();
    Path archive = tmp.resolve("longhand.zip");
    Backup.Result backup = Backup.run(source.config, archive, Archives.QUIET);

    assertThat(backup.files()).as("recording, image, its thumbnail, text file").isEqualTo(4);
    Map<String, byte[]> inBucket = objects(s3, from);
    assertThat(inBucket).hasSize(4);
    assertThat(entries(archive)).as("every object, under the same name, byte for byte").isEqualTo(inBucket.keySet().stream()
        .collect(java.util.stream.Collectors.toMap(k -> k, k -> new String(inBucket.get(k), StandardCharsets.ISO_8859_1), (a, b) -> a, TreeMap::new)));
    Map<String, JsonNode> views = seeded.views(source.server.baseUrl());
    Map<String, byte[]> bytes = seeded.bytes(source.server.baseUrl());
    source.close();
    source = null;

    StorageUrl into = s3.newBucket("restored/here");
    target = Archives.freshTarget(db).withStorageUrl(into);
    Restore.Result result = Restore.run(target, archive, Archives.QUIET);
    assertThat(result.files()).isEqualTo(4);
    assertThat(s3.list(into.bucket())).containsExactlyElementsOf(inBucket.keySet().stream().map(k -> "restored/here/" + k).sorted().toList());
    assertNoStoredFiles(target.dataDir());

    restored = Longhand.start(target, Clock.systemUTC());
    restored.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    Map<String, JsonNode> again = seeded.views(restored.baseUrl());
    for (String view : views.keySet()) {
      assertThat(again.get(view).toPrettyString()).as(view).isEqualTo(views.get(view).toPrettyString());
    }
    Map<String, byte[]> bytesAgain = seeded.bytes(restored.baseUrl());
    for (String b : bytes.keySet()) assertThat(bytesAgain.get(b)).as(b).isEqualTo(bytes.get(b));
    var slice = Multipart.get(restored.baseUrl() + "/api/v1/recordings/" + seeded.recording + "/media", seeded.team.bo.token(), "Range", "bytes=4-9");
    assertThat(slice.status()).isEqualTo(206);
    assertThat(slice.bytes()).isEqualTo(java.util.Arrays.copyOfRange(seeded.media, 4, 10));
  }

  @Test
  void aBackupOfLocalDiskRestoredWithABucketMovesTheBytesIntoIt() throws Exception {
    source = OwnServer.with(TestServers.config(db), "Product");
    Seeded seeded = Seeded.into(source);
    source.settle();
    Path archive = tmp.resolve("longhand.zip");
    Backup.run(source.config, archive, Archives.QUIET);
    Map<String, byte[]> bytes = seeded.bytes(source.server.baseUrl());
    source.close();
    source = null;

    S3Server s3 = S3Server.get();
    StorageUrl into = s3.newBucket("");
    target = Archives.freshTarget(db).withStorageUrl(into);
    Restore.run(target, archive, Archives.QUIET);
    assertThat(objects(s3, into).keySet()).hasSize(4).anySatisfy(k -> assertThat(k).startsWith("recordings/" + seeded.recording + "-"));
    assertNoStoredFiles(target.dataDir());

    restored = Longhand.start(target, Clock.systemUTC());
    Map<String, byte[]> bytesAgain = seeded.bytes(restored.baseUrl());
    for (String b : bytes.keySet()) assertThat(bytesAgain.get(b)).as(b).isEqualTo(bytes.get(b));
  }

  @Test
  void anObjectMissingWhileItsRowIsThereFailsTheBackupNamingIt() throws Exception {
    S3Server s3 = S3Server.get();
    StorageUrl from = s3.newBucket("");
    source = OwnServer.with(TestServers.config(db).withStorageUrl(from), "Product");
    var up = Multipart.upload(source.server.baseUrl() + "/api/v1/spaces/" + source.space + "/files", source.team.ana.token(), "name", null,
        "notes.txt", "text/plain", "Friday\n".getBytes(StandardCharsets.UTF_8));
    assertThat(up.status()).isEqualTo(201);
    String object = s3.list(from.bucket()).get(0);
    s3.client().deleteObject(b -> b.bucket(from.bucket()).key(object));
    Path archive = tmp.resolve("longhand.zip");

    assertThatThrownBy(() -> Backup.run(source.config, archive, Archives.QUIET)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the database names " + object).hasMessageContaining("has no such object");
    assertThat(archive).doesNotExist();
    assertThat(archive.resolveSibling("longhand.zip.part")).doesNotExist();
  }

  /** Every object in the bucket by its name under the URL's prefix. */
  private static Map<String, byte[]> objects(S3Server s3, StorageUrl url) {
    Map<String, byte[]> all = new TreeMap<>();
    for (String name : s3.list(url.bucket())) all.put(name.substring(url.prefix().length()), s3.object(url.bucket(), name).orElseThrow());
    return all;
  }

  /** The archive's stored files, by entry name (bytes as ISO-8859-1 text, to compare maps by value). */
  private static Map<String, String> entries(Path archive) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (var e : zip.stream().toList()) {
        if (!ArchiveFiles.isFileEntry(e.getName())) continue;
        files.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }

  private static void assertNoStoredFiles(Path dataDir) throws Exception {
    List<String> stored = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dataDir)) {
      all.filter(Files::isRegularFile).map(p -> dataDir.relativize(p).toString())
          .filter(p -> p.startsWith("files") || p.startsWith("recordings")).forEach(stored::add);
    }
    assertThat(stored).as("recordings and files on local disk").isEmpty();
  }
}
