package dev.longhand.document;

import dev.longhand.store.InList;
import dev.longhand.search.Indexed;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for documents and their comments as search documents. */
final class DocumentSearchStore {
  private static final String DOCUMENTS = """
      SELECT d.id, d.space_id, d.workspace_id, r.author_id, d.title, r.body, d.updated_at
      FROM documents d JOIN document_revisions r ON r.document_id = d.id AND r.number = d.latest_revision""";
  private static final String COMMENTS = """
      SELECT c.id, c.document_id, c.space_id, c.workspace_id, c.author_id, d.title, c.body, c.created_at
      FROM document_comments c JOIN documents d ON d.id = c.document_id""";

  /** The documents, each with its latest revision's text; its author is whoever saved that revision. */
  List<Indexed> documents(Handle h, Collection<Long> ids) {
    return h.createQuery(DOCUMENTS + " WHERE d.id IN (<ids>)").bindList("ids", InList.of(ids)).map((rs, ctx) -> document(rs)).list();
  }

  List<Indexed> documentsAfter(Handle h, long after, int limit) {
    return h.createQuery(DOCUMENTS + " WHERE d.id > ? ORDER BY d.id LIMIT ?").bind(0, after).bind(1, limit)
        .map((rs, ctx) -> document(rs)).list();
  }

  List<Indexed> comments(Handle h, Collection<Long> ids) {
    return h.createQuery(COMMENTS + " WHERE c.id IN (<ids>)").bindList("ids", InList.of(ids)).map((rs, ctx) -> comment(rs)).list();
  }

  List<Indexed> commentsAfter(Handle h, long after, int limit) {
    return h.createQuery(COMMENTS + " WHERE c.id > ? ORDER BY c.id LIMIT ?").bind(0, after).bind(1, limit)
        .map((rs, ctx) -> comment(rs)).list();
  }

  private static Indexed document(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    String title = rs.getString(5);
    return new Indexed("document", id, id, 0, rs.getLong(2), rs.getLong(3), rs.getLong(4), title, title, rs.getString(6),
        rs.getLong(7), "/documents/" + id);
  }

  private static Indexed comment(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    return new Indexed("comment", id, id, 0, rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6), null, rs.getString(7),
        rs.getLong(8), "/documents/" + rs.getLong(2) + "#comment-" + id);
  }
}
