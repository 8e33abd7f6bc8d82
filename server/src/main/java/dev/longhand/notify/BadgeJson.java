package dev.longhand.notify;

import java.time.Instant;
import java.util.List;

/** The JSON of the badges and of the centre's grouped entries (openapi/live.json). */
final class BadgeJson {
  private BadgeJson() {}

  record Badges(int inbox, int notifications) {
    static Badges of(NotificationService.Badges b) {
      return new Badges(b.inbox(), b.notifications());
    }
  }

  /** One entry: {@code id} is the notice opening it opens (POST /api/v1/notifications/{id}/read reads the entry). */
  record Entry(String id, String text, String threadId, String link, int count, boolean unread, String latestAt,
               List<String> notificationIds) {
    static Entry of(Grouping.Group g) {
      Notification landing = g.landing();
      return new Entry(String.valueOf(landing.id()), g.text(), landing.threadId() == 0 ? null : String.valueOf(landing.threadId()),
          landing.path().isEmpty() ? null : landing.path(), g.count(), g.unread(), Instant.ofEpochMilli(g.at()).toString(),
          g.notices().stream().map(n -> String.valueOf(n.id())).toList());
    }
  }

  record Entries(int unread, List<Entry> entries) {}
}
