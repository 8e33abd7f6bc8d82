package dev.longhand.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.OversizedUpload;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that takes files up to 5 MB refuses a 300 MB upload while it arrives, from a page (session cookie and
 * CSRF header) as from the API: the answer comes before the client has sent it all, the heap stays flat, and
 * nothing is left behind.
 */
@ParameterizedClass
@EnumSource(Db.class)
class FileLimitTest {
  private static final long LIMIT = 5L * 1024 * 1024;
  private static final long SENT = 300L * 1024 * 1024;
  @Parameter Db db;
  OwnServer own;
  Team team;
  String space;

  @BeforeEach
  void start() {
    own = OwnServer.with(TestServers.config(db).withMaxFile(LIMIT), "Product");
    team = own.team;
    space = own.space;
  }

  @AfterEach
  void stop() {
    own.close();
  }

  @Test
  void anOversizedStreamIsRefusedWhileItArrivesWithTheHeapFlat() throws Exception {
    var answer = OversizedUpload.stream(own.server.baseUrl(), "/api/v1/spaces/" + space + "/files", team.ana.token(),
        Multipart.head("name", null, "huge.png", "image/png"), new byte[0], SENT);

    assertThat(answer.status()).isEqualTo("HTTP/1.1 413 Payload Too Large");
    assertThat(answer.body()).contains("\"field\":\"file\"").contains("5 MB");
    assertThat(answer.sentWhenAnswered()).as("bytes sent before the answer").isLessThan(LIMIT + 16L * 1024 * 1024);
    assertThat(answer.heapGrowth()).as("heap growth while receiving").isLessThan(40L * 1024 * 1024);
    assertThat(OversizedUpload.filesUnder(own.config.dataDir().resolve("files"))).as("files left behind").isZero();
  }

  @Test
  void aPageUploadWithTheSessionAndItsCsrfHeaderIsBoundTheSameWay() throws IOException {
    URI base = URI.create(own.server.baseUrl());
    var web = own.web(team.ana);
    String csrf = web.csrf();
    String cookies = "lh_session=" + web.cookie("lh_session") + "; lh_csrf=" + csrf;
    assertThat(OversizedUpload.declared(own.server.baseUrl(), "/api/v1/spaces/" + space + "/files",
        "Cookie: " + cookies + "\r\nX-CSRF-Token: " + csrf, SENT)).isEqualTo("HTTP/1.1 413 Payload Too Large");
    // without the CSRF header the cookie alone uploads nothing
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      byte[] form = Multipart.form("name", null, "a.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().write(("POST /api/v1/spaces/" + space + "/files HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
          + "\r\nCookie: " + cookies + "\r\nContent-Type: multipart/form-data; boundary=" + Multipart.BOUNDARY
          + "\r\nContent-Length: " + form.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(form);
      assertThat(OversizedUpload.line(socket.getInputStream())).isEqualTo("HTTP/1.1 403 Forbidden");
    }
    // within the limit, with the header, it is stored
    var ok = Multipart.upload(own.server.baseUrl() + "/api/v1/spaces/" + space + "/files", team.ana.token(), "name", null,
        "fine.txt", "text/plain", "fine".getBytes(StandardCharsets.UTF_8));
    assertThat(ok.status()).isEqualTo(201);
    assertThat(OversizedUpload.filesUnder(own.config.dataDir().resolve("files"))).isEqualTo(1);
  }
}
