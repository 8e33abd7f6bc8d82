package dev.longhand.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the notification API answers, one record per shape in openapi.json: ids as strings, instants ISO-8601
 * UTC; fields that do not apply are left out.
 */
final class NotificationJson {
  private NotificationJson() {}

  static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  record Centre(int unread, List<View> delivered, List<View> held) {}

  record Marked(int marked) {}

  /** {@code Notification}; {@code recipientId} only in a workspace's urgent log. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record View(String id, String level, String kind, String text, String reason, String threadId, String link, Actor actor,
              String createdAt, String deliverAt, String deliveredAt, boolean read, String recipientId) {
    static View of(Notification n) {
      return of(n, null);
    }

    static View of(Notification n, String recipientId) {
      return new View(String.valueOf(n.id()), n.level().key(), n.kind(), n.text(), n.reason().isEmpty() ? null : n.reason(),
          n.threadId() != 0 ? String.valueOf(n.threadId()) : null, n.path().isEmpty() ? null : n.path(),
          n.actorId() != 0 ? new Actor(String.valueOf(n.actorId()), n.actorName()) : null, instant(n.createdAt()),
          n.deliverAt().map(NotificationJson::instant).orElse(null), n.deliveredAt().map(NotificationJson::instant).orElse(null),
          n.readAt().isPresent(), recipientId);
    }
  }

  record Actor(String id, String name) {}

  record Sent(String id) {}

  record Focus(String focusUntil) {}

  record UrgentLimit(int urgentPerDay) {}

  record UrgentLog(int urgentPerDay, List<View> log) {}

  record Digest(String id, String subject, String text, String html, String coversFrom, String coversTo) {}

  record Recipients(List<Recipient> recipients) {}

  /** When a message would land with one recipient. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Recipient(String id, String name, String handle, String timeZone, boolean now, String landsAt, String summary) {}

  /** {@code Delivery}: one's digest times, focus blocks and when one can be reached. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Delivery(List<String> digestTimes, List<Block> focusBlocks, String focusUntil, boolean emailDigests,
                  boolean emailAvailable, boolean reachableNow, String nextReachableAt, String nextDigestAt) {}

  record Block(String day, String start, String end) {}
}
