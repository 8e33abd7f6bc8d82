package dev.longhand.inbox;

import dev.longhand.store.InList;
import dev.longhand.store.Pipeline;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL for the materialized inbox ({@code inbox_items}); see {@link InboxService} for the design. */
final class InboxStore {

  /** Where a thread lives and when it last moved: what marking it read or unread needs. */
  record Place(long threadId, long workspaceId, long spaceId, long lastActivityAt) {}

  Optional<Place> place(Handle h, long threadId) {
    return h.createQuery("SELECT id, workspace_id, space_id, last_activity_at FROM threads WHERE id = ? AND deleted_at IS NULL")
        .bind(0, threadId)
        .map((rs, ctx) -> new Place(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
        .findOne();
  }

  /** A person's row for a thread. */
  record Key(long accountId, long threadId) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(accountId, o.accountId);
      return c != 0 ? c : Long.compare(threadId, o.threadId);
    }
  }

  /** Unread posts to add to a row: how many, why, and when the last came. */
  record Unread(long workspaceId, long spaceId, int count, int reasons, long at) {
    /** This, then {@code later}: the counts add up, the reasons merge, the time is the later one's. */
    Unread then(Unread later) {
      return new Unread(workspaceId, spaceId, count + later.count, reasons | later.reasons, later.at);
    }
  }

  /**
   * Unread posts for people, queued as one multi-row statement: a new row, or more unread on the
   * existing row with the reasons merged; the rows go in the map's order.
   */
  void addUnread(Pipeline p, Map<Key, Unread> unread) {
    if (unread.isEmpty()) return;
    List<Object[]> rows = unread.entrySet().stream().map(e -> new Object[] {e.getKey().accountId(), e.getKey().threadId(),
        e.getValue().workspaceId(), e.getValue().spaceId(), e.getValue().count(), e.getValue().reasons(), e.getValue().at()}).toList();
    p.addRows("INSERT INTO inbox_items (account_id, thread_id, workspace_id, space_id, unread_count, reasons, last_activity_at)",
        "(?, ?, ?, ?, ?, ?, ?)", """
        ON CONFLICT (account_id, thread_id) DO UPDATE SET
          unread_count = inbox_items.unread_count + excluded.unread_count,
          reasons = inbox_items.reasons | excluded.reasons,
          last_activity_at = excluded.last_activity_at""", rows);
  }

  private static final String CLEAR = "DELETE FROM inbox_items WHERE account_id = ? AND thread_id = ?";

  /** Marks threads read for people, with the pipeline's other writes; the rows go in the set's order. */
  void clear(Pipeline p, Set<Key> read) {
    if (read.size() == 1) {
      Key k = read.iterator().next();
      p.add(CLEAR, k.accountId(), k.threadId());
    } else if (!read.isEmpty()) {
      p.addRows("DELETE FROM inbox_items WHERE (account_id, thread_id) IN (", "(?, ?)", ")",
          read.stream().map(k -> new Object[] {k.accountId(), k.threadId()}).toList());
    }
  }

  /** How many posts in the thread the person has not read (0: none, or the thread is not in their inbox). */
  int unreadCount(Handle h, long accountId, long threadId) {
    return h.createQuery("SELECT unread_count FROM inbox_items WHERE account_id = ? AND thread_id = ?")
        .bind(0, accountId).bind(1, threadId).mapTo(Integer.class).findOne().orElse(0);
  }

  /** Takes a deleted thread out of every inbox. */
  void forget(Handle h, long threadId) {
    h.createUpdate("DELETE FROM inbox_items WHERE thread_id = ?").bind(0, threadId).execute();
  }

  /** Follows a thread to another space: its rows name the new space, and those who may not read it lose theirs. */
  void moved(Handle h, long threadId, long spaceId, java.util.Collection<Long> readers) {
    h.createUpdate("UPDATE inbox_items SET space_id = ? WHERE thread_id = ?").bind(0, spaceId).bind(1, threadId).execute();
    List<Long> keep = List.copyOf(readers);
    if (keep.isEmpty()) {
      forget(h, threadId);
      return;
    }
    h.createUpdate("DELETE FROM inbox_items WHERE thread_id = :thread AND account_id NOT IN (<readers>)")
        .bind("thread", threadId).bindList("readers", InList.of(keep)).execute();
  }

  /** Marks the thread read for the person at once; false when it already was. */
  boolean clear(Handle h, long accountId, long threadId) {
    return h.createUpdate(CLEAR).bind(0, accountId).bind(1, threadId).execute() > 0;
  }

