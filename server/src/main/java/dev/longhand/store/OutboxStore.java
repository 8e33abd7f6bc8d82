package dev.longhand.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for the outbox: its events, in id order, and the durable consumers' cursors. */
final class OutboxStore {
  private static final String INSERT = "INSERT INTO outbox (id, workspace_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)";

  private OutboxStore() {}

  /** One event's row: id, workspace id, kind, payload, created at. */
  static void insert(Handle h, Object[] row) {
    h.execute(INSERT, row);
  }

  /** One event's row queued with the pipeline's other writes: a pipeline's events go in one multi-row statement. */
  static void insert(Pipeline p, Object[] row) {
    p.addRow("INSERT INTO outbox (id, workspace_id, kind, payload, created_at)", "(?, ?, ?, ?, ?)", "", row);
  }

  static List<Outbox.Stored> readAfter(Handle h, long afterId, long upTo, int limit) {
    return h.createQuery("""
            SELECT id, workspace_id, kind, payload, created_at FROM outbox
            WHERE id > ? AND id <= ? ORDER BY id LIMIT ?""")
        .bind(0, afterId)
        .bind(1, upTo)
        .bind(2, limit)
        .map((rs, ctx) -> new Outbox.Stored(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
        .list();
  }

  static long newestId(Handle h) {
    return h.createQuery("SELECT COALESCE(MAX(id), 0) FROM outbox").mapTo(Long.class).one();
  }

  static int moveCursor(Handle h, String consumer, long position) {
    return h.createUpdate("""
            INSERT INTO outbox_cursors (consumer, position) VALUES (?, ?)
            ON CONFLICT (consumer) DO UPDATE SET position = excluded.position""")
        .bind(0, consumer).bind(1, position).execute();
  }

  static long cursor(Handle h, String consumer) {
    return h.createQuery("SELECT position FROM outbox_cursors WHERE consumer = ?")
        .bind(0, consumer).mapTo(Long.class).findOne().orElse(0L);
  }
}
