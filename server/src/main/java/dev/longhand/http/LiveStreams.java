package dev.longhand.http;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Open server-sent event streams, by key (a thread, a person), for a hub that announces events to them.
 *
 * <p>A browser that goes away does not tell us: its socket stays open on our side until a write to it fails, and
 * the first write after the peer closed still succeeds (the kernel takes it; the peer's reset comes after). So a
 * stream that was only written to when something happened stayed open for good, one file descriptor each. Every
 * {@link #HEARTBEAT} each open stream gets a comment line; a write that fails closes the client, which takes it
 * out of here and ends its request, so Jetty closes the connection. Sends to one client are serialised, since the
 * outbox dispatcher and the heartbeat may write to it at once.
 */
public final class LiveStreams {
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final Map<Long, Set<SseClient>> byKey = new ConcurrentHashMap<>();
  /** Whose each stream is, for those opened with an owner: so that someone's streams can be closed when they lose access. */
  private final Map<SseClient, Long> owners = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;

  public LiveStreams(String name) {
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name + "-heartbeat").daemon().factory());
    timer.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Keeps the client's request open and listed under {@code key} until it closes (by us, or by a failed write). */
  public void open(long key, SseClient client) {
    client.keepAlive(); // first, so that a close from any later failed write also ends the request
    client.onClose(() -> remove(key, client));
    byKey.compute(key, (k, clients) -> {
      Set<SseClient> set = clients == null ? ConcurrentHashMap.newKeySet() : clients;
      set.add(client);
      return set;
    });
    if (client.terminated()) remove(key, client); // closed before it was listed: its callback found nothing to remove
  }

  /** As {@link #open(long, SseClient)}, remembering whose stream it is ({@link #keysOf}, {@link #close}). */
  public void open(long key, long owner, SseClient client) {
    owners.put(client, owner);
    open(key, client);
    if (client.terminated()) owners.remove(client);
  }

  /** The keys under which this owner has streams open now. */
  public Set<Long> keysOf(long owner) {
    Set<Long> keys = new java.util.HashSet<>();
    byKey.forEach((key, clients) -> {
      for (SseClient c : clients) if (owners.getOrDefault(c, -1L) == owner) keys.add(key);
    });
    return keys;
  }

  /** Closes this owner's streams under {@code key} (they may no longer see it); each leaves as it closes. */
  public void close(long key, long owner) {
    Set<SseClient> clients = byKey.get(key);
    if (clients == null) return;
    for (SseClient c : List.copyOf(clients)) {
      if (owners.getOrDefault(c, -1L) != owner) continue;
      synchronized (c) {
        c.close();
      }
      remove(key, c);
    }
  }

  public boolean isEmpty() {
    return byKey.isEmpty();
  }

  public boolean has(long key) {
    return byKey.containsKey(key);
  }

  /** The keys with a stream open now (a copy). */
  public Set<Long> keys() {
    return new java.util.HashSet<>(byKey.keySet());
  }

  /** Streams open now, over every key. */
  public int openStreams() {
    return byKey.values().stream().mapToInt(Set::size).sum();
  }

  /** Streams open now under one key. */
  public int openStreams(long key) {
    Set<SseClient> clients = byKey.get(key);
    return clients == null ? 0 : clients.size();
  }

  /** Sends an event to every stream under {@code key}; one whose write fails closes and leaves. */
  public void send(long key, String event, String data) {
    send(key, event, data, null);
  }

  /**
   * As {@link #send(long, String, String)}, with the event's id ({@code null}: none), which a browser sends back as
   * {@code Last-Event-ID} when it reconnects.
   */
  public void send(long key, String event, String data, String id) {
    Set<SseClient> clients = byKey.get(key);
    if (clients == null) return;
    for (SseClient c : List.copyOf(clients)) {
      synchronized (c) {
        if (c.terminated() || Requests.gone(c.ctx())) remove(key, c);
        else c.sendEvent(event, data, id);
      }
    }
  }

  /** Sends an event to one stream, serialised with the others' sends to it (a catch-up on subscribing). */
  public static void sendTo(SseClient client, String event, String data, String id) {
    synchronized (client) {
      if (!client.terminated() && !Requests.gone(client.ctx())) client.sendEvent(event, data, id);
    }
  }

  /** Sends a comment to one stream (a greeting, the heartbeat), serialised with its events. */
  public static void comment(SseClient client, String text) {
    synchronized (client) {
      if (!client.terminated() && !Requests.gone(client.ctx())) client.sendComment(text);
    }
  }

  /** Writes a comment to every open stream, each on its own virtual thread so one stalled peer holds up nobody. */
  public void heartbeat() {
    byKey.forEach((key, clients) -> {
      for (SseClient c : List.copyOf(clients)) {
        if (c.terminated() || Requests.gone(c.ctx())) remove(key, c); // its reader left and nothing wrote since
        else Thread.ofVirtual().name("sse-heartbeat").start(() -> comment(c, "ping"));
      }
    });
  }

  private void remove(long key, SseClient client) {
    owners.remove(client);
    byKey.computeIfPresent(key, (k, clients) -> {
      clients.remove(client);
      return clients.isEmpty() ? null : clients;
    });
  }
}
