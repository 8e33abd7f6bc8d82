package dev.longhand.document;

import dev.longhand.store.PageCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for documents, their revisions and comments. Callers check access first; nothing here filters by reader. */
final class DocumentStore {
  private static final String DOCUMENT = """
      SELECT d.id, d.workspace_id, d.space_id, d.title, d.latest_revision, d.created_by, d.created_at, d.updated_by, p.name,
             d.updated_at
      FROM documents d JOIN accounts p ON p.id = d.updated_by""";
  private static final String REVISION = """
      SELECT r.document_id, r.number, r.title, %s, r.summary, r.author_id, p.name, r.created_at
      FROM document_revisions r JOIN accounts p ON p.id = r.author_id""";
  private static final String COMMENT = """
      SELECT c.id, c.document_id, c.parent_id, c.author_id, p.name, c.body, c.quote, c.revision, c.created_at, c.resolved_at,
             c.resolved_by, q.name
      FROM document_comments c JOIN accounts p ON p.id = c.author_id LEFT JOIN accounts q ON q.id = c.resolved_by""";

  /** A comment's row, before it is rendered. */
  record CommentRow(long id, long documentId, long parentId, Document.Person author, String body, String quote, int revision,
      long createdAt, long resolvedAt, Optional<Document.Person> resolvedBy) {}

  void insert(Handle h, Document d) {
    h.createUpdate("""
            INSERT INTO documents (id, workspace_id, space_id, title, latest_revision, created_by, created_at, updated_by, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, d.id()).bind(1, d.workspaceId()).bind(2, d.spaceId()).bind(3, d.title()).bind(4, d.latestRevision())
        .bind(5, d.createdBy()).bind(6, d.createdAt()).bind(7, d.updatedBy().id()).bind(8, d.updatedAt()).execute();
  }

  void insertRevision(Handle h, long documentId, int number, String title, String body, String summary, long authorId, long at) {
    h.createUpdate("""
            INSERT INTO document_revisions (document_id, number, title, body, summary, author_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, documentId).bind(1, number).bind(2, title).bind(3, body).bind(4, summary).bind(5, authorId).bind(6, at).execute();
  }

  /**
   * Makes {@code number} the latest revision, only if {@code number - 1} still is: false when someone else saved first
   * (on PostgreSQL the second writer waits for the first and then finds the row changed).
   */
  boolean advance(Handle h, long documentId, int number, String title, long by, long at) {
    return h.createUpdate("""
            UPDATE documents SET latest_revision = :n, title = :title, updated_by = :by, updated_at = :at
            WHERE id = :id AND latest_revision = :prev""")
        .bind("n", number).bind("title", title).bind("by", by).bind("at", at).bind("id", documentId).bind("prev", number - 1)
        .execute() == 1;
  }

  Optional<Document> find(Handle h, long id) {
    return h.createQuery(DOCUMENT + " WHERE d.id = ?").bind(0, id).map((rs, ctx) -> document(rs)).findOne();
  }

  /** The space's documents, most recently edited first, from just after {@code before}. */
  List<Document> inSpace(Handle h, long spaceId, PageCursor before, int limit) {
    return h.createQuery(DOCUMENT + """
             WHERE d.space_id = :space AND (d.updated_at < :at OR (d.updated_at = :at AND d.id < :id))
            ORDER BY d.updated_at DESC, d.id DESC LIMIT :limit""")
        .bind("space", spaceId).bind("at", before.at()).bind("id", before.id()).bind("limit", limit)
        .map((rs, ctx) -> document(rs)).list();
  }

  Optional<Document.Revision> revision(Handle h, long documentId, int number) {
    return h.createQuery(REVISION.formatted("r.body") + " WHERE r.document_id = ? AND r.number = ?").bind(0, documentId).bind(1, number)
        .map((rs, ctx) -> revision(rs)).findOne();
  }

  /** Every revision without its text, newest first. */
  List<Document.Revision> revisions(Handle h, long documentId) {
    return h.createQuery(REVISION.formatted("''") + " WHERE r.document_id = ? ORDER BY r.number DESC").bind(0, documentId)
        .map((rs, ctx) -> revision(rs)).list();
  }

  void insertComment(Handle h, long id, long workspaceId, long spaceId, long documentId, Long parentId, long authorId, String body,
      String quote, int revision, long at) {
    h.createUpdate("""
            INSERT INTO document_comments (id, workspace_id, space_id, document_id, parent_id, author_id, body, quote, revision, created_at)
            VALUES (:id, :ws, :space, :doc, :parent, :author, :body, :quote, :revision, :at)""")
        .bind("id", id).bind("ws", workspaceId).bind("space", spaceId).bind("doc", documentId).bind("parent", parentId)
        .bind("author", authorId).bind("body", body).bind("quote", quote).bind("revision", revision).bind("at", at).execute();
  }

  Optional<CommentRow> comment(Handle h, long id) {
    return h.createQuery(COMMENT + " WHERE c.id = ?").bind(0, id).map((rs, ctx) -> comment(rs)).findOne();
  }

  /** A document's comments and replies, oldest first. */
  List<CommentRow> comments(Handle h, long documentId) {
    return h.createQuery(COMMENT + " WHERE c.document_id = ? ORDER BY c.id").bind(0, documentId).map((rs, ctx) -> comment(rs)).list();
  }

  void resolve(Handle h, long commentId, long by, long at) {
    h.createUpdate("UPDATE document_comments SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL")
        .bind(0, at).bind(1, by).bind(2, commentId).execute();
  }

  void reopen(Handle h, long commentId) {
    h.createUpdate("UPDATE document_comments SET resolved_at = NULL, resolved_by = NULL WHERE id = ?").bind(0, commentId).execute();
  }

  String workspaceName(Handle h, long workspaceId) {
    return h.createQuery("SELECT name FROM workspaces WHERE id = ?").bind(0, workspaceId).mapTo(String.class).one();
  }

  /** Handles of a workspace's members: the ones that render as mentions. */
  java.util.Set<String> memberHandles(Handle h, long workspaceId) {
    return h.createQuery("""
            SELECT a.handle FROM workspace_members m JOIN accounts a ON a.id = m.account_id WHERE m.workspace_id = ?""")
        .bind(0, workspaceId).mapTo(String.class).set();
  }

  private static Document document(ResultSet rs) throws SQLException {
    return new Document(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5), rs.getLong(6), rs.getLong(7),
        new Document.Person(rs.getLong(8), rs.getString(9)), rs.getLong(10));
  }

  private static Document.Revision revision(ResultSet rs) throws SQLException {
    return new Document.Revision(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
        new Document.Person(rs.getLong(6), rs.getString(7)), rs.getLong(8));
  }

  private static CommentRow comment(ResultSet rs) throws SQLException {
    long resolvedBy = rs.getLong(11);
    return new CommentRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), new Document.Person(rs.getLong(4), rs.getString(5)),
        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getLong(9), rs.getLong(10),
        resolvedBy == 0 ? Optional.empty() : Optional.of(new Document.Person(resolvedBy, rs.getString(12))));
  }
}
