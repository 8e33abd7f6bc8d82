package dev.longhand.recording;

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

/** Multipart uploads and raw byte reads, as an API client or a page's form sends them; answers are checked against openapi.json. */
final class Uploads {
  static final String BOUNDARY = "----longhand-test-7MA4YWxkTrZu0gW";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Uploads() {}

  record Answer(int status, JsonNode json, byte[] bytes, java.net.http.HttpHeaders headers) {
    String text(String field) {
      return json.path(field).asText();
    }
  }

  /** A form with a title and one file part, fields in that order. */
  static byte[] form(String title, String fileName, String partType, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: " + partType + "\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static Answer upload(String base, String token, String spaceId, String title, String fileName, String partType, byte[] content) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/spaces/" + spaceId + "/recordings"))
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form(title, fileName, partType, content)));
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
      ApiContract.of(uri.getScheme() + "://" + uri.getRawAuthority()).check(r.request().method(),
          uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), r.statusCode(),
          r.headers().firstValue("Content-Type"), new String(r.body(), StandardCharsets.UTF_8));
      return new Answer(r.statusCode(), json, r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
