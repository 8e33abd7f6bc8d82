package dev.longhand.sync;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for a session's live notes, one row per agenda item that has any. */
final class SyncNotesStore {

  boolean isParticipant(Handle h, long sessionId, long accountId) {
    return h.createQuery("SELECT COUNT(*) FROM sync_session_participants WHERE session_id = ? AND account_id = ?")
        .bind(0, sessionId).bind(1, accountId).mapTo(Integer.class).one() > 0;
  }

  /** The notes written so far, by agenda position, with who saved each last. */
  List<SyncNotes.Stored> notes(Handle h, long sessionId) {
    return h.createQuery("""
            SELECT n.position, n.notes, n.revision, n.updated_by, a.name, n.updated_at
            FROM sync_session_notes n JOIN accounts a ON a.id = n.updated_by
            WHERE n.session_id = ? ORDER BY n.position""")
        .bind(0, sessionId)
        .map((rs, c) -> new SyncNotes.Stored(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5), rs.getLong(6)))
        .list();
  }

  void insert(Handle h, long sessionId, long workspaceId, int position, String notes, long by, long at) {
    h.createUpdate("""
            INSERT INTO sync_session_notes (session_id, workspace_id, position, notes, revision, updated_by, updated_at)
            VALUES (?, ?, ?, ?, 1, ?, ?)""")
        .bind(0, sessionId).bind(1, workspaceId).bind(2, position).bind(3, notes).bind(4, by).bind(5, at).execute();
  }

  /** Saves over revision {@code from}; false when someone else saved the item since (the row moved on). */
  boolean update(Handle h, long sessionId, int position, int from, String notes, long by, long at) {
    return h.createUpdate("""
            UPDATE sync_session_notes SET notes = ?, revision = revision + 1, updated_by = ?, updated_at = ?
            WHERE session_id = ? AND position = ? AND revision = ?""")
        .bind(0, notes).bind(1, by).bind(2, at).bind(3, sessionId).bind(4, position).bind(5, from).execute() == 1;
  }
}
