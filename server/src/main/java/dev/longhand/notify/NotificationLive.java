package dev.longhand.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.NotificationDelivered;
import dev.longhand.http.Access;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers notifications live: each signed-in page listens on {@code /notifications/events}, and
 * when one of its person's notifications is delivered (now, or when a held one comes due) the page
 * hears the new unread count and the notification's line.
 */
public final class NotificationLive implements OutboxConsumer, Router.Routes {
  private final NotificationService notifications;
  private final ObjectMapper json;
  private final Map<Long, Set<SseClient>> subscribers = new ConcurrentHashMap<>();

  public NotificationLive(NotificationService notifications, ObjectMapper json) {
    this.notifications = notifications;
    this.json = json;
  }

  @Override
  public String name() {
    return "notification-live";
  }

  /** A few hundredths of a second, which nobody watching a page notices, lets a busy server read the outbox once per handful of commits. */
  @Override
  public long gatherNanos() {
    return 20_000_000L;
  }

  @Override
  public void register(Router r) {
    r.sse("/notifications/events", Access.SIGNED_IN, this::subscribe);
  }

  private void subscribe(SseClient client) {
    long me = Requests.viewer(client.ctx()).accountId();
    subscribers.computeIfAbsent(me, id -> ConcurrentHashMap.newKeySet()).add(client);
    client.onClose(() -> subscribers.computeIfPresent(me, (id, clients) -> {
      clients.remove(client);
      return clients.isEmpty() ? null : clients;
    }));
    client.sendComment("subscribed");
    client.sendEvent("notification", "{\"unread\":" + notifications.unread(me) + ",\"text\":\"\"}");
    client.keepAlive();
  }

  /** Streams open now, for metrics. */
  public int openStreams() {
    return subscribers.values().stream().mapToInt(Set::size).sum();
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(NotificationDelivered.class);
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    if (subscribers.isEmpty()) return;
    for (OutboxEvent e : events) {
      if (!(e.event() instanceof NotificationDelivered delivered)) continue;
      long person = delivered.accountId();
      long id = delivered.notificationId();
      Set<SseClient> clients = subscribers.get(person);
      if (clients == null) continue;
      String data;
      try {
        var n = notifications.one(person, id);
        data = json.writeValueAsString(Map.of("unread", notifications.unread(person),
            "text", n.map(Notification::text).orElse(""), "level", n.map(x -> x.level().key()).orElse("direct")));
      } catch (java.io.IOException bad) {
        continue;
      }
      for (SseClient c : clients) {
        if (!c.terminated()) c.sendEvent("notification", data);
      }
    }
  }
}
