package dev.longhand.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.longhand.testkit.ApiContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Multipart uploads and raw byte reads of files, as an API client sends them; answers are checked against the OpenAPI document. */
final class FileUploads {
  static final String BOUNDARY = "----longhand-files-Zq8x1PvW3kR0";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private FileUploads() {}

  record Answer(int status, JsonNode json, byte[] bytes, java.net.http.HttpHeaders headers) {
    String text(String field) {
      return json.path(field).asText();
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** A form with one file part, after an optional {@code name} field. */
  static byte[] form(String name, String fileName, String partType, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder();
    if (name != null) head.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n").append(name).append("\r\n");
    head.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(fileName)
        .append("\"\r\nContent-Type: ").append(partType).append("\r\n\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static Answer upload(String base, String token, String spaceId, String fileName, String partType, byte[] content) {
    return send(base, token, spaceId, "multipart/form-data; boundary=" + BOUNDARY, form(null, fileName, partType, content));
  }

  static Answer send(String base, String token, String spaceId, String contentType, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/spaces/" + spaceId + "/files"))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b);
  }

  static Answer get(String url, String token, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return send(b);
  }

  static Answer send(HttpRequest.Builder b) {
    try {
      HttpResponse<byte[]> r = HTTP.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json;
      try {
        json = r.body().length == 0 ? MissingNode.getInstance() : JSON.readTree(r.body());
      } catch (IOException notJson) {
        json = MissingNode.getInstance();
      }
      URI uri = r.request().uri();
      if (uri.getRawPath().startsWith("/api/")) {
        ApiContract.of(uri.getScheme() + "://" + uri.getRawAuthority()).check(r.request().method(),
            uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), r.statusCode(),
            r.headers().firstValue("Content-Type"), new String(r.body(), StandardCharsets.UTF_8));
      }
      return new Answer(r.statusCode(), json, r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
