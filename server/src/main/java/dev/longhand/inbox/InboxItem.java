package dev.longhand.inbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A thread with something unread for one person, and why it is in their inbox. */
public record InboxItem(long threadId, String title, long workspaceId, long spaceId, String spaceName, int unreadCount,
                        long lastActivityAt, List<String> reasons) {

  static final int NEW_THREAD = 1;
  static final int REPLY = 2;
  static final int MENTION = 4;
  static final int MARKED_UNREAD = 8;
  static final int REMINDER = 16;
  /** The inbox's order: newest activity first, then the later thread. */
  static final Comparator<InboxItem> NEWEST_FIRST = (a, b) -> a.lastActivityAt != b.lastActivityAt
      ? Long.compare(b.lastActivityAt, a.lastActivityAt) : Long.compare(b.threadId, a.threadId);

  private static final String[] NAMES = {"new_thread", "reply", "mention", "marked_unread", "reminder"};

  /** The reasons stored as a bit set, by name, in a fixed order. */
  static List<String> reasons(int bits) {
    List<String> out = new ArrayList<>(4);
    for (int i = 0; i < NAMES.length; i++) if ((bits & (1 << i)) != 0) out.add(NAMES[i]);
    return out;
  }

  public boolean mentioned() {
    return reasons.contains("mention");
  }
}
