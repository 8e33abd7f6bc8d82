package dev.longhand.draft;

import dev.longhand.store.Pipeline;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for drafts ({@code drafts}), and where the thing a draft's key names lives. */
final class DraftStore {
  /** A stored draft. */
  record Row(String key, String title, String body, long updatedAt) {}

  Optional<Row> get(Handle h, long account, String key) {
    return h.createQuery("SELECT draft_key, title, body, updated_at FROM drafts WHERE account_id = ? AND draft_key = ? AND (title <> '' OR body <> '')")
        .bind(0, account).bind(1, key)
        .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))).findOne();
  }

  void save(Handle h, long account, String key, long workspaceId, String title, String body, long now) {
    h.createUpdate("""
            INSERT INTO drafts (account_id, draft_key, workspace_id, title, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (account_id, draft_key) DO UPDATE SET title = excluded.title, body = excluded.body,
              updated_at = excluded.updated_at""")
        .bind(0, account).bind(1, key).bind(2, workspaceId).bind(3, title).bind(4, body).bind(5, now).execute();
  }

  /** When the draft's post was last sent (0: never), if there is a row. */
  Optional<Long> sentAt(Handle h, long account, String key) {
    return h.createQuery("SELECT sent_at FROM drafts WHERE account_id = ? AND draft_key = ?").bind(0, account).bind(1, key)
        .mapTo(Long.class).findOne();
  }

  /** Removes a draft; one whose post was sent keeps its emptied row, and with it when it was sent. */
  void discard(Handle h, long account, String key) {
    h.createUpdate("DELETE FROM drafts WHERE account_id = ? AND draft_key = ? AND sent_at = 0").bind(0, account).bind(1, key).execute();
    h.createUpdate("UPDATE drafts SET title = '', body = '' WHERE account_id = ? AND draft_key = ? AND sent_at > 0")
        .bind(0, account).bind(1, key).execute();
  }

  private static final String SENT_HEAD = "INSERT INTO drafts (account_id, draft_key, workspace_id, title, body, updated_at, sent_at)";
  private static final String SENT_ROW = "(?, ?, ?, '', '', ?, ?)";
  private static final String SENT_TAIL = " ON CONFLICT (account_id, draft_key) DO UPDATE SET title = '', body = '', "
      + "updated_at = excluded.updated_at, sent_at = excluded.sent_at";

  /** Empties the drafts of posts just sent and notes when, one statement however many (one row each, written if none was). */
  void sent(Pipeline p, List<Drafts.Sent> sent) {
    List<Object[]> rows = sent.stream().distinct().map(s -> new Object[] {s.authorId(), s.key(), s.workspaceId(), s.at(), s.at()}).toList();
    if (rows.size() == 1) p.add(SENT_HEAD + " VALUES " + SENT_ROW + SENT_TAIL, rows.getFirst());
    else if (!rows.isEmpty()) p.addRows(SENT_HEAD, SENT_ROW, SENT_TAIL, rows);
  }

  void sent(Handle h, Drafts.Sent s) {
    h.createUpdate(SENT_HEAD + " VALUES " + SENT_ROW + SENT_TAIL).bind(0, s.authorId()).bind(1, s.key()).bind(2, s.workspaceId())
        .bind(3, s.at()).bind(4, s.at()).execute();
  }

  /** The space a thread is in; empty for no such thread. */
  Optional<Long> spaceOfThread(Handle h, long threadId) {
    return h.createQuery("SELECT space_id FROM threads WHERE id = ?").bind(0, threadId).mapTo(Long.class).findOne();
  }

  /** The space a document is in; empty for no such document. */
  Optional<Long> spaceOfDocument(Handle h, long documentId) {
    return h.createQuery("SELECT space_id FROM documents WHERE id = ?").bind(0, documentId).mapTo(Long.class).findOne();
  }
}
