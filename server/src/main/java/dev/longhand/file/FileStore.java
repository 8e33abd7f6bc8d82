package dev.longhand.file;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for files' rows (their bytes are {@link FileStorage}'s). Access checks are the service's. */
final class FileStore {
  private static final String COLUMNS = """
      id, workspace_id, space_id, uploader_id, name, content_type, size_bytes, storage_key, width, height,
      thumbnail_key, thumbnail_type, created_at""";

  void insert(Handle h, StoredFile f) {
    h.createUpdate("""
            INSERT INTO files (id, workspace_id, space_id, uploader_id, name, content_type, size_bytes, storage_key, width, height,
                               thumbnail_key, thumbnail_type, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, f.id()).bind(1, f.workspaceId()).bind(2, f.spaceId()).bind(3, f.uploaderId()).bind(4, f.name())
        .bind(5, f.contentType()).bind(6, f.size()).bind(7, f.storageKey()).bind(8, f.width().orElse(null))
        .bind(9, f.height().orElse(null)).bind(10, f.thumbnailKey().orElse(null)).bind(11, f.thumbnailType().orElse(null))
        .bind(12, f.createdAt()).execute();
  }

  Optional<StoredFile> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM files WHERE id = ?").bind(0, id).map((rs, ctx) -> file(rs)).findOne();
  }

  private static StoredFile file(ResultSet rs) throws SQLException {
    return new StoredFile(rs.getLong("id"), rs.getLong("workspace_id"), rs.getLong("space_id"), rs.getLong("uploader_id"),
        rs.getString("name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("storage_key"),
        optionalInt(rs, "width"), optionalInt(rs, "height"), Optional.ofNullable(rs.getString("thumbnail_key")),
        Optional.ofNullable(rs.getString("thumbnail_type")), rs.getLong("created_at"));
  }

  private static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }
}
