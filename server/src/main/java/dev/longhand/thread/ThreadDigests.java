package dev.longhand.thread;

import dev.longhand.http.PostLinks;
import dev.longhand.notify.DigestSource;
import dev.longhand.notify.Excerpt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The thread sections of a digest: new threads in spaces one reads and has not muted, each with its opening post's
 * excerpt, and replies to threads one follows, grouped by thread, with who wrote and the latest few replies' excerpts.
 */
public final class ThreadDigests {
  private ThreadDigests() {}

  /** Replies shown per thread; the rest are counted ("4 more"). */
  static final int REPLIES_SHOWN = 3;
  /** Replies read for one digest at most, newest first: enough for every thread's latest few and its writers. */
  static final int REPLIES_READ = 300;

  private static final ThreadDigestStore store = new ThreadDigestStore();

  public static DigestSource newThreads() {
    return new DigestSource() {
      @Override
      public String heading() {
        return "New threads";
      }

      @Override
      public boolean quietBetween(org.jdbi.v3.core.Handle h, Instant since, Instant now) {
        return !store.anyThreadBetween(h, since.toEpochMilli(), now.toEpochMilli());
      }

      @Override
      public List<Line> linesFor(org.jdbi.v3.core.Handle h, long me, Instant since, Instant now) {
        return store.newThreads(h, me, since.toEpochMilli(), now.toEpochMilli()).stream().map(ThreadDigests::line).toList();
      }

      /** Everyone's new threads in one query over the batch's widest period, each person's cut to their own. */
      @Override
      public Map<Long, List<Line>> linesForEach(org.jdbi.v3.core.Handle h, Map<Long, Instant> since, Instant now) {
        long earliest = since.values().stream().mapToLong(Instant::toEpochMilli).min().orElse(now.toEpochMilli());
        Map<Long, List<Line>> out = new HashMap<>();
        for (long person : since.keySet()) out.put(person, new ArrayList<>());
        Map<Long, Line> lines = new HashMap<>();
        for (var seen : store.newThreadsFor(h, since.keySet(), earliest, now.toEpochMilli())) {
          List<Line> mine = out.get(seen.person());
          if (seen.thread().at() <= since.get(seen.person()).toEpochMilli() || mine.size() >= ThreadDigestStore.NEW_THREADS_SHOWN) continue;
          mine.add(lines.computeIfAbsent(seen.thread().id(), id -> line(seen.thread())));
        }
        return out;
      }

      @Override
      public String summary(List<Line> lines) {
        return DigestSource.count(lines.size(), "new thread", "new threads");
      }
    };
  }

  private static DigestSource.Line line(ThreadDigestStore.NewThread t) {
    return new DigestSource.Line("“" + t.title() + "”", "/threads/" + t.id(), t.space() + " · started by " + t.author(),
        List.of(new DigestSource.Entry(t.author(), t.at(), "", Excerpt.of(t.body()))), 0);
  }

  /** Threads one follows, started, replied to or was mentioned in; never one muted (see {@link Subscriptions}). */
  public static DigestSource repliesToFollowedThreads() {
    return new DigestSource() {
      @Override
      public String heading() {
        return "Replies to threads you follow";
      }

      @Override
      public boolean quietBetween(org.jdbi.v3.core.Handle h, Instant since, Instant now) {
        return !store.anyReplyBetween(h, since.toEpochMilli(), now.toEpochMilli());
      }

      @Override
      public List<Line> linesFor(org.jdbi.v3.core.Handle h, long me, Instant since, Instant now) {
        var threads = store.repliesToFollowedThreads(h, me, since.toEpochMilli(), now.toEpochMilli());
        if (threads.isEmpty()) return List.of();
        Map<Long, List<ThreadDigestStore.Reply>> byThread = new HashMap<>();
        for (var r : store.replies(h, me, threads.stream().map(ThreadDigestStore.Replied::id).toList(),
            since.toEpochMilli(), now.toEpochMilli(), REPLIES_READ)) {
          byThread.computeIfAbsent(r.threadId(), k -> new ArrayList<>()).add(r);
        }
        List<Line> lines = new ArrayList<>();
        for (var t : threads) {
          List<ThreadDigestStore.Reply> newest = byThread.getOrDefault(t.id(), List.of());
          Set<String> writers = new LinkedHashSet<>();
          for (int i = newest.size() - 1; i >= 0; i--) writers.add(newest.get(i).author()); // in the order they wrote
          List<Entry> entries = new ArrayList<>();
          for (int i = Math.min(REPLIES_SHOWN, newest.size()) - 1; i >= 0; i--) {
            var r = newest.get(i);
            entries.add(new Entry(r.author(), r.at(), "", Excerpt.of(r.body())));
          }
          String link = entries.isEmpty() ? "/threads/" + t.id() : PostLinks.reply(t.id(), newest.get(Math.min(REPLIES_SHOWN, newest.size()) - 1).id());
          String meta = t.space() + " · " + DigestSource.count(t.replies(), "new reply", "new replies")
              + (writers.isEmpty() ? "" : " from " + String.join(", ", writers));
          lines.add(new Line("“" + t.title() + "”", link, meta, entries, Math.max(0, t.replies() - entries.size())));
        }
        return lines;
      }

      @Override
      public String summary(List<Line> lines) {
        int replies = 0;
        for (Line l : lines) replies += l.entries().size() + l.more();
        return DigestSource.count(replies, "new reply", "new replies") + " in " + DigestSource.count(lines.size(), "thread", "threads");
      }
    };
  }
}
