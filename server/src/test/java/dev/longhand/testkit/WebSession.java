package dev.longhand.testkit;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A browser without the browser: cookies, the CSRF token and form posts, as a page would send them. */
public final class WebSession {
  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  public WebSession(String base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  public static WebSession signedIn(String base, String email, String password) {
    WebSession s = new WebSession(base);
    s.get("/login");
    var r = s.postForm("/login", Map.of("email", email, "password", password));
    if (r.statusCode() != 303) throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + r.body());
    return s;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
  }

  /**
   * Opens an event stream and waits up to {@code seconds}: returns null when the server closed or
   * refused it, or the status when it stayed open (a live stream was granted).
   */
  public Integer getStream(String path, int seconds) {
    var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(seconds)).GET().build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("data:") ? r.statusCode() : null;
    } catch (java.net.http.HttpTimeoutException stillOpen) {
      return 200;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> postForm(String path, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.putIfAbsent("_csrf", csrf());
    String body = all.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts a body as it is, with this browser's cookies, as a page's form would (an upload, say). */
  public HttpResponse<String> postBytes(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType).header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public String csrf() {
    if (cookie("lh_csrf") == null) get("/login");
    return cookie("lh_csrf");
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
