package dev.longhand.inbox;

import dev.longhand.store.Pipeline;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the materialized inbox ({@code inbox_items}); see {@link InboxService} for the design. */
final class InboxStore {

  /** Where a thread lives and when it last moved: what marking it read or unread needs. */
  record Place(long threadId, long workspaceId, long spaceId, long lastActivityAt) {}

  Optional<Place> place(Handle h, long threadId) {
    return h.createQuery("SELECT id, workspace_id, space_id, last_activity_at FROM threads WHERE id = ?")
        .bind(0, threadId)
        .map((rs, ctx) -> new Place(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
        .findOne();
  }

  /**
   * One unread post for each person, queued as one multi-row statement: a new row, or one more unread on
   * the existing row with the reasons merged. {@code reasons} maps account id to reason bits; the
   * accounts are taken in ascending order so concurrent fan-outs lock rows in the same order.
   */
  void addUnread(Pipeline p, long threadId, long workspaceId, long spaceId, long at, Map<Long, Integer> reasons) {
    if (reasons.isEmpty()) return;
    List<Object[]> rows = reasons.keySet().stream().sorted()
        .map(account -> new Object[] {account, threadId, workspaceId, spaceId, reasons.get(account), at}).toList();
    p.addRows("INSERT INTO inbox_items (account_id, thread_id, workspace_id, space_id, unread_count, reasons, last_activity_at)",
        "(?, ?, ?, ?, 1, ?, ?)", """
        ON CONFLICT (account_id, thread_id) DO UPDATE SET
          unread_count = inbox_items.unread_count + 1,
          reasons = inbox_items.reasons | excluded.reasons,
          last_activity_at = excluded.last_activity_at""", rows);
  }

  private static final String CLEAR = "DELETE FROM inbox_items WHERE account_id = ? AND thread_id = ?";

  /** Marks the thread read for the person, with the pipeline's other writes. */
  void clear(Pipeline p, long accountId, long threadId) {
    p.add(CLEAR, accountId, threadId);
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

  boolean has(Handle h, long accountId, long threadId) {
    return h.createQuery("SELECT 1 FROM inbox_items WHERE account_id = ? AND thread_id = ?")
        .bind(0, accountId).bind(1, threadId).mapTo(Integer.class).findOne().isPresent();
  }

  /**
   * A person's inbox, newest activity first: a range scan of their rows by (account, activity),
   * joined by primary key to the thread's title and space's name. Rows of a workspace the person
   * has left are skipped.
   */
  List<InboxItem> items(Handle h, long accountId, int limit) {
    return h.createQuery("""
            SELECT i.thread_id, t.title, i.workspace_id, i.space_id, s.name, i.unread_count, i.last_activity_at, i.reasons
            FROM inbox_items i
            JOIN threads t ON t.id = i.thread_id
            JOIN spaces s ON s.id = i.space_id
            WHERE i.account_id = :account
              AND EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = i.workspace_id AND m.account_id = :account)
            ORDER BY i.last_activity_at DESC, i.thread_id DESC
            LIMIT :limit""")
        .bind("account", accountId).bind("limit", limit)
        .map((rs, ctx) -> new InboxItem(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
            rs.getInt(6), rs.getLong(7), InboxItem.reasons(rs.getInt(8))))
        .list();
  }
}
