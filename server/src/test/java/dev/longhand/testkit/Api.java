package dev.longhand.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small REST client for tests: JSON in, JSON out, with an optional bearer token. Every answer is checked
 * against the server's own OpenAPI document ({@link ApiContract}), so the document cannot drift.
 */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  public Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public Api as(String token) {
    return new Api(base, token);
  }

  public String base() {
    return base;
  }

  /** The bearer token, or null for an anonymous client. */
  public String token() {
    return token;
  }

  public record Response(int status, JsonNode json, String body, java.net.http.HttpHeaders headers) {
    public String text(String field) {
      return json.path(field).asText();
    }
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  public Response post(String path, Object body) {
    return send("POST", path, body, "application/json");
  }

  public Response put(String path, Object body) {
    return send("PUT", path, body, "application/json");
  }

  public Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Response sendWithHeader(String method, String path, String json, String header, String value) {
    return send(method, path, json, "application/json", header, value);
  }

  public Response send(String method, String path, Object body, String contentType, String... headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
      for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
      if (token != null) b.header("Authorization", "Bearer " + token);
      if (contentType != null) b.header("Content-Type", contentType);
      String payload = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = r.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(r.body());
      } catch (Exception notJson) {
        json = MissingNode.getInstance();
      }
      ApiContract.of(base).check(method, path, r.statusCode(), r.headers().firstValue("Content-Type"), r.body());
      return new Response(r.statusCode(), json, r.body(), r.headers());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
