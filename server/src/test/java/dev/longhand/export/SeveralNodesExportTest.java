package dev.longhand.export;

import static dev.longhand.export.ExportScene.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.Longhand;
import dev.longhand.config.StorageUrl;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.S3Server;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Workspace exports on two servers sharing one PostgreSQL database and one bucket, as nodes behind a load balancer:
 * the archive is downloadable through either node, an export runs on one node only however many look for work, and
 * one whose node died is taken over by another.
 */
@Timeout(180)
class SeveralNodesExportTest {

  /** An export started and written on node A downloads through node B: the same bytes as through A, a whole archive. */
  @Test
  void anExportStartedOnOneNodeDownloadsThroughAnother() throws Exception {
    S3Server s3 = S3Server.get();
    StorageUrl bucket = s3.newBucket("longhand/");
    try (TestCluster cluster = TestCluster.of(2, c -> c.withStorageUrl(bucket))) {
      Longhand a = cluster.node(0);
      Longhand b = cluster.node(1);
      Team team = Team.on(a);
      new ExportScene(team, a.baseUrl());
      cluster.settle();

      JsonNode export = ExportScene.exportNow(team.ana, team.workspaceId);
      assertThat(export.path("status").asText()).as(export.toString()).isEqualTo("done");
      String id = export.path("id").asText();
      var throughA = Multipart.get(a.baseUrl() + export.path("archive").asText(), team.ana.token());
      var throughB = Multipart.get(b.baseUrl() + export.path("archive").asText(), team.ana.token());
      assertThat(throughB.status()).as(throughB.body()).isEqualTo(200);
      assertThat(throughB.header("Content-Type")).startsWith("application/zip");
      assertThat(throughB.header("Content-Disposition")).isEqualTo(throughA.header("Content-Disposition")).startsWith("attachment; filename=");
      assertThat(throughB.header("Content-Length")).isEqualTo(String.valueOf(throughB.bytes().length));
      assertThat(throughB.bytes()).isEqualTo(throughA.bytes()).isEqualTo(s3.object(bucket.bucket(), "longhand/exports/" + id + ".zip").orElseThrow());

      Path archive = Files.write(Files.createTempFile("longhand-export", ".zip"), throughB.bytes());
      try {
        Manifest manifest = ArchiveCheck.verify(archive, new ObjectMapper()); // every entry against its checksum
        assertThat(manifest.workspace().id()).isEqualTo(team.workspaceId);
        assertThat(manifest.entries()).extracting(Manifest.Entry::name).as("the image's and the recording's bytes")
            .anyMatch(n -> n.startsWith(ArchiveFormat.FILE_MEDIA)).anyMatch(n -> n.startsWith(ArchiveFormat.RECORDING_MEDIA));
        try (ZipFile zip = new ZipFile(archive.toFile())) {
          assertThat(zip.getEntry(ArchiveFormat.MANIFEST)).isNotNull();
        }
      } finally {
        Files.deleteIfExists(archive);
      }
      for (Longhand node : cluster.nodes()) {
        try (Stream<Path> local = Files.walk(node.dataDir())) {
          assertThat(local.filter(Files::isRegularFile).map(p -> node.dataDir().relativize(p).toString()).filter(p -> p.startsWith("exports")))
              .as("archives on a node's disk").isEmpty();
        }
      }
    }
  }

  /**
   * Three exports started on node A while both nodes look for exports to take over, at once, again and again: each
   * is written once in all, and both nodes' workers end idle with every export done.
   */
  @Test
  void twoNodesNeverRunTheSameExport() throws Exception {
    try (TestCluster cluster = TestCluster.of(2)) {
      Longhand a = cluster.node(0);
      Longhand b = cluster.node(1);
      Team team = Team.on(a);
      team.createSpace(team.ana, "Product", "public");
      List<String> ids = new ArrayList<>();
      List<Future<?>> looks = new ArrayList<>();
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 3; i++) {
          ids.add(ok(team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/exports", Map.of()), 202).text("id"));
          for (Longhand node : List.of(b, a, b)) looks.add(pool.submit(() -> node.exports().takeOver()));
        }
      }
      for (Future<?> look : looks) look.get();
      for (String id : ids) {
        JsonNode e = finished(team, id);
        assertThat(e.path("status").asText()).as(e.toString()).isEqualTo("done");
      }
      a.exports().awaitIdle();
      b.exports().awaitIdle();

      assertThat(begun(a) + begun(b)).as("runs begun (claims won), on both nodes together").isEqualTo(3);
      assertThat(done(a) + done(b)).as("archives written").isEqualTo(3);
      assertThat(begun(a) + a.exports().runs().get("skipped").get()).as("A's worker had each export it started").isGreaterThanOrEqualTo(3);
    }
  }

