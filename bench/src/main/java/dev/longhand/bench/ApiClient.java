package dev.longhand.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** One API client: its own HTTP/1.1 keep-alive connection ({@link Http11Connection}) and, once signed in, a bearer token. */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Http11Connection http;
  private final String baseUrl;
  private String token;

  ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
    this.http = new Http11Connection(baseUrl);
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
  synchronized Answer send(String method, String path, Object body) throws IOException, InterruptedException {
    byte[] payload = body == null ? null : JSON.writeValueAsBytes(body);
    Http11Connection.Response r = http.exchange(method, path, token, payload);
    return new Answer(r.status(), r.body());
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

  /** The bearer token it signed in with (null before). */
  String token() {
    return token;
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
