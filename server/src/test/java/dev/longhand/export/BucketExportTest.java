package dev.longhand.export;

import static dev.longhand.export.ExportScene.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.StorageUrl;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.S3Server;
import dev.longhand.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A workspace whose recordings and files are in a bucket (a real S3 server, s3proxy) exports with their bytes, read
 * from the bucket; imported into a server that keeps them in another bucket, they land there (and nowhere on its disk)
 * and play and download as before.
 */
@ParameterizedClass
@EnumSource(Db.class)
class BucketExportTest {
  @Parameter Db db;
  private OwnServer source;
  private Config fresh;

  @AfterEach
  void close() {
    if (source != null) source.close();
    if (fresh != null) fresh.databaseUrl().ifPresent(Databases::drop);
  }

  @Test
  void mediaGoesFromOneBucketThroughTheArchiveIntoAnother() throws Exception {
    S3Server s3 = S3Server.get();
    StorageUrl from = s3.newBucket("");
    source = OwnServer.with(TestServers.config(db).withStorageUrl(from), "Lobby");
    ExportScene scene = new ExportScene(source.team, source.server.baseUrl());
    source.settle();
    List<String> objects = s3.list(from.bucket());
    assertThat(objects).as("recording, image, thumbnail").hasSize(3);

    JsonNode export = ExportScene.exportNow(source.team.ana, source.team.workspaceId);
    assertThat(export.path("status").asText()).as(export.toString()).isEqualTo("done");
    Path archive = ExportScene.download(source.server.baseUrl(), source.team.ana, export);
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (String object : objects) {
        String entry = object.startsWith("files/") ? ArchiveFormat.FILE_MEDIA + object.substring("files/".length())
            : ArchiveFormat.RECORDING_MEDIA + object.substring("recordings/".length(), object.indexOf('-'));
        assertThat(zip.getEntry(entry)).as(entry).isNotNull();
        assertThat(zip.getInputStream(zip.getEntry(entry)).readAllBytes()).as(entry).isEqualTo(s3.object(from.bucket(), object).orElseThrow());
      }
    }

    StorageUrl into = s3.newBucket("imported");
    fresh = ExportRoundTripTest.freshConfig(db).withStorageUrl(into);
    String token;
    try (Longhand b = Longhand.start(fresh, Clock.systemUTC())) {
      Api anon = new Api(b.baseUrl(), null);
      ok(anon.post("/api/v1/accounts", Map.of("email", source.team.ana.email(), "name", "Ana", "password", "correct horse battery")), 201);
      token = ok(anon.post("/api/v1/tokens", Map.of("email", source.team.ana.email(), "password", "correct horse battery", "label", "t")), 201)
          .text("token");
    }
    WorkspaceImporter.Result result = ImportCommand.run(fresh, archive, new PrintStream(new ByteArrayOutputStream(), true));
    assertThat(s3.list(into.bucket())).hasSize(3).allSatisfy(o -> assertThat(o).matches("imported/(files|recordings)/[0-9]+-[0-9a-f]{24}(\\.thumb|\\.flac)?"));
    try (Stream<Path> all = Files.walk(fresh.dataDir())) {
      assertThat(all.filter(Files::isRegularFile).map(p -> fresh.dataDir().relativize(p).toString())
          .filter(p -> p.startsWith("files") || p.startsWith("recordings")).toList()).as("media on local disk").isEmpty();
    }

    try (Longhand b = Longhand.start(fresh, Clock.systemUTC())) {
      Api ana = new Api(b.baseUrl(), token);
      String ws = String.valueOf(result.workspaceId());
      String body = ExportRoundTripTest.threadTitled(ana, ws, "Pricing " + scene.word).path("body").asText();
      String fileHere = body.replaceAll("(?s).*\\(/files/([0-9]+)\\).*", "$1");
      assertThat(Multipart.get(b.baseUrl() + "/api/v1/files/" + fileHere, token).bytes()).isEqualTo(scene.image);
      assertThat(Multipart.get(b.baseUrl() + "/api/v1/files/" + fileHere + "/thumbnail", token).status()).isEqualTo(200);
      String recordingHere = ok(ana.get("/api/v1/spaces/" + ExportRoundTripTest.spaceNamed(ana, ws, "Product") + "/recordings"), 200).json()
          .path("recordings").get(0).path("id").asText();
      String media = b.baseUrl() + "/api/v1/recordings/" + recordingHere + "/media";
      assertThat(Multipart.get(media, token).bytes()).isEqualTo(scene.tape);
      var slice = Multipart.get(media, token, "Range", "bytes=0-3");
      assertThat(slice.status()).isEqualTo(206);
      assertThat(new String(slice.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("fLaC");
    }
  }
}
