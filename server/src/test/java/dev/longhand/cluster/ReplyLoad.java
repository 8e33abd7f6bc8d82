package dev.longhand.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that post replies through one address as fast as they are answered, each posting once (never retrying):
 * every attempt is noted with its thread, its body (unique), when it was sent and answered, and its status (0: no
 * answer at all). A reply counts as acknowledged only when it was answered 201 with its id.
 */
final class ReplyLoad {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One post: {@code status} 0 when the connection failed or no answer came. */
  record Attempt(String threadId, String body, int status, String replyId, long sentNanos, long answeredNanos) {
    boolean acknowledged() {
      return status == 201 && replyId != null;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> clients = new ArrayList<>();

  /** Starts one client per token, each posting in turn to every thread through {@code base}. */
  ReplyLoad(String base, List<String> tokens, List<String> threadIds) {
    for (int c = 0; c < tokens.size(); c++) {
      int client = c;
      String token = tokens.get(c);
      clients.add(Thread.ofVirtual().name("reply-load-" + c).start(() -> {
        for (int n = 0; !stop.get(); n++) {
          String thread = threadIds.get((n + client) % threadIds.size());
          attempts.add(post(base, token, thread, "load " + client + "-" + n));
        }
      }));
    }
  }

  private Attempt post(String base, String token, String threadId, String body) {
    long sent = System.nanoTime();
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/threads/" + threadId + "/replies"))
          .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("body", body)))).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String id = response.statusCode() == 201 ? JSON.readTree(response.body()).path("id").asText(null) : null;
      return new Attempt(threadId, body, response.statusCode(), id, sent, System.nanoTime());
    } catch (java.io.IOException noAnswer) {
      return new Attempt(threadId, body, 0, null, sent, System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(threadId, body, 0, null, sent, System.nanoTime());
    }
  }

  /** Stops the clients once their posts in flight are answered; every attempt made. */
  List<Attempt> stop() throws InterruptedException {
    stop.set(true);
    for (Thread t : clients) t.join(Duration.ofSeconds(30));
    http.shutdownNow();
    return List.copyOf(attempts);
  }

  int acknowledgedSoFar() {
    return (int) attempts.stream().filter(Attempt::acknowledged).count();
  }
}
