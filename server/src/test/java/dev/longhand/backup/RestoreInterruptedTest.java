package dev.longhand.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.recording.TestMedia;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A restore killed with SIGKILL half-way (its rows loaded, a large recording being copied) leaves a target that a
 * server refuses to serve and that a second restore accepts, wipes and completes.
 */
@ParameterizedClass
@EnumSource(Db.class)
class RestoreInterruptedTest {
  private static final int LARGE = 64 * 1024 * 1024;

  @Parameter Db db;
  @TempDir Path tmp;

  private Config target;
  private Longhand restored;

  @AfterEach
  void close() {
    if (restored != null) restored.close();
    if (target != null) target.databaseUrl().ifPresent(Databases::drop);
  }

  /** What the source server held when it was backed up: the archive both databases restore. */
  private record Source(Path archive, String thread, String recording, String threadView, String mediaSha, String token) {}

  @TempDir static Path shared;
  private static Source source;

  /** One serving SQLite server, backed up by the operator's command: the same archive for each database's restore. */
  private static synchronized Source source() throws Exception {
    if (source != null) return source;
    Path archive = shared.resolve("backup.zip");
    try (OwnServer s = OwnServer.with(TestServers.config(Db.SQLITE), "Product")) {
      String thread = s.team.ana.api().post("/api/v1/spaces/" + s.space + "/threads", Map.of("title", "Launch plan", "body", "We ship Friday.")).text("id");
      s.team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Friday works."));
      Path media = shared.resolve("demo.webm");
      String mediaSha = large(media);
      var up = Multipart.uploadFile(s.server.baseUrl() + "/api/v1/spaces/" + s.space + "/recordings", s.team.ana.token(), "title", "Long demo",
          "demo.webm", "video/webm", media);
      assertThat(up.status()).as(up.body()).isEqualTo(201);
      s.settle();
      String token = s.team.bo.token();
      String threadView = s.team.bo.api().get("/api/v1/threads/" + thread).body();
      // the operator's command, in a process of its own, beside the serving server and its data directory
      Path printed = shared.resolve("backup.txt");
      assertThat(Archives.run(Archives.cli(printed, "backup", "--to", archive.toString(), "--data-dir", s.config.dataDir().toString())))
          .as(Files.readString(printed)).isZero();
      assertThat(Files.readString(printed)).contains("Files ").contains("Backed up").contains("and 1 files").doesNotContain("WARNING");
      Files.delete(media);
      source = new Source(archive, thread, up.text("id"), threadView, mediaSha, token);
    }
    return source;
  }

  @Test
  void aRestoreKilledHalfWayLeavesATargetThatASecondRestoreAccepts() throws Exception {
    Source from = source();
    Path archive = from.archive();
    String thread = from.thread();
    String recording = from.recording();
    String threadView = from.threadView();
    String mediaSha = from.mediaSha();
    String token = from.token();

    target = Archives.freshTarget(db);
    List<String> args = new ArrayList<>(List.of("restore", "--from", archive.toString(), "--data-dir", target.dataDir().toString()));
    target.databaseUrl().ifPresent(url -> args.addAll(List.of("--database-url", url)));
    Process restore = Archives.cli(tmp.resolve("first.txt"), args.toArray(String[]::new)).start();
    Path recordings = target.dataDir().resolve("recordings");
    while (restore.isAlive() && !copying(recordings)) Thread.sleep(2);
    restore.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
    assertThat(restore.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(tmp.resolve("first.txt"))).doesNotContain("Restored");
    assertThat(target.dataDir().resolve(Target.MARKER)).as("killed half-way, with its mark").exists();
    assertThat(Archives.hasTables(target.jdbcUrl(), db)).as("rows were loaded before the kill").isTrue();
    assertThatThrownBy(() -> Longhand.start(target, Clock.systemUTC())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not finish");

    Path second = tmp.resolve("second.txt");
    assertThat(Archives.run(Archives.cli(second, args.toArray(String[]::new)))).as(Files.readString(second)).isZero();
    assertThat(Files.readString(second)).contains("Restored");
    assertThat(target.dataDir().resolve(Target.MARKER)).doesNotExist();
    try (var left = Files.list(recordings)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no partial copy left").hasSize(1).noneMatch(n -> n.startsWith("."));
    }

    restored = Longhand.start(target, Clock.systemUTC());
    Api bo = new Api(restored.baseUrl(), token);
    assertThat(bo.get("/api/v1/threads/" + thread).json()).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(threadView));
    var media = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(restored.baseUrl() + "/api/v1/recordings/" + recording + "/media")).header("Authorization", "Bearer " + token).build(),
        java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    assertThat(media.statusCode()).isEqualTo(200);
    try (var in = media.body()) {
      assertThat(sha(in)).as("the restored recording, byte for byte").isEqualTo(mediaSha);
    }
  }

  private static boolean copying(Path recordings) throws java.io.IOException {
    if (!Files.isDirectory(recordings)) return false;
    try (var files = Files.list(recordings)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith(".restoring-"));
    }
  }

  /**
   * Writes a real recording's bytes followed by random ones to {@code file} (so the archive cannot squeeze them: a copy
   * that takes a while), streamed: the test JVM never holds the 64 MB. Returns their SHA-256.
   */
  private static String large(Path file) throws Exception {
    byte[] head = Files.readAllBytes(TestMedia.webm());
    java.security.MessageDigest digest = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom(16);
    byte[] chunk = new byte[1 << 20];
    try (var out = Files.newOutputStream(file)) {
      out.write(head);
      digest.update(head);
      for (long written = head.length; written < LARGE; written += chunk.length) {
        for (int i = 0; i + 8 <= chunk.length; i += 8) {
          long r = random.nextLong();
          for (int b = 0; b < 8; b++) chunk[i + b] = (byte) (r >>> (8 * b));
        }
        int n = (int) Math.min(chunk.length, LARGE - written);
        out.write(chunk, 0, n);
        digest.update(chunk, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha(java.io.InputStream in) throws Exception {
    java.security.MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
    return HexFormat.of().formatHex(digest.digest());
  }
}
