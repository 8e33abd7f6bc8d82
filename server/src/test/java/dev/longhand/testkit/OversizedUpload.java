package dev.longhand.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An upload far over a server's limit, over a raw socket so the test sees when the answer comes: the upload limit
 * tests of files and recordings stream one in chunks (and watch the heap while it arrives), or declare one's length
 * and send no body.
 */
public final class OversizedUpload {
  private OversizedUpload() {}

  /**
   * What the server answered, how much had been sent when its status line came, and how much the heap grew (peak
   * over the baseline) meanwhile.
   */
  public record Answer(String status, String body, long sentWhenAnswered, long heapGrowth) {}

  /**
   * Streams a multipart upload of {@code size} bytes to {@code path} with the bearer token, in 1 MB chunks: {@code head}
   * (the form up to the file's bytes, {@link Multipart#head}), a first block starting with {@code start} (a file
   * type's signature) and filler, then {@link Multipart#tail()}, unless the server answers and closes first.
   */
  public static Answer stream(String baseUrl, String path, String token, String head, byte[] start, long size) throws Exception {
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

    URI base = URI.create(baseUrl);
    AtomicLong sent = new AtomicLong();
    String status;
    String body;
    long sentWhenAnswered;
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(120_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
          + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: multipart/form-data; boundary=" + Multipart.BOUNDARY
          + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Thread writer = Thread.ofPlatform().start(() -> {
        try {
          chunk(out, head.getBytes(StandardCharsets.US_ASCII));
          byte[] block = new byte[1024 * 1024];
          for (int i = 0; i < block.length; i++) block[i] = (byte) (i * 7 + 3);
          byte[] first = block.clone();
          System.arraycopy(start, 0, first, 0, start.length);
          chunk(out, first);
          sent.addAndGet(first.length);
          while (sent.get() < size) {
            chunk(out, block);
            sent.addAndGet(block.length);
          }
          chunk(out, Multipart.tail().getBytes(StandardCharsets.US_ASCII));
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException refused) {
          // the server answered and closed: what these tests expect
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
    return new Answer(status, body, sentWhenAnswered, peak.get() - baseline);
  }

  /**
   * The status line a server answers to a multipart upload to {@code path} that declares {@code length} bytes and
   * sends none, with the given header lines ({@code Authorization: ...}, or a session's cookies and CSRF header).
   */
  public static String declared(String baseUrl, String path, String headers, long length) throws IOException {
    URI base = URI.create(baseUrl);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
          + "\r\n" + headers + "\r\nContent-Type: multipart/form-data; boundary=" + Multipart.BOUNDARY
          + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return line(socket.getInputStream());
    }
  }

  /** The regular files under a directory, however deep. */
  public static long filesUnder(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).count();
    }
  }

  private static void chunk(OutputStream out, byte[] b) throws IOException {
    out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(b);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** One line of an HTTP answer, without its line end. */
  public static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) if (c != '\r') b.write(c);
    return b.toString(StandardCharsets.US_ASCII);
  }
}
