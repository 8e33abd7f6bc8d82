package dev.longhand.webhook;

import dev.longhand.event.DomainEvent;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The {@code webhooks} outbox consumer: after commit, each event of a kind some webhook of its workspace subscribes to
 * becomes a delivery row (its body fixed then), which the {@link WebhookSender} sends. A batch costs one indexed query
 * when no webhook listens, and one more write when some do; a replayed event makes no second row (unique per webhook
 * and event). Only the event's own workspace's webhooks hear it.
 */
final class WebhookConsumer implements OutboxConsumer {
  static final String NAME = "webhooks";
  private static final Set<Class<? extends DomainEvent>> CONSUMES = WebhookEvents.offeredTypes();

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final WebhookEvents events;
  private final WebhookSender sender;
  private final WebhookStore store = new WebhookStore();

  WebhookConsumer(Database db, Ids ids, Clock clock, WebhookEvents events, WebhookSender sender) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.events = events;
    this.sender = sender;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return CONSUMES;
  }

  @Override
  public long gatherNanos() {
    return TimeUnit.MILLISECONDS.toNanos(50);
  }

  private record Row(long workspaceId, long webhookId, long eventId, String kind, String body) {}

  @Override
  public void accept(List<OutboxEvent> batch) {
    Set<Long> workspaces = new TreeSet<>();
    for (OutboxEvent e : batch) workspaces.add(e.workspaceId());
    List<Webhook.Subscriber> subscribers = db.read(h -> store.subscribers(h, workspaces));
    if (subscribers.isEmpty()) return;
    List<Row> rows = new ArrayList<>();
    for (OutboxEvent e : batch) {
      String body = null;
      for (Webhook.Subscriber s : subscribers) {
        if (s.workspaceId() != e.workspaceId() || !s.events().contains(e.kind())) continue;
        if (body == null) body = events.body(e);
        rows.add(new Row(e.workspaceId(), s.id(), e.id(), e.kind(), body));
      }
    }
    if (rows.isEmpty()) return;
    long now = clock.millis();
    db.writeAll(h -> {
      for (Row r : rows) store.insertDelivery(h, ids.next(), r.workspaceId(), r.webhookId(), r.eventId(), r.kind(), r.body(), now);
    });
    sender.wake();
  }
}
