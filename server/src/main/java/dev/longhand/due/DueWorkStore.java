package dev.longhand.due;

import dev.longhand.store.InList;
import dev.longhand.store.Pipeline;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** SQL for due work: the {@code due_work} rows, claimed by the ticker in due order. */
final class DueWorkStore {
  void insert(Pipeline p, long id, String kind, long subjectId, long dueAt, String payload, long createdAt) {
    p.addRow("INSERT INTO due_work (id, kind, subject_id, due_at, payload, attempts, created_at)", "(?, ?, ?, ?, ?, 0, ?)", "",
        id, kind, subjectId, dueAt, payload, createdAt);
  }

  void cancel(Pipeline p, String kind, long subjectId) {
    p.add("DELETE FROM due_work WHERE subject_id = ? AND kind = ?", subjectId, kind);
  }

  int cancel(Handle h, String kind, long subjectId) {
    return h.createUpdate("DELETE FROM due_work WHERE subject_id = ? AND kind = ?")
        .bind(0, subjectId)
        .bind(1, kind)
        .execute();
  }

  /** Whether anything but the external kinds is due by {@code now}. */
  boolean anyDue(Handle h, long now, Collection<String> externalKinds) {
    return notIn(h.createQuery("SELECT id FROM due_work WHERE due_at <= :now" + notIn(externalKinds) + " ORDER BY due_at LIMIT 1"), externalKinds)
        .bind("now", now)
        .mapTo(Long.class)
        .findOne()
        .isPresent();
  }

  /** Whether anything of one kind is due by {@code now}. */
  boolean anyDue(Handle h, long now, String kind) {
    return h.createQuery("SELECT id FROM due_work WHERE kind = ? AND due_at <= ? ORDER BY due_at, id LIMIT 1")
        .bind(0, kind)
        .bind(1, now)
        .mapTo(Long.class)
        .findOne()
        .isPresent();
  }

  /**
   * Up to {@code limit} items due by {@code now} of any kind but the external ones, in due order; on PostgreSQL
   * locked, skipping those another pass holds.
   */
  List<DueWork.Item> claim(Handle h, long now, int limit, boolean skipLocked, Collection<String> externalKinds) {
    return notIn(h.createQuery("SELECT " + COLUMNS + " FROM due_work WHERE due_at <= :now" + notIn(externalKinds)
            + " ORDER BY due_at, id LIMIT :limit" + (skipLocked ? " FOR UPDATE SKIP LOCKED" : "")), externalKinds)
        .bind("now", now)
        .bind("limit", limit)
        .map(DueWorkStore::item)
        .list();
  }

  /**
   * Up to {@code limit} items due by {@code now} of any kind but the external ones, after ({@code afterDue},
   * {@code afterId}) in due order, without locking them: SQLite's read ahead of its one writer.
   */
  List<DueWork.Item> claimAfter(Handle h, long now, int limit, Collection<String> externalKinds, long afterDue, long afterId) {
    return notIn(h.createQuery("SELECT " + COLUMNS + " FROM due_work WHERE due_at <= :now"
            + " AND (due_at, id) > (:afterDue, :afterId)" + notIn(externalKinds)
            + " ORDER BY due_at, id LIMIT :limit"), externalKinds)
        .bind("now", now)
        .bind("afterDue", afterDue)
        .bind("afterId", afterId)
        .bind("limit", limit)
        .map(DueWorkStore::item)
        .list();
  }

  /** As {@link #claim(Handle, long, int, boolean, Collection)}, of one kind only. */
  List<DueWork.Item> claim(Handle h, long now, int limit, boolean skipLocked, String kind) {
    return h.createQuery("SELECT " + COLUMNS + " FROM due_work WHERE kind = :kind AND due_at <= :now ORDER BY due_at, id LIMIT :limit"
            + (skipLocked ? " FOR UPDATE SKIP LOCKED" : ""))
        .bind("kind", kind)
        .bind("now", now)
        .bind("limit", limit)
        .map(DueWorkStore::item)
        .list();
  }

  private static final String COLUMNS = "id, kind, subject_id, due_at, payload, attempts";

  private static String notIn(Collection<String> kinds) {
    return kinds.isEmpty() ? "" : " AND kind NOT IN (<kinds>)";
  }

  private static Query notIn(Query query, Collection<String> kinds) {
    return kinds.isEmpty() ? query : query.bindList("kinds", InList.of(kinds));
  }

  private static DueWork.Item item(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
    return new DueWork.Item(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getInt(6));
  }

  /** Moves the rows' due time to {@code until}, their attempts untouched: a lease, or a wait for items not tried. */
  void postpone(Handle h, List<Long> itemIds, long until) {
    h.createUpdate("UPDATE due_work SET due_at = :until WHERE id IN (<ids>)")
        .bind("until", until).bindList("ids", InList.of(itemIds)).execute();
  }

  /** Deletes the row; returns whether it was there. */
  int delete(Handle h, long itemId) {
    return h.execute("DELETE FROM due_work WHERE id = ?", itemId);
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
