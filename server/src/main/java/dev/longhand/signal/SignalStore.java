package dev.longhand.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of the signals: what they read of a thread, the stored signals, and the signals heard (dismissed or answered). */
final class SignalStore {
  /** A thread's row as the consumer needs it. */
  record ThreadRow(long id, long workspaceId, long authorId) {}

  /** The stored signals of a thread (JSON) and whether it was resolved when they were computed. */
  record Stored(String signals, boolean resolved) {}

  Optional<ThreadRow> thread(Handle h, long threadId) {
    return h.createQuery("SELECT id, workspace_id, author_id FROM threads WHERE id = ? AND deleted_at IS NULL")
        .bind(0, threadId).map((rs, ctx) -> new ThreadRow(rs.getLong(1), rs.getLong(2), rs.getLong(3))).findOne();
  }

  /** The opening post and the latest {@code limit - 1} replies, oldest first. */
  List<Signal.Post> posts(Handle h, long threadId, int limit) {
    List<Signal.Post> out = new ArrayList<>(h.createQuery("""
            SELECT t.id, t.author_id, a.name, t.created_at, t.body FROM threads t JOIN accounts a ON a.id = t.author_id
            WHERE t.id = ? AND t.deleted_at IS NULL""")
        .bind(0, threadId).map((rs, ctx) -> post(rs)).list());
    List<Signal.Post> replies = new ArrayList<>(h.createQuery("""
            SELECT r.id, r.author_id, a.name, r.created_at, r.body FROM replies r JOIN accounts a ON a.id = r.author_id
            WHERE r.thread_id = ? AND r.deleted_at IS NULL ORDER BY r.id DESC LIMIT ?""")
        .bind(0, threadId).bind(1, limit - 1).map((rs, ctx) -> post(rs)).list());
    java.util.Collections.reverse(replies);
    out.addAll(replies);
    return out;
  }

  /** The thread's open asks with whom they wait on. */
  List<Signal.OpenAsk> openAsks(Handle h, long threadId) {
    return h.createQuery("""
            SELECT k.id, k.post_id, a.name, k.due_at FROM asks k JOIN accounts a ON a.id = k.assignee_id
            WHERE k.thread_id = ? AND k.done_at IS NULL ORDER BY k.due_at""")
        .bind(0, threadId).map((rs, ctx) -> new Signal.OpenAsk(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4))).list();
  }

  /** An ask's thread and due instant. */
  Optional<long[]> ask(Handle h, long askId) {
    return h.createQuery("SELECT thread_id, due_at FROM asks WHERE id = ?").bind(0, askId)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).findOne();
  }

  boolean resolved(Handle h, long threadId) {
    return h.createQuery("SELECT 1 FROM thread_resolutions WHERE thread_id = ?").bind(0, threadId).mapTo(Integer.class).findOne().isPresent();
  }

  void save(Handle h, ThreadRow t, String signals, boolean resolved, long now) {
    h.createUpdate("""
            INSERT INTO thread_signals (thread_id, workspace_id, signals, resolved, computed_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (thread_id) DO UPDATE SET signals = excluded.signals, resolved = excluded.resolved,
              computed_at = excluded.computed_at""")
        .bind(0, t.id()).bind(1, t.workspaceId()).bind(2, signals).bind(3, resolved ? 1 : 0).bind(4, now).execute();
  }

  Optional<Stored> stored(Handle h, long threadId) {
    return h.createQuery("SELECT signals, resolved FROM thread_signals WHERE thread_id = ?").bind(0, threadId)
        .map((rs, ctx) -> new Stored(rs.getString(1), rs.getInt(2) != 0)).findOne();
  }

  List<Signal.Quiet> quiets(Handle h, long threadId) {
    return h.createQuery("SELECT signal_id, score, why, reason FROM signal_quiets WHERE thread_id = ? ORDER BY at DESC, signal_id")
        .bind(0, threadId).map((rs, ctx) -> new Signal.Quiet(rs.getString(1), rs.getDouble(2), rs.getString(3), rs.getString(4))).list();
  }

  /** Records that these signals were heard at their present scores (one row per signal, the latest wins). */
  void quiet(Handle h, long threadId, long workspaceId, List<Signal> signals, String why, String reason, long accountId, long now) {
    for (Signal s : signals) {
      h.createUpdate("""
              INSERT INTO signal_quiets (thread_id, signal_id, workspace_id, score, why, reason, account_id, at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (thread_id, signal_id) DO UPDATE SET score = excluded.score, why = excluded.why,
                reason = excluded.reason, account_id = excluded.account_id, at = excluded.at""")
          .bind(0, threadId).bind(1, s.id()).bind(2, workspaceId).bind(3, s.score()).bind(4, why).bind(5, reason)
          .bind(6, accountId).bind(7, now).execute();
    }
  }

  private static Signal.Post post(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Signal.Post(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5));
  }
}
