package dev.longhand.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread page's live stream as a browser's EventSource keeps it: {@code /threads/{id}/events}, reconnecting when
 * the stream drops and sending the last event id it received as {@code Last-Event-ID}. It notes when it first heard
 * each reply (the SSE {@code id:} field of {@code reply} events); a reply announced twice counts once.
 */
final class LiveClient implements AutoCloseable {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final URI uri;
  private final String token;
  private final Map<String, Long> heard = new ConcurrentHashMap<>();
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final Thread reader;
  private volatile boolean closed;
  private volatile InputStream open;
  /** The last event id received, as EventSource keeps it (an event without an id leaves it). */
  private volatile String lastEventId;

  LiveClient(String base, String threadId, String token) {
    this.uri = URI.create(base + "/threads/" + threadId + "/events");
    this.token = token;
    this.reader = Thread.ofVirtual().name("live-client").start(this::run);
  }

  /** Waits until the stream is subscribed {@code count} times in all (1: the first connection). */
  boolean awaitSubscriptions(int count, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (subscriptions.get() < count && System.nanoTime() < deadline) Thread.sleep(10);
    return subscriptions.get() >= count;
  }

  int subscriptions() {
    return subscriptions.get();
  }

  /** When (System.nanoTime) each reply was first heard. */
  Map<String, Long> heard() {
    return Map.copyOf(heard);
  }

  /** Waits for reply {@code id}; the nanoTime it was heard, or -1. */
  long awaitReply(String id, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!heard.containsKey(id) && System.nanoTime() < deadline) Thread.sleep(1);
    return heard.getOrDefault(id, -1L);
  }

  private void run() {
    while (!closed) {
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token);
        if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
          open = body;
          if (response.statusCode() == 200) read(body);
        }
      } catch (IOException dropped) {
        // the stream was cut (its node died) or could not be opened: reconnect, as EventSource does
      } catch (InterruptedException e) {
        return;
      }
      if (closed) return;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Reads events until the stream ends: lines up to a blank one make an event. */
  private void read(InputStream body) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    String event = null;
    String id = null;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.isEmpty()) {
        if (id != null) lastEventId = id;
        if ("reply".equals(event) && id != null) heard.putIfAbsent(id, System.nanoTime());
        event = null;
        id = null;
      } else if (line.startsWith(":")) {
        if (line.substring(1).strip().equals("subscribed")) subscriptions.incrementAndGet();
      } else if (line.startsWith("event:")) {
        event = line.substring(6).strip();
      } else if (line.startsWith("id:")) {
        id = line.substring(3).strip();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    InputStream body = open;
    if (body != null) {
      try {
        body.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    http.shutdownNow();
    reader.interrupt();
    reader.join(Duration.ofSeconds(5));
  }
}
