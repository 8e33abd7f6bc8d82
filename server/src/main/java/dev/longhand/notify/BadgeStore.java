package dev.longhand.notify;

import dev.longhand.store.InList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL for the unread badges of the top bar: inbox threads and notification entries, for several people at once. */
final class BadgeStore {
  /**
   * Unread entries of the notification centre: a thread's notices count once (they are one entry there, see
   * {@link Grouping}); urgent ones and those about no thread count each.
   */
  static final String ENTRY = "CASE WHEN thread_id <> 0 AND level <> 'urgent' THEN thread_id ELSE -id END";

  /** The number of threads in each person's inbox (as the inbox lists them: in workspaces they still belong to). */
  Map<Long, Integer> inboxCounts(Handle h, Collection<Long> people) {
    Map<Long, Integer> counts = new HashMap<>();
    if (people.isEmpty()) return counts;
    h.createQuery("""
            SELECT i.account_id, COUNT(*) FROM inbox_items i
            WHERE i.account_id IN (<people>)
              AND EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = i.workspace_id AND m.account_id = i.account_id)
            GROUP BY i.account_id""")
        .bindList("people", InList.of(people))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getInt(2)))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  /** The number of unread entries in each person's notification centre. */
  Map<Long, Integer> unreadEntries(Handle h, Collection<Long> people) {
    Map<Long, Integer> counts = new HashMap<>();
    if (people.isEmpty()) return counts;
    h.createQuery("SELECT recipient_id, COUNT(DISTINCT " + ENTRY + ") FROM notifications "
            + "WHERE recipient_id IN (<people>) AND delivered_at IS NOT NULL AND read_at IS NULL GROUP BY recipient_id")
        .bindList("people", InList.of(people))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getInt(2)))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  /** Those of {@code people} with an inbox row for one of the threads: whose inbox a batch of posts changed. */
  Set<Long> withInboxRows(Handle h, Collection<Long> threads, Collection<Long> people) {
    Set<Long> found = new HashSet<>();
    if (threads.isEmpty() || people.isEmpty()) return found;
    h.createQuery("SELECT DISTINCT account_id FROM inbox_items WHERE thread_id IN (<threads>) AND account_id IN (<people>)")
        .bindList("threads", InList.of(threads)).bindList("people", InList.of(people))
        .mapTo(Long.class).forEach(found::add);
    return found;
  }

  /** The titles of threads, for grouped notices. */
  Map<Long, String> titles(Handle h, Collection<Long> threads) {
    Map<Long, String> titles = new HashMap<>();
    if (threads.isEmpty()) return titles;
    h.createQuery("SELECT id, title FROM threads WHERE id IN (<ids>)").bindList("ids", InList.of(threads))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(e -> titles.put(e.getKey(), e.getValue()));
    return titles;
  }
}