  void markUnread(Handle h, long accountId, Place p) {
    h.createUpdate("""
            INSERT INTO inbox_items (account_id, thread_id, workspace_id, space_id, unread_count, reasons, last_activity_at)
            VALUES (?, ?, ?, ?, 1, ?, ?)
            ON CONFLICT (account_id, thread_id) DO UPDATE SET reasons = inbox_items.reasons | excluded.reasons""")
        .bind(0, accountId).bind(1, p.threadId()).bind(2, p.workspaceId()).bind(3, p.spaceId())
        .bind(4, InboxItem.MARKED_UNREAD).bind(5, p.lastActivityAt())
        .execute();
  }

  /** Brings a thread back to the top of the inbox with the reminder reason. */
  void remind(Handle h, long accountId, Place p, long at) {
    h.createUpdate("""
            INSERT INTO inbox_items (account_id, thread_id, workspace_id, space_id, unread_count, reasons, last_activity_at)
            VALUES (?, ?, ?, ?, 1, ?, ?)
            ON CONFLICT (account_id, thread_id) DO UPDATE SET reasons = inbox_items.reasons | excluded.reasons,
              last_activity_at = excluded.last_activity_at""")
        .bind(0, accountId).bind(1, p.threadId()).bind(2, p.workspaceId()).bind(3, p.spaceId())
        .bind(4, InboxItem.REMINDER).bind(5, at)
        .execute();
  }

  /** Of these threads, those with something unread for the person (an inbox row). */
  Set<Long> unreadAmong(Handle h, long accountId, Collection<Long> threadIds) {
    if (threadIds.isEmpty()) return Set.of();
    return h.createQuery("SELECT thread_id FROM inbox_items WHERE account_id = :me AND thread_id IN (<threads>)")
        .bind("me", accountId).bindList("threads", InList.of(threadIds)).mapTo(Long.class).set();
  }

  boolean has(Handle h, long accountId, long threadId) {
    return h.createQuery("SELECT 1 FROM inbox_items WHERE account_id = ? AND thread_id = ?")
        .bind(0, accountId).bind(1, threadId).mapTo(Integer.class).findOne().isPresent();
  }

  /**
   * A person's inbox on PostgreSQL, newest activity first: their newest rows by (account, activity), then joined by
   * primary key to the thread's title and space's name. The rows are limited before the joins on purpose: joined
   * first, PostgreSQL with statistics not yet gathered (a database that just grew) joined all of someone's rows and
   * sorted them, 17 ms for 10,000 against 0.2 ms. Deleting a thread or leaving a workspace removes its rows in the
   * same write, so the checks only guard against what should not be.
   */
  private static final String ITEMS_LIMITED_FIRST = """
      SELECT i.thread_id, t.title, i.workspace_id, i.space_id, s.name, i.unread_count, i.last_activity_at, i.reasons
      FROM (SELECT * FROM inbox_items WHERE account_id = :account
            ORDER BY last_activity_at DESC, thread_id DESC LIMIT :limit) i
      JOIN threads t ON t.id = i.thread_id AND t.deleted_at IS NULL
      JOIN spaces s ON s.id = i.space_id
      WHERE EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = i.workspace_id AND m.account_id = :account)
      ORDER BY i.last_activity_at DESC, i.thread_id DESC""";

  /**
   * The same on SQLite, joined as it scans: SQLite walks inbox_items_by_account in order and stops at the limit,
   * where the form above makes it copy the rows into a temporary table and sort them again (a fifth more of an inbox
   * read's time under load).
   */
  private static final String ITEMS_JOINED = """
      SELECT i.thread_id, t.title, i.workspace_id, i.space_id, s.name, i.unread_count, i.last_activity_at, i.reasons
      FROM inbox_items i
      JOIN threads t ON t.id = i.thread_id AND t.deleted_at IS NULL
      JOIN spaces s ON s.id = i.space_id
      WHERE i.account_id = :account
        AND EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = i.workspace_id AND m.account_id = :account)
      ORDER BY i.last_activity_at DESC, i.thread_id DESC
      LIMIT :limit""";

  /** A person's inbox, newest activity first, in the form that suits the database ({@code sqlite}: SQLite's). */
  List<InboxItem> items(Handle h, long accountId, int limit, boolean sqlite) {
    return h.createQuery(sqlite ? ITEMS_JOINED : ITEMS_LIMITED_FIRST)
        .bind("account", accountId).bind("limit", limit)
        .map((rs, ctx) -> new InboxItem(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
            rs.getInt(6), rs.getLong(7), InboxItem.reasons(rs.getInt(8))))
        .list();
  }
}
