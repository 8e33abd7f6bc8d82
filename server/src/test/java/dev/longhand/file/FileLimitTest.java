package dev.longhand.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
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
  Longhand server;
  Config config;
  Team team;
  String space;

  @BeforeEach
  void start() {
    config = TestServers.config(db).withMaxFile(LIMIT);
    server = Longhand.start(config, Clock.systemUTC());
    team = Team.on(server);
    space = team.createSpace(team.ana, "Product", "public");
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.dispatcher().awaitIdle(10, java.util.concurrent.TimeUnit.SECONDS);
    server.close();
    config.databaseUrl().ifPresent(dev.longhand.testkit.Databases::drop);
  }

  @Test
  void anOversizedStreamIsRefusedWhileItArrivesWithTheHeapFlat() throws Exception {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long baseline = rt.totalMemory() - rt.freeMemory();
    AtomicLong peak = new AtomicLong(baseline);
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = Thread.ofPlatform().daemon().start(() -> {
      while (sampling.get()) {
        peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
        Thread.onSpinWait();
      }
    });

    URI base = URI.create(server.baseUrl());
    AtomicLong sent = new AtomicLong();
    String status;
    String body;
    long sentWhenAnswered;
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(120_000);
      OutputStream out = socket.getOutputStream();
      String preamble = "--" + FileUploads.BOUNDARY
          + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.png\"\r\nContent-Type: image/png\r\n\r\n";
      out.write(("POST /api/v1/spaces/" + space + "/files HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
          + "\r\nAuthorization: Bearer " + team.ana.token() + "\r\nContent-Type: multipart/form-data; boundary=" + FileUploads.BOUNDARY
          + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Thread writer = Thread.ofPlatform().start(() -> {
        try {
          chunk(out, preamble.getBytes(StandardCharsets.US_ASCII));
          byte[] block = new byte[1024 * 1024];
          for (int i = 0; i < block.length; i++) block[i] = (byte) (i * 7 + 3);
          while (sent.get() < SENT) {
            chunk(out, block);
            sent.addAndGet(block.length);
          }
          chunk(out, ("\r\n--" + FileUploads.BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException refused) {
          // the server answered and closed: what this test expects
        }
      });
      InputStream in = socket.getInputStream();
      status = line(in);
      sentWhenAnswered = sent.get();
      long length = 0;
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        if (h.toLowerCase().startsWith("content-length:")) length = Long.parseLong(h.substring(15).strip());
      }
      body = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
      socket.close();
      writer.join(60_000);
    } finally {
      sampling.set(false);
      sampler.join();
    }

    assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
    assertThat(body).contains("\"field\":\"file\"").contains("5 MB");
    assertThat(sentWhenAnswered).as("bytes sent before the answer").isLessThan(LIMIT + 16L * 1024 * 1024);
    assertThat(peak.get() - baseline).as("heap growth while receiving").isLessThan(40L * 1024 * 1024);
    assertThat(filesUnder(config.dataDir().resolve("files"))).as("files left behind").isZero();
  }

  @Test
  void aPageUploadWithTheSessionAndItsCsrfHeaderIsBoundTheSameWay() throws IOException {
    URI base = URI.create(server.baseUrl());
    var web = dev.longhand.testkit.WebSession.signedIn(server.baseUrl(), team.ana.email(), "correct horse battery");
    String csrf = web.csrf();
    String cookies = "lh_session=" + web.cookie("lh_session") + "; lh_csrf=" + csrf;
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(("POST /api/v1/spaces/" + space + "/files HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
          + "\r\nCookie: " + cookies + "\r\nX-CSRF-Token: " + csrf + "\r\nContent-Type: multipart/form-data; boundary=" + FileUploads.BOUNDARY
          + "\r\nContent-Length: " + SENT + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(line(socket.getInputStream())).isEqualTo("HTTP/1.1 413 Payload Too Large");
    }
    // without the CSRF header the cookie alone uploads nothing
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      byte[] form = FileUploads.form(null, "a.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().write(("POST /api/v1/spaces/" + space + "/files HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
          + "\r\nCookie: " + cookies + "\r\nContent-Type: multipart/form-data; boundary=" + FileUploads.BOUNDARY
          + "\r\nContent-Length: " + form.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(form);
      assertThat(line(socket.getInputStream())).isEqualTo("HTTP/1.1 403 Forbidden");
    }
    // within the limit, with the header, it is stored
    var ok = FileUploads.upload(server.baseUrl(), team.ana.token(), space, "fine.txt", "text/plain", "fine".getBytes(StandardCharsets.UTF_8));
    assertThat(ok.status()).isEqualTo(201);
    assertThat(filesUnder(config.dataDir().resolve("files"))).isEqualTo(1);
  }

  private static long filesUnder(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).count();
    }
  }

  private static void chunk(OutputStream out, byte[] b) throws IOException {
    out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(b);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) if (c != '\r') b.write(c);
    return b.toString(StandardCharsets.US_ASCII);
  }
}