  /**
   * An export left running by a node whose claim ran out (it died) is taken over by another node's look and finishes;
   * one whose node still holds its claim is left alone.
   */
  @Test
  void anExportWhoseNodeDiedIsTakenOverAndFinishes() throws Exception {
    S3Server s3 = S3Server.get();
    StorageUrl bucket = s3.newBucket("");
    try (TestCluster cluster = TestCluster.of(2, c -> c.withStorageUrl(bucket))) {
      Longhand a = cluster.node(0);
      Longhand b = cluster.node(1);
      Team team = Team.on(a);
      team.createSpace(team.ana, "Product", "public");
      long now = System.currentTimeMillis();
      long dead = 4_100_000_001L;
      long alive = 4_100_000_002L;
      a.database().write(h -> {
        for (long id : List.of(dead, alive)) {
          h.createUpdate("""
                  INSERT INTO workspace_exports
                    (id, workspace_id, requested_by, status, done_count, total_count, created_at, claimed_by, claimed_until)
                  VALUES (?, ?, ?, 'running', 7, 100, ?, ?, ?)""")
              .bind(0, id).bind(1, Long.parseLong(team.workspaceId)).bind(2, Long.parseLong(team.ana.id())).bind(3, now)
              .bind(4, id == dead ? "a node that died" : "a node that runs it").bind(5, id == dead ? now - 1 : now + 600_000).execute();
        }
        return null;
      });

      b.exports().takeOver();
      b.exports().awaitIdle();
      a.exports().takeOver();
      a.exports().awaitIdle();

      JsonNode taken = ok(team.ana.api().get("/api/v1/exports/" + dead), 200).json();
      assertThat(taken.path("status").asText()).as(taken.toString()).isEqualTo("done");
      assertThat(done(a) + done(b)).as("written once").isEqualTo(1);
      var download = Multipart.get(a.baseUrl() + taken.path("archive").asText(), team.ana.token());
      assertThat(download.status()).isEqualTo(200);
      assertThat(new String(download.bytes(), 0, 2, StandardCharsets.ISO_8859_1)).as("a zip").isEqualTo("PK");

      JsonNode held = ok(team.ana.api().get("/api/v1/exports/" + alive), 200).json();
      assertThat(held.path("status").asText()).as(held.toString()).isEqualTo("running");
      String holder = a.database().read(h -> h.createQuery("SELECT claimed_by FROM workspace_exports WHERE id = ?").bind(0, alive)
          .mapTo(String.class).one());
      assertThat(holder).isEqualTo("a node that runs it");
      assertThat(Multipart.get(b.baseUrl() + "/api/v1/exports/" + alive + "/archive", team.ana.token()).status()).as("not done").isEqualTo(409);
    }
  }

  /** Runs a node's worker began, having claimed the export: however they ended. */
  private static long begun(Longhand node) {
    var runs = node.exports().runs();
    return runs.get("done").get() + runs.get("failed").get() + runs.get("lost").get();
  }

  private static long done(Longhand node) {
    return node.exports().runs().get("done").get();
  }

  /** Waits for the export to finish (a node's worker runs it in the background). */
  private static JsonNode finished(Team team, String id) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode e = ok(team.ana.api().get("/api/v1/exports/" + id), 200).json();
      if (e.path("status").asText().equals("done") || e.path("status").asText().equals("failed")) return e;
      Thread.sleep(50);
    }
    throw new AssertionError("export " + id + " did not finish in 30 s");
  }
}
