package dev.longhand.inbox;

import java.time.Instant;
import java.util.List;

/** The JSON the inbox API answers ({@code InboxItem} in openapi.json): ids as strings, instants ISO-8601 UTC. */
final class InboxJson {
  private InboxJson() {}

  record Items(List<Item> items) {}

  record Item(String threadId, String title, String workspaceId, String spaceId, String spaceName, int unreadCount,
              String lastActivityAt, List<String> reasons) {
    static Item of(InboxItem i) {
      return new Item(String.valueOf(i.threadId()), i.title(), String.valueOf(i.workspaceId()), String.valueOf(i.spaceId()),
          i.spaceName(), i.unreadCount(), Instant.ofEpochMilli(i.lastActivityAt()).toString(), i.reasons());
    }
  }

  /** {@code Reminder}: when one asked to be reminded of a thread. */
  record Reminder(String id, String threadId, String title, String remindAt) {
    static Reminder of(Reminders.Reminder r) {
      return new Reminder(String.valueOf(r.id()), String.valueOf(r.threadId()), r.title(),
          Instant.ofEpochMilli(r.remindAt()).toString());
    }
  }

  record ReminderList(List<Reminder> reminders) {}
}
