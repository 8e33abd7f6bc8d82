package dev.longhand.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Multipart uploads and raw byte reads (files, recordings, their media), as an API client or a page's form sends
 * them; answers of documented paths are checked against the OpenAPI document ({@link ApiContract}), as {@link Api}'s.
 */
public final class Multipart {
  public static final String BOUNDARY = "----longhand-test-7MA4YWxkTrZu0gW";
  /** The content type of a form of {@link #form}. */
  public static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Multipart() {}

  /** An answer as bytes, and as JSON when it is. */
  public record Answer(int status, JsonNode json, byte[] bytes, HttpHeaders headers) {
    public String text(String field) {
      return json.path(field).asText();
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * What comes before a file's bytes: a text field ({@code field} = {@code value}; none when {@code value} is null),
   * then the head of the {@code file} part.
   */
  public static String head(String field, String value, String fileName, String partType) {
    StringBuilder head = new StringBuilder();
    if (value != null) {
      head.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"").append(field).append("\"\r\n\r\n")
          .append(value).append("\r\n");
    }
    return head.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(fileName)
        .append("\"\r\nContent-Type: ").append(partType).append("\r\n\r\n").toString();
  }

  /** What comes after a file's bytes: the closing boundary. */
  public static String tail() {
    return "\r\n--" + BOUNDARY + "--\r\n";
  }

  /** A form with one text field ({@code value} null: none) and one file part, in that order. */
  public static byte[] form(String field, String value, String fileName, String partType, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head(field, value, fileName, partType).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(tail().getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Uploads a form of {@link #form} to {@code url} with a bearer token (null: none). */
  public static Answer upload(String url, String token, String field, String value, String fileName, String partType, byte[] content) {
    return post(url, token, TYPE, form(field, value, fileName, partType, content));
  }

  /** The same upload with the file's bytes streamed from disk, for a file too large to hold in memory twice. */
  public static Answer uploadFile(String url, String token, String field, String value, String fileName, String partType, java.nio.file.Path file) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", TYPE)
          .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head(field, value, fileName, partType)),
              HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofString(tail())));
      if (token != null) b.header("Authorization", "Bearer " + token);
      return send(b);
    } catch (java.io.FileNotFoundException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Posts a body as it is, with a bearer token (null: none). */
  public static Answer post(String url, String token, String contentType, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b);
  }

  public static Answer get(String url, String token, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return send(b);
  }

  public static Answer send(HttpRequest.Builder b) {
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
