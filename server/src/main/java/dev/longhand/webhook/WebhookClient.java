package dev.longhand.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * The HTTP side of delivery: Jetty's client with the {@link PinnedResolver} (one lookup, every address checked, the
 * connection made to a checked one; TLS still verifies the certificate against the URL's host name), redirects never
 * followed, and bounded waits: 5 s to connect, 15 s for the whole exchange.
 */
final class WebhookClient implements AutoCloseable {
  static final long CONNECT_MILLIS = 5_000;
  static final long EXCHANGE_MILLIS = 15_000;

  /** What one attempt came to: the receiver's status, or why there was none. */
  record Outcome(Integer status, String error) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  private final PinnedResolver resolver;
  private HttpClient http;
  private boolean closed;

  /** The client starts with the first delivery: its TLS set-up is start-up time a server without webhooks never needs. */
  WebhookClient(PinnedResolver resolver) {
    this.resolver = resolver;
  }

  private synchronized HttpClient started() {
    if (closed) throw new IllegalStateException("the webhook client is closed");
    if (http != null) return http;
    HttpClient client = new HttpClient();
    client.setSocketAddressResolver(resolver);
    client.setFollowRedirects(false);
    client.setConnectTimeout(CONNECT_MILLIS);
    client.setIdleTimeout(EXCHANGE_MILLIS);
    client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Longhand-Webhooks/1"));
    client.setMaxConnectionsPerDestination(4);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("the webhook client did not start", e);
    }
    http = client;
    return http;
  }

  Outcome post(String url, String id, long timestampSeconds, String signature, String body) {
    try {
      ContentResponse r = started().newRequest(URI.create(url))
          .method(HttpMethod.POST)
          .headers(h -> h.put("webhook-id", id).put("webhook-timestamp", Long.toString(timestampSeconds)).put("webhook-signature", signature))
          .body(new StringRequestContent("application/json", body, StandardCharsets.UTF_8))
          .timeout(EXCHANGE_MILLIS, TimeUnit.MILLISECONDS)
          .send();
      int status = r.getStatus();
      if (status >= 200 && status < 300) return new Outcome(status, null);
      String location = r.getHeaders().get(HttpHeader.LOCATION);
      return new Outcome(status, status >= 300 && status < 400
          ? "answered " + status + (location == null ? "" : " to " + clip(location, 200)) + "; redirects are not followed"
          : "answered " + status);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, "interrupted");
    } catch (TimeoutException e) {
      return new Outcome(null, "no answer within " + EXCHANGE_MILLIS / 1000 + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      while (cause.getCause() != null && !(cause instanceof PinnedResolver.Refused)) cause = cause.getCause();
      return new Outcome(null, clip(cause instanceof PinnedResolver.Refused ? cause.getMessage()
          : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), 500));
    } catch (RuntimeException e) {
      return new Outcome(null, clip(e.getClass().getSimpleName() + ": " + e.getMessage(), 500));
    }
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (http == null) return;
    try {
      http.stop();
    } catch (Exception e) {
      // stopping: nothing left to tell
    }
  }
}
