package dev.longhand.document;

import dev.longhand.event.DocumentCommented;
import dev.longhand.event.DocumentCreated;
import dev.longhand.event.DocumentSaved;
import dev.longhand.search.Indexed;
import dev.longhand.search.OwnerEvents;
import dev.longhand.search.SearchSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Documents in search: the title (ranked above the text) and the latest revision's text, re-read
 * whenever a document is created or saved. A hit's author is whoever saved the latest revision.
 * {@link #COMMENTS} indexes comments and replies, shown under their document's title.
 */
public final class DocumentSearch implements SearchSource {
  /** Comments on documents and their replies: found by their text, linked to the comment on the document's page. */
  public static final SearchSource COMMENTS = new Comments();
  private static final int PAGE = 500;
  private static final String SELECT = """
      SELECT d.id, d.space_id, d.workspace_id, r.author_id, d.title, r.body, d.updated_at
      FROM documents d JOIN document_revisions r ON r.document_id = d.id AND r.number = d.latest_revision""";

  @Override
  public String name() {
    return "document";
  }

  @Override
  public OwnerEvents events() {
    return OwnerEvents.of(DocumentCreated.class, DocumentCreated::documentId).and(DocumentSaved.class, DocumentSaved::documentId);
  }

  @Override
  public List<Indexed> load(Handle h, Collection<Long> owners) {
    if (owners.isEmpty()) return List.of();
    return h.createQuery(SELECT + " WHERE d.id IN (<ids>)").bindList("ids", List.copyOf(owners)).map((rs, ctx) -> indexed(rs)).list();
  }

  @Override
  public void each(Handle h, Consumer<Indexed> sink) {
    long after = Long.MIN_VALUE;
    while (true) {
      List<Indexed> page = h.createQuery(SELECT + " WHERE d.id > ? ORDER BY d.id LIMIT ?").bind(0, after).bind(1, PAGE)
          .map((rs, ctx) -> indexed(rs)).list();
      page.forEach(sink);
      if (page.size() < PAGE) return;
      after = page.getLast().id();
    }
  }

  private static Indexed indexed(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    String title = rs.getString(5);
    return new Indexed("document", id, id, 0, rs.getLong(2), rs.getLong(3), rs.getLong(4), title, title, rs.getString(6),
        rs.getLong(7), "/documents/" + id);
  }

  private static final class Comments implements SearchSource {
    private static final String SELECT = """
        SELECT c.id, c.document_id, c.space_id, c.workspace_id, c.author_id, d.title, c.body, c.created_at
        FROM document_comments c JOIN documents d ON d.id = c.document_id""";

    @Override
    public String name() {
      return "document-comment";
    }

    @Override
    public OwnerEvents events() {
      return OwnerEvents.of(DocumentCommented.class, DocumentCommented::commentId);
    }

    @Override
    public List<Indexed> load(Handle h, Collection<Long> owners) {
      if (owners.isEmpty()) return List.of();
      return h.createQuery(SELECT + " WHERE c.id IN (<ids>)").bindList("ids", List.copyOf(owners)).map((rs, ctx) -> comment(rs)).list();
    }

    @Override
    public void each(Handle h, Consumer<Indexed> sink) {
      long after = Long.MIN_VALUE;
      while (true) {
        List<Indexed> page = h.createQuery(SELECT + " WHERE c.id > ? ORDER BY c.id LIMIT ?").bind(0, after).bind(1, PAGE)
            .map((rs, ctx) -> comment(rs)).list();
        page.forEach(sink);
        if (page.size() < PAGE) return;
        after = page.getLast().id();
      }
    }

    private static Indexed comment(ResultSet rs) throws SQLException {
      long id = rs.getLong(1);
      return new Indexed("comment", id, id, 0, rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6), null, rs.getString(7),
          rs.getLong(8), "/documents/" + rs.getLong(2) + "#comment-" + id);
    }
  }
}
