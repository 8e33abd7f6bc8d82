package dev.longhand.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notices about one thread are one entry: "3 new replies in “Launch plan”", at the time of the latest. Read and unread
 * ones make separate entries; urgent notifications, digests and notices about something other than a thread's posts
 * (a document's comments) stay one entry each. Opening an entry opens the earliest unread notice of it, which lands on
 * its reply ({@code /threads/1/replies/2}, which opens the page that holds it), and reads the whole entry.
 */
public final class Grouping {
  private static final Set<String> REPLIES = Set.of("reply", "followed-reply");

  private Grouping() {}

  /** One entry of the notification centre: its notices, newest first. */
  public record Group(List<Notification> notices, boolean unread, String text) {
    public Notification latest() {
      return notices.getFirst();
    }

    /** The notice that opening the entry opens: the earliest unread one, else the latest. */
    public Notification landing() {
      return unread ? notices.getLast() : notices.getFirst();
    }

    /** Who caused the entry's notices, newest first, each once and at most three (Longhand's own nudges name nobody). */
    public List<Long> actors() {
      return notices.stream().map(Notification::actorId).filter(a -> a != 0).distinct().limit(3).toList();
    }

    public int count() {
      return notices.size();
    }

    public long at() {
      return latest().deliveredAt().orElse(latest().createdAt());
    }
  }

  static boolean groupable(Notification n) {
    return n.threadId() != 0 && n.level() != Level.URGENT && !n.kind().equals("digest")
        && (n.link().isEmpty() || n.link().startsWith("/threads/"));
  }

  /** Entries of delivered notices (newest first), each placed where its latest notice is. */
  static List<Group> group(List<Notification> delivered, Map<Long, String> titles) {
    Map<Object, List<Notification>> entries = new LinkedHashMap<>();
    for (Notification n : delivered) {
      Object key = groupable(n) ? List.of(n.threadId(), n.unread()) : n.id();
      entries.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
    }
    List<Group> groups = new ArrayList<>(entries.size());
    for (List<Notification> notices : entries.values()) {
      Notification latest = notices.getFirst();
      groups.add(new Group(List.copyOf(notices), latest.unread(), text(notices, titles.getOrDefault(latest.threadId(), ""))));
    }
    return groups;
  }

  private static String text(List<Notification> notices, String title) {
    if (notices.size() == 1) return notices.getFirst().text();
    int n = notices.size();
    boolean allReplies = notices.stream().allMatch(x -> REPLIES.contains(x.kind()));
    if (allReplies) return n + " new replies in “" + title + "”";
    long mentions = notices.stream().filter(x -> x.kind().equals("mention")).count();
    return n + " notices in “" + title + "”" + (mentions == 0 ? "" : mentions == 1 ? ", one mentions you" : ", " + mentions + " mention you");
  }
}
