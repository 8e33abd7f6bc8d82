package dev.longhand.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One API client: its own HTTP/1.1 keep-alive connection and, once signed in, a bearer token. */
final class ApiClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final String baseUrl;
  private String token;

  ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  record Answer(int status, byte[] body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Sends one request and returns whatever status came back. */
  Answer send(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
        .header("Accept", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(r.statusCode(), r.body());
  }

  /** Sends one request that must succeed, and returns its JSON body. */
  JsonNode call(String method, String path, Object body) throws IOException, InterruptedException, ApiException {
    Answer a = send(method, path, body);
    if (!a.ok()) throw new ApiException(method, path, a.status(), a.text());
    return a.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(a.body());
  }

  void useToken(String token) {
    this.token = token;
  }

  /** A request the driver needed answered with 2xx and did not get. */
  static final class ApiException extends Exception {
    ApiException(String method, String path, int status, String body) {
      super(method + " " + path + " answered " + status
          + (status == 404 ? " (this server build lacks the endpoint, or the id is unknown)" : "") + ": " + oneLine(body));
    }

    private static String oneLine(String body) {
      String s = body.replaceAll("\\s+", " ").trim();
      return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
  }
}
