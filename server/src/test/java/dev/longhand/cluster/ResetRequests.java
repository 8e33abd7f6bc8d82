package dev.longhand.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks for a password reset for each address in turn, one every half second, through one address; each is asked
 * once (never retried). Those answered 202 are acknowledged: their mail is due work committed in the database.
 */
final class ResetRequests {
  private static final long PAUSE_MILLIS = 500;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Thread asker;

  ResetRequests(String base, List<String> emails) {
    asker = Thread.ofVirtual().name("reset-requests").start(() -> {
      for (String email : emails) {
        if (stop.get()) return;
        ask(base, email);
        try {
          Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  private void ask(String base, String email) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/password-resets")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build();
    try {
      if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) acknowledged.put(email, System.nanoTime());
    } catch (java.io.IOException noAnswer) {
      // not acknowledged: its mail may be sent or not, but at most once
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops asking; the addresses whose request was acknowledged, with when. */
  Map<String, Long> stop() throws InterruptedException {
    stop.set(true);
    asker.join(Duration.ofSeconds(15));
    http.shutdownNow();
    return Map.copyOf(acknowledged);
  }
}
