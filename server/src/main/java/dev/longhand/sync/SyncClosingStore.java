package dev.longhand.sync;

import dev.longhand.store.InList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for closing a sync session: its status, how it was closed, and the decisions it recorded. */
final class SyncClosingStore {

  /**
   * Marks an open session closed, and its participants' rows as the sync part copies the status there (their weekly
   * budgets and fair-rotation history count scheduled and closed sessions); false when it was not open any more.
   */
  boolean markClosed(Handle h, long sessionId, long at) {
    boolean closed = h.createUpdate("""
            UPDATE sync_sessions SET status = 'closed', closed_at = ?, updated_at = ?
            WHERE id = ? AND status IN ('proposed', 'scheduled')""")
        .bind(0, at).bind(1, at).bind(2, sessionId).execute() == 1;
    if (closed) h.createUpdate("UPDATE sync_session_participants SET status = 'closed' WHERE session_id = ?").bind(0, sessionId).execute();
    return closed;
  }

  void insertClosing(Handle h, long sessionId, long workspaceId, long closedBy, long at, long threadId, long replyId,
      String noDecisionBecause) {
    h.createUpdate("""
            INSERT INTO sync_session_closings (session_id, workspace_id, closed_by, closed_at, thread_id, reply_id, no_decision_because)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, sessionId).bind(1, workspaceId).bind(2, closedBy).bind(3, at).bind(4, threadId)
        .bind(5, replyId == 0 ? null : replyId).bind(6, noDecisionBecause.isEmpty() ? null : noDecisionBecause)
        .execute();
  }

  void linkDecisions(Handle h, long sessionId, long workspaceId, List<Long> decisionIds) {
    if (decisionIds.isEmpty()) return;
    var batch = h.prepareBatch("INSERT INTO sync_session_decisions (session_id, workspace_id, position, decision_id) VALUES (?, ?, ?, ?)");
    for (int i = 0; i < decisionIds.size(); i++) batch.bind(0, sessionId).bind(1, workspaceId).bind(2, i).bind(3, decisionIds.get(i)).add();
    batch.execute();
  }

  /** How the session was closed, with its decisions in order; empty while it is not closed. */
  Optional<SyncClosing.Closed> closing(Handle h, long sessionId) {
    Optional<SyncClosing.Closed> row = h.createQuery("""
            SELECT c.closed_by, a.name, c.closed_at, c.thread_id, c.reply_id, c.no_decision_because
            FROM sync_session_closings c JOIN accounts a ON a.id = c.closed_by WHERE c.session_id = ?""")
        .bind(0, sessionId)
        .map((rs, ctx) -> new SyncClosing.Closed(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
            rs.getString(6) == null ? "" : rs.getString(6), List.of()))
        .findOne();
    return row.map(c -> c.withDecisions(decisions(h, sessionId)));
  }

  private List<SyncClosing.DecisionLink> decisions(Handle h, long sessionId) {
    return h.createQuery("""
            SELECT d.id, d.number, d.title FROM sync_session_decisions l JOIN decisions d ON d.id = l.decision_id
            WHERE l.session_id = ? ORDER BY l.position""")
        .bind(0, sessionId)
        .map((rs, ctx) -> new SyncClosing.DecisionLink(rs.getLong(1), rs.getInt(2), rs.getString(3)))
        .list();
  }

  /** People's names, by id. */
  Map<Long, String> names(Handle h, Collection<Long> ids) {
    Map<Long, String> out = new HashMap<>();
    h.createQuery("SELECT id, name FROM accounts WHERE id IN (<ids>)").bindList("ids", InList.of(ids))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
