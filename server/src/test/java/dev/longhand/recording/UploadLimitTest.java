package dev.longhand.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.OversizedUpload;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that takes recordings up to 100 MB refuses a 300 MB upload while it arrives: the answer comes before
 * the client has sent it all, the heap stays flat (the body is never held), and no file is left behind.
 */
@ParameterizedClass
@EnumSource(Db.class)
class UploadLimitTest {
  private static final long LIMIT = 64L * 1024 * 1024; // over the heap growth allowed below
  private static final long SENT = 300L * 1024 * 1024;
  /** How a WebM file starts, so that only its size is wrong. */
  private static final byte[] WEBM = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
  @Parameter Db db;
  OwnServer own;
  Team team;
  String space;

  @BeforeEach
  void start() {
    own = OwnServer.with(TestServers.config(db).withMaxUpload(LIMIT), "Product");
    team = own.team;
    space = own.space;
  }

  @AfterEach
  void stop() {
    own.close();
  }

  @Test
  void anOversizedStreamIsRefusedWhileItArrivesWithTheHeapFlat() throws Exception {
    var answer = OversizedUpload.stream(own.server.baseUrl(), "/api/v1/spaces/" + space + "/recordings", team.ana.token(),
        Multipart.head("title", "All hands", "allhands.webm", "video/webm"), WEBM, SENT);

    assertThat(answer.status()).isEqualTo("HTTP/1.1 413 Payload Too Large");
    assertThat(answer.body()).contains("\"field\":\"file\"").contains("64 MB");
    // the limit, plus what socket buffers hold: the rest was never sent (measured: about 3 MB over)
    assertThat(answer.sentWhenAnswered()).as("bytes sent before the answer").isLessThan(LIMIT + 16L * 1024 * 1024);
    assertThat(answer.heapGrowth()).as("heap growth while receiving").isLessThan(40L * 1024 * 1024); // measured: about 10 MB
    try (Stream<Path> left = Files.list(own.config.dataDir().resolve("recordings"))) {
      assertThat(left.toList()).as("files left behind").isEmpty();
    }
    assertThat(team.ana.api().get("/api/v1/spaces/" + space + "/recordings").json().path("recordings")).isEmpty();
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBody() throws IOException {
    assertThat(OversizedUpload.declared(own.server.baseUrl(), "/api/v1/spaces/" + space + "/recordings",
        "Authorization: Bearer " + team.ana.token(), SENT)).isEqualTo("HTTP/1.1 413 Payload Too Large");
    // Within the limit, the same server takes a real recording.
    var ok = Multipart.upload(own.server.baseUrl() + "/api/v1/spaces/" + space + "/recordings", team.ana.token(), "title", "Fine",
        "fine.webm", "video/webm", Files.readAllBytes(TestMedia.webm()));
    assertThat(ok.status()).isEqualTo(201);
    try (Stream<Path> kept = Files.list(own.config.dataDir().resolve("recordings"))) {
      List<String> names = kept.map(p -> p.getFileName().toString()).toList();
      assertThat(names).singleElement().satisfies(n -> assertThat(n).startsWith(ok.text("id") + "-").endsWith(".webm"));
    }
  }
}
