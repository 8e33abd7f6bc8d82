package dev.longhand.thread;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.LiveStreams;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates for open thread pages, over server-sent events. A page subscribes to
 * {@code /threads/{id}/events} (access is checked once, at subscription); this hub is a live-only
 * outbox consumer, so it only ever announces what has committed. Events carry ids only
 * ({@code reply}, {@code reaction}, {@code acknowledged}); the page fetches what it shows through
 * the usual access-checked routes. Subscribers are per node, in memory: a restart drops them and
 * the browser's EventSource reconnects by itself. A page that goes away is noticed by {@link LiveStreams}' heartbeat.
 */
public final class ThreadLive implements OutboxConsumer, Router.Routes {
  private static final Logger log = LoggerFactory.getLogger(ThreadLive.class);
  private static final Map<String, String> EVENT_NAMES = Map.of(
      "ReplyAdded", "reply", "ReactionAdded", "reaction", "ReactionRemoved", "reaction", "ThreadAcknowledged", "acknowledged");

  private final ThreadService threads;
  private final ObjectMapper json;
  private final LiveStreams streams = new LiveStreams("thread-live");

  public ThreadLive(ThreadService threads, ObjectMapper json) {
    this.threads = threads;
    this.json = json;
  }

  @Override
  public String name() {
    return "thread-live";
  }

  /** A few hundredths of a second, which nobody watching a page notices, lets a busy server read the outbox once per handful of commits. */
  @Override
  public long gatherNanos() {
    return 20_000_000L;
  }

  @Override
  public void register(Router r) {
    r.sse("/threads/{id}/events", Access.SIGNED_IN, this::subscribe);
  }

  private void subscribe(SseClient client) {
    long threadId = Ids.parse(client.ctx().pathParam("id"));
    try {
      if (threadId < 0) throw Problem.notFound("thread");
      threads.access(Requests.viewer(client.ctx()).accountId(), threadId);
    } catch (Problem refused) {
      client.close();
      return;
    }
    streams.open(threadId, client);
    LiveStreams.comment(client, "subscribed");
  }

  /** Event streams open on thread pages now. */
  public int openStreams() {
    return streams.openStreams();
  }

  /** What the timer does every few seconds; tests call it rather than wait. */
  void heartbeat() {
    streams.heartbeat();
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    if (streams.isEmpty()) return;
    for (OutboxEvent e : events) {
      String name = EVENT_NAMES.get(e.kind());
      if (name == null) continue;
      JsonNode payload = parse(e);
      if (payload == null) continue;
      long threadId = payload.path("threadId").asLong();
      if (streams.has(threadId)) streams.send(threadId, name, data(payload));
    }
  }

  /** What the browser gets: the ids, as strings like everywhere in the API. */
  private String data(JsonNode payload) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String field : List.of("threadId", "replyId", "postId", "accountId")) {
      if (payload.has(field)) out.put(field, payload.get(field).asText());
    }
    try {
      return json.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode parse(OutboxEvent e) {
    try {
      return json.readTree(e.payload());
    } catch (JsonProcessingException ex) {
      log.warn("skipping unreadable outbox event {} of kind {}", e.id(), e.kind());
      return null;
    }
  }
}
