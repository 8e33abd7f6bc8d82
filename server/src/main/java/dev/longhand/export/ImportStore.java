package dev.longhand.export;

import dev.longhand.export.ArchiveFormat.Column;
import dev.longhand.export.ArchiveFormat.Kind;
import dev.longhand.export.ArchiveFormat.Type;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL of imports: the archives imported here, people matched or made, and every kind's rows written as they come. */
final class ImportStore {
  record Imported(String archiveId, long workspaceId, long importedAt) {}

  Optional<Imported> imported(Handle h, String archiveId) {
    return h.createQuery("SELECT archive_id, workspace_id, imported_at FROM workspace_imports WHERE archive_id = ?")
        .bind(0, archiveId).map((rs, ctx) -> new Imported(rs.getString(1), rs.getLong(2), rs.getLong(3))).findOne();
  }

  void recordImport(Handle h, String archiveId, long workspaceId, String sourceWorkspaceId, String sourceServer, long at) {
    h.createUpdate("""
            INSERT INTO workspace_imports (archive_id, workspace_id, source_workspace_id, source_server, imported_at)
            VALUES (?, ?, ?, ?, ?)""")
        .bind(0, archiveId).bind(1, workspaceId).bind(2, sourceWorkspaceId).bind(3, sourceServer).bind(4, at).execute();
  }

  record Existing(long id, String handle) {}

  Optional<Existing> accountByEmail(Handle h, String email) {
    return h.createQuery("SELECT id, handle FROM accounts WHERE email = ?").bind(0, email)
        .map((rs, ctx) -> new Existing(rs.getLong(1), rs.getString(2))).findOne();
  }

  boolean handleTaken(Handle h, String handle) {
    return h.createQuery("SELECT COUNT(*) FROM accounts WHERE handle = ?").bind(0, handle).mapTo(Integer.class).one() > 0;
  }

  void insertAccount(Handle h, long id, String email, String name, String handle, String passwordHash, String zone, long at) {
    h.createUpdate("""
            INSERT INTO accounts (id, email, name, handle, password_hash, time_zone, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, id).bind(1, email).bind(2, name).bind(3, handle).bind(4, passwordHash).bind(5, zone).bind(6, at).execute();
  }

  void insertWorkspace(Handle h, long id, String name, long createdBy, long createdAt, int urgentPerDay) {
    h.createUpdate("INSERT INTO workspaces (id, name, created_by, created_at, urgent_per_day) VALUES (?, ?, ?, ?, ?)")
        .bind(0, id).bind(1, name).bind(2, createdBy).bind(3, createdAt).bind(4, urgentPerDay).execute();
  }

  void insertMember(Handle h, long workspaceId, long accountId, String role, long joinedAt) {
    h.createUpdate("INSERT INTO workspace_members (workspace_id, account_id, role, joined_at) VALUES (?, ?, ?, ?)")
        .bind(0, workspaceId).bind(1, accountId).bind(2, role).bind(3, joinedAt).execute();
  }

  /** Decisions keep their numbers: the workspace's counter continues after the highest. */
  void continueDecisionNumbers(Handle h, long workspaceId) {
    Integer last = h.createQuery("SELECT MAX(number) FROM decisions WHERE workspace_id = ?").bind(0, workspaceId)
        .mapTo(Integer.class).findOne().orElse(null);
    if (last == null) return;
    h.createUpdate("INSERT INTO decision_numbers (workspace_id, last_number) VALUES (?, ?)").bind(0, workspaceId).bind(1, last)
        .execute();
  }

  /** A batch that inserts the kind's rows, every column but the late ones (written by {@link #lateBatch}). */
  PreparedBatch insertBatch(Handle h, Kind kind) {
    List<Column> cols = inserted(kind);
    return h.prepareBatch("INSERT INTO " + kind.table() + " (" + cols.stream().map(Column::name).collect(Collectors.joining(", "))
        + ") VALUES (" + cols.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")");
  }

  /** A batch that sets the kind's late references by its id. */
  PreparedBatch lateBatch(Handle h, Kind kind) {
    List<Column> late = kind.of(Type.LATE_REF);
    return h.prepareBatch("UPDATE " + kind.table() + " SET " + late.stream().map(c -> c.name() + " = ?").collect(Collectors.joining(", "))
        + " WHERE " + kind.id().orElseThrow().name() + " = ?");
  }

  static List<Column> inserted(Kind kind) {
    return kind.columns().stream().filter(c -> c.type() != Type.LATE_REF).toList();
  }

  /** Binds one value of the row to the batch, typed so that a null is a null of the column's kind. */
  static void bind(PreparedBatch batch, int position, Type type, Object value) {
    boolean number = switch (type) {
      case TEXT, PROSE, RECORDING_FILE, FILE_KEY -> false;
      default -> true;
    };
    if (value == null) {
      batch.bindNull(position, number ? Types.BIGINT : Types.VARCHAR);
    } else if (number) {
      batch.bind(position, ((Number) value).longValue());
    } else {
      batch.bind(position, (String) value);
    }
  }
}
