package dev.longhand.document;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for the documents section of a digest, filtered in the query to the spaces the person may read and has not muted. */
final class DocumentDigestStore {
  /** Spaces the person may read: members of the space, or non-guests of its workspace when it is public. */
  private static final String READABLE = """
      (EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = d.space_id AND sm.account_id = :me)
       OR (s.visibility = 'public' AND EXISTS (SELECT 1 FROM workspace_members wm
           WHERE wm.workspace_id = d.workspace_id AND wm.account_id = :me AND wm.role <> 'guest')))""";

  /** Spaces the person muted ({@code thread.Subscriptions}, a space's row): they add nothing to the person's digest. */
  private static final String NOT_MUTED = """
      NOT EXISTS (SELECT 1 FROM subscriptions sub WHERE sub.account_id = :me AND sub.space_id = d.space_id AND sub.thread_id = 0
                  AND sub.level = 'mute')""";

  /**
   * Something done to a document by someone else in the period: a revision saved ({@code revision} > 0, its summary
   * as {@code text}) or a comment made ({@code revision} 0, its body as {@code text}).
   */
  record Change(long documentId, String title, String space, int revision, String author, String text, long at) {}

  /** The period's revisions and comments by others on documents the person may read, newest first, at most {@code limit}. */
  /** Whether any revision was saved or comment written in {@code (since, now]}. */
  boolean anyChangeBetween(Handle h, long since, long now) {
    return h.createQuery("SELECT 1 FROM document_revisions WHERE created_at > :since AND created_at <= :now "
            + "UNION ALL SELECT 1 FROM document_comments WHERE created_at > :since AND created_at <= :now LIMIT 1")
        .bind("since", since).bind("now", now).mapTo(Integer.class).findOne().isPresent();
  }

  List<Change> changes(Handle h, long me, long since, long now, int limit) {
    return h.createQuery("""
            SELECT * FROM (
              SELECT d.id AS document_id, d.title, s.name AS space, r.number AS revision, a.name AS author, r.summary AS text,
                r.created_at AS at
              FROM document_revisions r JOIN documents d ON d.id = r.document_id JOIN spaces s ON s.id = d.space_id
              JOIN accounts a ON a.id = r.author_id
              WHERE r.created_at > :since AND r.created_at <= :now AND r.author_id <> :me AND """ + READABLE + " AND " + NOT_MUTED + """

              UNION ALL
              SELECT d.id, d.title, s.name, 0, a.name, c.body, c.created_at
              FROM document_comments c JOIN documents d ON d.id = c.document_id JOIN spaces s ON s.id = d.space_id
              JOIN accounts a ON a.id = c.author_id
              WHERE c.created_at > :since AND c.created_at <= :now AND c.author_id <> :me AND """ + READABLE + " AND " + NOT_MUTED + """

            ) changes ORDER BY at DESC LIMIT :limit""")
        .bind("since", since).bind("now", now).bind("me", me).bind("limit", limit)
        .map((rs, ctx) -> new Change(rs.getLong("document_id"), rs.getString("title"), rs.getString("space"), rs.getInt("revision"),
            rs.getString("author"), rs.getString("text"), rs.getLong("at")))
        .list();
  }
}
