package dev.longhand.export;

import dev.longhand.export.ArchiveFormat.Column;
import dev.longhand.export.ArchiveFormat.Kind;
import dev.longhand.export.ArchiveFormat.Type;
import dev.longhand.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** SQL of exports: their rows, and reading a workspace's rows kind by kind for the archive. Access checks are the service's. */
final class ExportStore {
  private static final String COLUMNS =
      "id, workspace_id, requested_by, status, done_count, total_count, size_bytes, error, created_at, finished_at";

  void insert(Handle h, Export e) {
    h.createUpdate("INSERT INTO workspace_exports (id, workspace_id, requested_by, status, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(0, e.id()).bind(1, e.workspaceId()).bind(2, e.requestedBy()).bind(3, e.status().key()).bind(4, e.createdAt())
        .execute();
  }

  Optional<Export> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM workspace_exports WHERE id = ?").bind(0, id)
        .map((rs, ctx) -> export(rs)).findOne();
  }

  List<Export> ofWorkspace(Handle h, long workspaceId, int limit) {
    return h.createQuery("SELECT " + COLUMNS + " FROM workspace_exports WHERE workspace_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
        .bind(0, workspaceId).bind(1, limit).map((rs, ctx) -> export(rs)).list();
  }

  /**
   * Unfinished exports that no node holds: queued and not yet claimed, or claimed by a node whose claim ran out before
   * {@code now} (it died, or lost its way to the database for a whole term).
   */
  List<Long> unclaimed(Handle h, long now) {
    return h.createQuery("""
            SELECT id FROM workspace_exports
            WHERE status IN ('queued', 'running') AND (claimed_until IS NULL OR claimed_until < ?)
            ORDER BY id""")
        .bind(0, now).mapTo(Long.class).list();
  }

  /**
   * Claims the export for {@code node} until {@code until}, if it is queued or its claim ran out before {@code now}:
   * one statement, so of nodes claiming at once one gets it. Answers whether this node got it.
   */
  boolean claim(Handle h, long id, String node, long now, long until) {
    return h.createUpdate("""
            UPDATE workspace_exports SET status = 'running', claimed_by = ?, claimed_until = ?, done_count = 0
            WHERE id = ? AND (status = 'queued' OR (status = 'running' AND (claimed_until IS NULL OR claimed_until < ?)))""")
        .bind(0, node).bind(1, until).bind(2, id).bind(3, now).execute() == 1;
  }

  /** Extends the node's claim on a running export; answers false when the claim is no longer the node's. */
  boolean renew(Handle h, long id, String node, long until) {
    return h.createUpdate("UPDATE workspace_exports SET claimed_until = ? WHERE id = ? AND claimed_by = ? AND status = 'running'")
        .bind(0, until).bind(1, id).bind(2, node).execute() == 1;
  }

  /** Lets go of the node's claim on a running export (its server stops), so that any node may take it over now. */
  boolean release(Handle h, long id, String node) {
    return h.createUpdate("UPDATE workspace_exports SET claimed_until = NULL WHERE id = ? AND claimed_by = ? AND status = 'running'")
        .bind(0, id).bind(1, node).execute() == 1;
  }

  /** Notes how far the node's run is; answers false when the claim is no longer the node's. */
  boolean progress(Handle h, long id, String node, long done, long total) {
    return h.createUpdate("UPDATE workspace_exports SET done_count = ?, total_count = ? WHERE id = ? AND claimed_by = ? AND status = 'running'")
        .bind(0, done).bind(1, total).bind(2, id).bind(3, node).execute() == 1;
  }

  /** Ends the node's run as done or failed; answers false (and changes nothing) when the claim is no longer the node's. */
  boolean finish(Handle h, long id, String node, Export.Status status, Long size, String error, long at) {
    return h.createUpdate("""
            UPDATE workspace_exports SET status = ?, size_bytes = ?, error = ?, finished_at = ?, claimed_until = NULL
            WHERE id = ? AND claimed_by = ? AND status = 'running'""")
        .bind(0, status.key()).bind(1, size).bind(2, error).bind(3, at).bind(4, id).bind(5, node).execute() == 1;
  }

  /** Runs {@code work} in one read transaction, so the whole archive is one moment of the workspace (PostgreSQL: repeatable read). */
  static <T> T snapshot(Database db, Function<Handle, T> work) {
    if (db.dialect() == Database.Dialect.POSTGRESQL) {
      return db.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ, work::apply);
    }
    return db.jdbi().inTransaction(work::apply);
  }

