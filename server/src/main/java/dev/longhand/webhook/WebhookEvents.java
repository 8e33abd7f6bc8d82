package dev.longhand.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhand.event.BrainstormVoted;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.EventCodec;
import dev.longhand.event.NotificationDelivered;
import dev.longhand.event.NotificationsRead;
import dev.longhand.event.ThreadMarkedUnread;
import dev.longhand.event.ThreadRead;
import dev.longhand.store.OutboxEvent;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which events a webhook may hear, and the body it is sent: the versioned public event of {@code docs/EVENTS.md}
 * in an envelope. Every kind is offered except one person's own reading and notifications (what someone read or was
 * told, and when, is theirs, not the workspace's) and brainstorm dots (counts stay hidden until voting ends).
 */
public final class WebhookEvents {
  /** Kinds never sent to a webhook, with why (docs/EVENTS.md, "Webhooks", lists the same). */
  static final Set<Class<? extends DomainEvent>> WITHHELD = Set.of(ThreadRead.class, ThreadMarkedUnread.class,
      NotificationDelivered.class, NotificationsRead.class, BrainstormVoted.class);

  /** What a webhook may subscribe to, by kind name, in the catalog's order. */
  public static final List<String> OFFERED = EventCodec.all().stream()
      .filter(k -> !WITHHELD.contains(k.type())).map(EventCodec.Kind::name).toList();

  static Set<Class<? extends DomainEvent>> offeredTypes() {
    Set<Class<? extends DomainEvent>> types = new LinkedHashSet<>();
    for (EventCodec.Kind k : EventCodec.all()) if (!WITHHELD.contains(k.type())) types.add(k.type());
    return types;
  }

  private final ObjectMapper json;
  private final EventCodec codec;

  WebhookEvents(ObjectMapper json) {
    this.json = json;
    this.codec = new EventCodec(json);
  }

  /**
   * The body of a delivery: {@code {"id", "type", "timestamp", "workspaceId", "data"}}, where {@code data} is the
   * event's payload as EVENTS.md lists it (with {@code "v"}), its ids written as strings as the REST API writes them
   * (ids need 63 bits, past what a JavaScript number holds exactly).
   */
  String body(OutboxEvent e) {
    EventCodec.Kind kind = EventCodec.of(e.event().getClass());
    ObjectNode data;
    try {
      data = (ObjectNode) json.readTree(codec.payload(e.event()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException("an event payload is not JSON", ex);
    }
    for (EventCodec.Field f : kind.fields()) {
      JsonNode v = data.get(f.name());
      if (v == null || v.isNull()) continue;
      if (f.type().equals("long") || f.type().equals("Long")) data.put(f.name(), v.asText());
      if (f.type().equals("List<Long>") && v.isArray()) {
        ArrayNode strings = data.putArray(f.name());
        v.forEach(x -> strings.add(x.asText()));
      }
    }
    ObjectNode envelope = json.createObjectNode();
    envelope.put("id", Long.toString(e.id()));
    envelope.put("type", kind.name());
    envelope.put("timestamp", Instant.ofEpochMilli(e.createdAt()).toString());
    envelope.put("workspaceId", Long.toString(e.workspaceId()));
    envelope.set("data", data);
    return envelope.toString();
  }
}
