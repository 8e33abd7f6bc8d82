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
    return h.createQuery("SELECT draft_key, title, body, updated_at FROM drafts WHERE account_id = ? AND draft_key = ?")
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

  boolean discard(Handle h, long account, String key) {
    return h.createUpdate("DELETE FROM drafts WHERE account_id = ? AND draft_key = ?").bind(0, account).bind(1, key).execute() > 0;
  }

  void discard(Pipeline p, List<Drafts.Sent> sent) {
    if (sent.size() == 1) {
      p.add("DELETE FROM drafts WHERE account_id = ? AND draft_key = ?", sent.getFirst().authorId(), sent.getFirst().key());
    } else if (!sent.isEmpty()) {
      p.addRows("DELETE FROM drafts WHERE (account_id, draft_key) IN (", "(?, ?)", ")",
          sent.stream().distinct().map(s -> new Object[] {s.authorId(), s.key()}).toList());
    }
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