  long count(Handle h, Kind kind, long workspaceId) {
    return h.createQuery("SELECT COUNT(*) FROM " + kind.table() + " WHERE " + where(kind)).bind("ws", workspaceId)
        .mapTo(Long.class).one();
  }

  /** The kind's rows of the workspace in the order they were written, each as its columns' values (Long, String or null). */
  void rows(Handle h, Kind kind, long workspaceId, Consumer<Object[]> each) {
    String select = kind == ArchiveFormat.PEOPLE ? peopleSelect()
        : "SELECT " + kind.columns().stream().map(Column::name).collect(Collectors.joining(", ")) + " FROM " + kind.table()
            + " WHERE " + kind.where() + " ORDER BY " + kind.orderBy();
    try (var rows = h.createQuery(select).bind("ws", workspaceId).map((rs, ctx) -> values(rs, kind)).stream()) {
      rows.forEach(each);
    }
  }

  private static String where(Kind kind) {
    return kind == ArchiveFormat.PEOPLE ? "id IN (" + peopleIds() + ")" : kind.where();
  }

  private static String peopleSelect() {
    return """
        SELECT a.id, a.email, a.name, a.handle, a.time_zone, a.created_at, m.role, m.joined_at
        FROM accounts a LEFT JOIN workspace_members m ON m.account_id = a.id AND m.workspace_id = :ws
        WHERE a.id IN (""" + peopleIds() + ") ORDER BY a.id";
  }

  /** Members, and everyone named by a person column of an exported row (authors who have left, say). */
  private static String peopleIds() {
    List<String> sources = new ArrayList<>();
    sources.add("SELECT account_id FROM workspace_members WHERE workspace_id = :ws");
    sources.add("SELECT created_by FROM workspaces WHERE id = :ws");
    for (Kind k : ArchiveFormat.KINDS) {
      for (Column c : k.of(Type.PERSON)) sources.add("SELECT " + c.name() + " FROM " + k.table() + " WHERE " + k.where());
    }
    return String.join(" UNION ", sources);
  }

  record WorkspaceRow(long id, String name, long createdBy, long createdAt, int urgentPerDay) {}

  Optional<WorkspaceRow> workspace(Handle h, long id) {
    return h.createQuery("SELECT id, name, created_by, created_at, urgent_per_day FROM workspaces WHERE id = ?").bind(0, id)
        .map((rs, ctx) -> new WorkspaceRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5)))
        .findOne();
  }

  private static Object[] values(ResultSet rs, Kind kind) throws SQLException {
    Object[] out = new Object[kind.columns().size()];
    for (int i = 0; i < out.length; i++) {
      Object v = rs.getObject(i + 1);
      out[i] = v instanceof Number n ? (Object) n.longValue() : v == null ? null : v.toString();
    }
    return out;
  }

  private static Export export(ResultSet rs) throws SQLException {
    long size = rs.getLong("size_bytes");
    Long sizeOrNull = rs.wasNull() ? null : size;
    long finished = rs.getLong("finished_at");
    Long finishedOrNull = rs.wasNull() ? null : finished;
    return new Export(rs.getLong("id"), rs.getLong("workspace_id"), rs.getLong("requested_by"),
        Export.Status.of(rs.getString("status")), rs.getLong("done_count"), rs.getLong("total_count"), sizeOrNull,
        rs.getString("error"), rs.getLong("created_at"), finishedOrNull);
  }
}
