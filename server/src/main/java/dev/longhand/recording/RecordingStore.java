package dev.longhand.recording;

import dev.longhand.store.InList;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for recordings, their cues, chapters and comments. Access checks are the service's. */
final class RecordingStore {
  private static final String COLUMNS = """
      r.id, r.workspace_id, r.space_id, r.uploader_id, a.name, r.title, r.media_type, r.size_bytes, r.file_name,
      r.captions_at, r.created_at""";
  private static final String FROM = "FROM recordings r JOIN accounts a ON a.id = r.uploader_id";

  void insert(Handle h, Recording r) {
    h.createUpdate("""
            INSERT INTO recordings (id, workspace_id, space_id, uploader_id, title, media_type, size_bytes, file_name, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, r.id()).bind(1, r.workspaceId()).bind(2, r.spaceId()).bind(3, r.uploaderId()).bind(4, r.title())
        .bind(5, r.mediaType()).bind(6, r.size()).bind(7, r.fileName()).bind(8, r.createdAt()).execute();
  }

  Optional<Recording> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " WHERE r.id = ?").bind(0, id).map((rs, ctx) -> recording(rs)).findOne();
  }

  List<Recording> inSpace(Handle h, long spaceId) {
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " WHERE r.space_id = ? ORDER BY r.created_at DESC, r.id DESC")
        .bind(0, spaceId).map((rs, ctx) -> recording(rs)).list();
  }

  /** Recordings by id, for the search index. */
  List<Recording> byIds(Handle h, Collection<Long> ids) {
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " WHERE r.id IN (<ids>)").bindList("ids", InList.of(ids))
        .map((rs, ctx) -> recording(rs)).list();
  }

  List<Recording> page(Handle h, long after, int limit) {
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " WHERE r.id > ? ORDER BY r.id LIMIT ?").bind(0, after).bind(1, limit)
        .map((rs, ctx) -> recording(rs)).list();
  }

  void delete(Handle h, long id) {
    for (String table : List.of("recording_comments", "recording_chapters", "recording_cues")) {
      h.createUpdate("DELETE FROM " + table + " WHERE recording_id = ?").bind(0, id).execute();
    }
    h.createUpdate("DELETE FROM recordings WHERE id = ?").bind(0, id).execute();
  }

  Optional<String> captionsVtt(Handle h, long id) {
    return h.createQuery("SELECT captions_vtt FROM recordings WHERE id = ?").bind(0, id).mapTo(String.class).findOne()
        .flatMap(Optional::ofNullable);
  }

  void replaceCaptions(Handle h, long id, String vtt, List<Recording.Cue> cues, long at) {
    h.createUpdate("DELETE FROM recording_cues WHERE recording_id = ?").bind(0, id).execute();
    h.createUpdate("UPDATE recordings SET captions_vtt = ?, captions_at = ? WHERE id = ?").bind(0, vtt).bind(1, at).bind(2, id).execute();
    var batch = h.prepareBatch("INSERT INTO recording_cues (id, recording_id, seq, start_ms, end_ms, body) VALUES (?, ?, ?, ?, ?, ?)");
    int seq = 0;
    for (Recording.Cue c : cues) {
      batch.bind(0, c.id()).bind(1, id).bind(2, seq++).bind(3, c.startMs()).bind(4, c.endMs()).bind(5, c.text()).add();
    }
    if (!cues.isEmpty()) batch.execute();
  }

  List<Recording.Cue> cues(Handle h, long id) {
    return h.createQuery("SELECT id, start_ms, end_ms, body FROM recording_cues WHERE recording_id = ? ORDER BY seq").bind(0, id)
        .map((rs, ctx) -> new Recording.Cue(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4))).list();
  }

  /** Cues of many recordings, for the search index: {recordingId, cue}. */
  List<Object[]> cuesOf(Handle h, Collection<Long> ids) {
    return h.createQuery("SELECT recording_id, id, start_ms, end_ms, body FROM recording_cues WHERE recording_id IN (<ids>) ORDER BY recording_id, seq")
        .bindList("ids", InList.of(ids))
        .map((rs, ctx) -> new Object[] {rs.getLong(1), new Recording.Cue(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5))})
        .list();
  }

  /** Comments of many recordings, for the search index: {recordingId, comment}. */
  List<Object[]> commentsOf(Handle h, Collection<Long> ids) {
    return h.createQuery("""
            SELECT c.recording_id, c.id, c.parent_id, c.author_id, a.name, c.at_ms, c.body, c.created_at
            FROM recording_comments c JOIN accounts a ON a.id = c.author_id
            WHERE c.recording_id IN (<ids>) ORDER BY c.recording_id, c.id""")
        .bindList("ids", InList.of(ids))
        .map((rs, ctx) -> {
          long parent = rs.getLong(3);
          Optional<Long> parentId = rs.wasNull() ? Optional.empty() : Optional.of(parent);
          return new Object[] {rs.getLong(1), new Recording.Comment(rs.getLong(2), parentId, rs.getLong(4), rs.getString(5),
              rs.getLong(6), rs.getString(7), rs.getLong(8))};
        })
        .list();
  }

  void replaceChapters(Handle h, long id, List<Recording.Chapter> chapters) {
    h.createUpdate("DELETE FROM recording_chapters WHERE recording_id = ?").bind(0, id).execute();
    var batch = h.prepareBatch("INSERT INTO recording_chapters (recording_id, seq, start_ms, title) VALUES (?, ?, ?, ?)");
    int seq = 0;
    for (Recording.Chapter c : chapters) batch.bind(0, id).bind(1, seq++).bind(2, c.startMs()).bind(3, c.title()).add();
    if (!chapters.isEmpty()) batch.execute();
  }

  List<Recording.Chapter> chapters(Handle h, long id) {
    return h.createQuery("SELECT start_ms, title FROM recording_chapters WHERE recording_id = ? ORDER BY seq").bind(0, id)
        .map((rs, ctx) -> new Recording.Chapter(rs.getLong(1), rs.getString(2))).list();
  }

  void insertComment(Handle h, long recordingId, Recording.Comment c) {
    h.createUpdate("""
            INSERT INTO recording_comments (id, recording_id, parent_id, author_id, at_ms, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, c.id()).bind(1, recordingId).bind(2, c.parentId().orElse(null)).bind(3, c.authorId()).bind(4, c.atMs())
        .bind(5, c.body()).bind(6, c.createdAt()).execute();
  }

  Optional<Recording.Comment> comment(Handle h, long recordingId, long commentId) {
    return comments(h, recordingId, " AND c.id = " + commentId).stream().findFirst();
  }

  /** A recording's comments by time, then as written. */
  List<Recording.Comment> comments(Handle h, long recordingId) {
    return comments(h, recordingId, "");
  }

  private List<Recording.Comment> comments(Handle h, long recordingId, String and) {
    return h.createQuery("""
            SELECT c.id, c.parent_id, c.author_id, a.name, c.at_ms, c.body, c.created_at
            FROM recording_comments c JOIN accounts a ON a.id = c.author_id
            WHERE c.recording_id = ?""" + and + " ORDER BY c.at_ms, c.id")
        .bind(0, recordingId)
        .map((rs, ctx) -> comment(rs))
        .list();
  }

  private static Recording.Comment comment(ResultSet rs) throws SQLException {
    long parent = rs.getLong(2);
    Optional<Long> parentId = rs.wasNull() ? Optional.empty() : Optional.of(parent);
    return new Recording.Comment(rs.getLong(1), parentId, rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getLong(7));
  }

  private static Recording recording(ResultSet rs) throws SQLException {
    rs.getLong(10);
    boolean captions = !rs.wasNull();
    return new Recording(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6),
        rs.getString(7), rs.getLong(8), rs.getString(9), captions, rs.getLong(11));
  }
}
