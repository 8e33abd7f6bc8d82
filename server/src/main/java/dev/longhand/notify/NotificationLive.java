package dev.longhand.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.NotificationDelivered;
import dev.longhand.event.NotificationsRead;
import dev.longhand.event.ReplyAdded;
import dev.longhand.event.ThreadMarkedUnread;
import dev.longhand.event.ThreadPosted;
import dev.longhand.event.ThreadRead;
import dev.longhand.http.Access;
import dev.longhand.http.LiveStreams;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The top bar's unread badges, live: every signed-in page opens one stream, {@code /live/events}, and hears
 * {@code badges} events ({@code {"inbox": 2, "notifications": 1, "text": "…"}}) with its person's counts: at once when
 * it opens, and whenever they may have changed: a notification delivered (its line comes as {@code text}) or read, a
 * post in a thread in their inbox, a thread read or marked unread. Only counts go out; an unchanged count is not sent
 * again. A page that goes away is noticed by {@link LiveStreams}' heartbeat; {@link #openStreams} is a metric.
 *
 * <p>The stream's path is its own: it used to be {@code /notifications/events}, which {@code /notifications/{id}}
 * (registered first) answered with 404, so the badge never showed.
 */
public final class NotificationLive implements OutboxConsumer, Router.Routes {
  public static final String PATH = "/live/events";

  private final NotificationService notifications;
  private final ObjectMapper json;
  private final LiveStreams streams = new LiveStreams("badge-live");
  /** What each person's pages were last told, so that an unchanged count is not sent again. */
  private final Map<Long, NotificationService.Badges> told = new ConcurrentHashMap<>();

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
    r.sse(PATH, Access.SIGNED_IN, this::subscribe);
    r.get("/api/v1/me/badges", Access.SIGNED_IN,
        ctx -> ctx.json(BadgeJson.Badges.of(notifications.badges(Requests.viewer(ctx).accountId()))));
    r.get("/api/v1/notifications/entries", Access.SIGNED_IN, ctx -> {
      var e = notifications.entries(Requests.viewer(ctx).accountId());
      ctx.json(new BadgeJson.Entries(e.unread(), e.groups().stream().map(BadgeJson.Entry::of).toList()));
    });
  }

  /** The event a page hears: its person's counts, and the line of a notification just delivered (else empty). */
  record Event(int inbox, int notifications, String text, String level) {}

  private void subscribe(SseClient client) {
    long me = Requests.viewer(client.ctx()).accountId();
    streams.open(me, client);
    LiveStreams.comment(client, "subscribed");
    NotificationService.Badges now = notifications.badges(me);
    told.put(me, now);
    String data = data(now, "", "");
    synchronized (client) {
      if (data != null && !client.terminated()) client.sendEvent("badges", data);
    }
  }

  /** Streams open now, for metrics. */
  public int openStreams() {
    return streams.openStreams();
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(NotificationDelivered.class, NotificationsRead.class, ThreadPosted.class, ReplyAdded.class,
        ThreadRead.class, ThreadMarkedUnread.class);
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    if (streams.isEmpty()) return;
    told.keySet().removeIf(person -> !streams.has(person));
    Set<Long> people = new HashSet<>();
    Set<Long> threads = new HashSet<>();
    Map<Long, Long> delivered = new HashMap<>(); // person -> the latest notification delivered to them in the batch
    for (OutboxEvent e : events) {
      switch (e.event()) {
        case NotificationDelivered d -> {
          people.add(d.accountId());
          delivered.put(d.accountId(), d.notificationId());
        }
        case NotificationsRead r -> people.add(r.accountId());
        case ThreadRead r -> people.add(r.accountId());
        case ThreadMarkedUnread u -> people.add(u.accountId());
        case ThreadPosted t -> {
          threads.add(t.threadId());
          people.add(t.authorId());
        }
        case ReplyAdded r -> {
          threads.add(r.threadId());
          people.add(r.authorId()); // posting reads the thread for its author
        }
        default -> { }
      }
    }
    people.removeIf(p -> !streams.has(p));
    if (!threads.isEmpty()) {
      Set<Long> watching = streams.keys();
      watching.removeAll(people);
      people.addAll(notifications.withInboxRows(threads, watching));
    }
    if (people.isEmpty()) return;
    Map<Long, NotificationService.Badges> counts = notifications.badges(people);
    counts.forEach((person, badges) -> {
      Long id = delivered.get(person);
      Notification n = id == null ? null : notifications.one(person, id).orElse(null);
      if (n == null && badges.equals(told.get(person))) return;
      told.put(person, badges);
      String data = data(badges, n == null ? "" : n.text(), n == null ? "" : n.level().key());
      if (data != null) streams.send(person, "badges", data);
    });
  }

  private String data(NotificationService.Badges b, String text, String level) {
    try {
      return json.writeValueAsString(new Event(b.inbox(), b.notifications(), text, level));
    } catch (IOException e) {
      return null;
    }
  }
}
