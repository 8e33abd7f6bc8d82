package dev.longhand.slack;

import dev.longhand.slack.SlackExport.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a channel's messages become threads: a Slack thread (a parent and the messages whose {@code thread_ts} names
 * it) is one thread, its parent the opening post; the channel's other top-level messages are one thread per day file,
 * its first message the opening post. Posts keep Slack's order ({@code ts}). A thread whose parent is not in the
 * export (outside its dates, or deleted in Slack) opens with its first reply.
 */
final class SlackThreads {
  /** Which thread a group is: {@code thread} (key: its {@code thread_ts}) or {@code day} (key: the day). */
  enum Kind { THREAD, DAY }

  /** One future thread: its kind and key, and its posts, oldest first (the first opens it). */
  record Group(Kind kind, String key, List<Message> posts) {
    /** The group's id in the mapping table: {@code <channel id>/<key>}. */
    String slackId(String channelId) {
      return channelId + "/" + key;
    }
  }

  private SlackThreads() {}

  /** The channel's importable messages, grouped; groups in the order of their first post. */
  static List<Group> group(List<Message> messages) {
    List<Message> sorted = new ArrayList<>(messages);
    sorted.sort(Comparator.comparingLong(Message::micros));
    Set<String> parents = new HashSet<>();
    for (Message m : sorted) if (m.isReply()) parents.add(m.threadTs());
    Map<String, List<Message>> groups = new LinkedHashMap<>();
    Map<String, Kind> kinds = new LinkedHashMap<>();
    for (Message m : sorted) {
      String key;
      Kind kind;
      if (m.isReply()) {
        key = m.threadTs();
        kind = Kind.THREAD;
      } else if (parents.contains(m.ts())) {
        key = m.ts();
        kind = Kind.THREAD;
      } else {
        key = m.day();
        kind = Kind.DAY;
      }
      String k = kind + " " + key;
      kinds.putIfAbsent(k, kind);
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(m);
    }
    List<Group> out = new ArrayList<>();
    groups.forEach((k, posts) -> {
      Kind kind = kinds.get(k);
      List<Message> ordered = new ArrayList<>(posts);
      if (kind == Kind.THREAD) {
        // the parent first, even if a reply carries an earlier ts (clock skew between clients)
        String key = k.substring(k.indexOf(' ') + 1);
        ordered.sort(Comparator.comparing((Message m) -> !m.ts().equals(key)).thenComparingLong(Message::micros));
      }
      out.add(new Group(kind, k.substring(k.indexOf(' ') + 1), ordered));
    });
    return out;
  }
}
