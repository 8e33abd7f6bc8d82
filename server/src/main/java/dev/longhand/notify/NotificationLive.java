package dev.longhand.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.NotificationDelivered;
import dev.longhand.http.Access;
import dev.longhand.http.LiveStreams;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivers notifications live: each signed-in page listens on {@code /notifications/events}, and
 * when one of its person's notifications is delivered (now, or when a held one comes due) the page
 * hears the new unread count and the notification's line. A page that goes away is noticed by {@link LiveStreams}'
 * heartbeat.
 */
public final class NotificationLive implements OutboxConsumer, Router.Routes {
  private final NotificationService notifications;
  private final ObjectMapper json;
  private final LiveStreams streams = new LiveStreams("notification-live");

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
    streams.open(me, client);
    LiveStreams.comment(client, "subscribed");
    synchronized (client) {
      if (!client.terminated()) client.sendEvent("notification", "{\"unread\":" + notifications.unread(me) + ",\"text\":\"\"}");
    }
  }

  /** Streams open now, for metrics. */
  public int openStreams() {
    return streams.openStreams();
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(NotificationDelivered.class);
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    if (streams.isEmpty()) return;
    for (OutboxEvent e : events) {
      if (!(e.event() instanceof NotificationDelivered delivered)) continue;
      long person = delivered.accountId();
      long id = delivered.notificationId();
      if (!streams.has(person)) continue;
      String data;
      try {
        var n = notifications.one(person, id);
        data = json.writeValueAsString(Map.of("unread", notifications.unread(person),
            "text", n.map(Notification::text).orElse(""), "level", n.map(x -> x.level().key()).orElse("direct")));
      } catch (java.io.IOException bad) {
        continue;
      }
      streams.send(person, "notification", data);
    }
  }
}
