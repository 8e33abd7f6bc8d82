package dev.longhand.due;

import dev.longhand.store.Pipeline;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for due work: the {@code due_work} rows, claimed by the ticker in due order. */
final class DueWorkStore {
  void insert(Pipeline p, long id, String kind, long subjectId, long dueAt, String payload, long createdAt) {
    p.addRow("INSERT INTO due_work (id, kind, subject_id, due_at, payload, attempts, created_at)", "(?, ?, ?, ?, ?, 0, ?)", "",
        id, kind, subjectId, dueAt, payload, createdAt);
  }

  int cancel(Handle h, String kind, long subjectId) {
    return h.createUpdate("DELETE FROM due_work WHERE subject_id = ? AND kind = ?")
        .bind(0, subjectId)
        .bind(1, kind)
        .execute();
  }

  boolean anyDue(Handle h, long now) {
    return h.createQuery("SELECT id FROM due_work WHERE due_at <= ? ORDER BY due_at LIMIT 1")
        .bind(0, now)
        .mapTo(Long.class)
        .findOne()
        .isPresent();
  }

  /** Up to {@code limit} items due by {@code now}, in due order; on PostgreSQL locked, skipping those another node holds. */
  List<DueWork.Item> claim(Handle h, long now, int limit, boolean skipLocked) {
    String lockRows = skipLocked ? " FOR UPDATE SKIP LOCKED" : "";
    return h.createQuery("""
            SELECT id, kind, subject_id, due_at, payload, attempts FROM due_work
            WHERE due_at <= ? ORDER BY due_at, id LIMIT ?""" + lockRows)
        .bind(0, now)
        .bind(1, limit)
        .map((rs, ctx) -> new DueWork.Item(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getInt(6)))
        .list();
  }

  void lease(Handle h, long itemId, long until) {
    h.execute("UPDATE due_work SET due_at = ? WHERE id = ?", until, itemId);
  }

  void delete(Handle h, long itemId) {
    h.execute("DELETE FROM due_work WHERE id = ?", itemId);
  }

  void failed(Handle h, long itemId, int attempts, String error, long retryAt) {
    h.execute("UPDATE due_work SET attempts = ?, last_error = ?, due_at = ? WHERE id = ?",
        attempts, error, retryAt, itemId);
  }

  /** How many rows are due by {@code now}, and when the oldest fell due (0 if none). */
  DueWork.Overdue overdue(Handle h, long now) {
    return h.createQuery("SELECT COUNT(*), COALESCE(MIN(due_at), 0) FROM due_work WHERE due_at <= ?")
        .bind(0, now)
        .map((rs, ctx) -> new DueWork.Overdue(rs.getLong(1), rs.getLong(2)))
        .one();
  }

  /** How many rows of a kind wait, due or not. */
  long waiting(Handle h, String kind) {
    return h.createQuery("SELECT COUNT(*) FROM due_work WHERE kind = ?").bind(0, kind).mapTo(Long.class).one();
  }
}
