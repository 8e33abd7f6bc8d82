package dev.longhand.bench.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A keep-alive HTTP/1.1 client on one socket that reads media bodies into a reused buffer and drops them, so
 * the figures measure the server and not the client's allocations; and that streams an upload from a file.
 */
final class MediaClient implements AutoCloseable {
  private static final String BOUNDARY = "----longhand-range-bench";
  private final String host;
  private final int port;
  private final byte[] sink = new byte[256 * 1024];
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  MediaClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** GETs {@code path} (with a Range header when {@code range} is given) and returns how many body bytes came. */
  long get(String path, String token, String range) throws IOException {
    if (socket == null) connect();
    StringBuilder head = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
        .append("\r\nAuthorization: Bearer ").append(token).append("\r\n");
    if (range != null) head.append("Range: ").append(range).append("\r\n");
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    long[] length = new long[1];
    int status = headers(length);
    if (status != 200 && status != 206) throw new IOException("GET " + path + " answered " + status);
    long left = length[0];
    while (left > 0) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) throw new IOException("the connection closed inside a body");
      left -= n;
    }
    return length[0];
  }

  /** Uploads a file as the multipart field {@code file}, streamed from disk, and returns the new recording's id. */
  String upload(String path, String token, Path file) throws IOException {
    if (socket == null) connect();
    byte[] preamble = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBench recording\r\n--" + BOUNDARY
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.webm\"\r\nContent-Type: video/webm\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] end = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    long length = preamble.length + Files.size(file) + end.length;
    out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(preamble);
    try (InputStream body = Files.newInputStream(file)) {
      body.transferTo(out);
    }
    out.write(end);
    out.flush();
    long[] bodyLength = new long[1];
    int status = headers(bodyLength);
    String answer = new String(in.readNBytes((int) bodyLength[0]), StandardCharsets.UTF_8);
    if (status != 201) throw new IOException("the upload answered " + status + ": " + answer);
    return new ObjectMapper().readTree(answer).path("id").asText();
  }

  private int headers(long[] length) throws IOException {
    String status = line();
    if (!status.startsWith("HTTP/1.")) throw new IOException("no HTTP response: " + status);
    length[0] = 0;
    for (String h = line(); !h.isEmpty(); h = line()) {
      if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) length[0] = Long.parseLong(h.substring(15).strip());
    }
    return Integer.parseInt(status.substring(9, 12));
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) throw new IOException("the connection closed");
      if (c != '\r') b.write(c);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setSoTimeout(60_000);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  @Override
  public void close() {
    try {
      if (socket != null) socket.close();
    } catch (IOException ignored) {
      // a broken connection: nothing to close
    }
    socket = null;
  }
}
