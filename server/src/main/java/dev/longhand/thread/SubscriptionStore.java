package dev.longhand.thread;

import dev.longhand.store.DirectSql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for follow and mute ({@code subscriptions}); see {@link Subscriptions}. */
final class SubscriptionStore {
  record Row(long accountId, long spaceId, long threadId, String level) {}

  /**
   * Everyone's levels for these spaces (their space rows) and these threads (their own rows), in one query; read for
   * every batch of replies, so sent straight through JDBC.
   */
  List<Row> rows(Handle h, Collection<Long> spaces, Collection<Long> threads) {
    if (spaces.isEmpty() && threads.isEmpty()) return List.of();
    String inSpaces = "space_id IN (" + DirectSql.placeholders(spaces.size()) + ")";
    String inThreads = "thread_id IN (" + DirectSql.placeholders(threads.size()) + ")";
    String where = spaces.isEmpty() ? inThreads : threads.isEmpty() ? inSpaces : inSpaces + " OR " + inThreads;
    List<Object> args = new ArrayList<>(spaces);
    args.addAll(threads);
    return DirectSql.query(h, "SELECT account_id, space_id, thread_id, level FROM subscriptions WHERE " + where,
        rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)), args.toArray());
  }

  void set(Handle h, long account, long spaceId, long threadId, long workspaceId, Subscriptions.Level level, long now) {
    h.createUpdate("""
            INSERT INTO subscriptions (account_id, space_id, thread_id, workspace_id, level, updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (account_id, space_id, thread_id) DO UPDATE SET level = excluded.level, updated_at = excluded.updated_at""")
        .bind(0, account).bind(1, spaceId).bind(2, threadId).bind(3, workspaceId).bind(4, level.key()).bind(5, now).execute();
  }

  void clear(Handle h, long account, long spaceId, long threadId) {
    h.createUpdate("DELETE FROM subscriptions WHERE account_id = ? AND space_id = ? AND thread_id = ?")
        .bind(0, account).bind(1, spaceId).bind(2, threadId).execute();
  }
}
