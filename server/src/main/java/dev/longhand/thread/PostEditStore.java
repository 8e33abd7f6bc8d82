package dev.longhand.thread;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL for editing, deleting and moving posts, their revisions, and rendering stored HTML again. */
final class PostEditStore {
  /** A reply as an edit or a delete needs it: where it is, who wrote it, what it says. */
  record ReplyRow(long id, long threadId, long authorId, String body, long createdAt) {}

  /** A post whose stored HTML an older renderer made: the thread's id for an opening post. */
  record Stale(long id, long workspaceId, String body) {}

  Optional<ReplyRow> reply(Handle h, long replyId) {
    return h.createQuery("SELECT id, thread_id, author_id, body, created_at FROM replies WHERE id = ? AND deleted_at IS NULL")
        .bind(0, replyId)
        .map((rs, ctx) -> new ReplyRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5)))
        .findOne();
  }

  /** The newest revision number kept for a post; 0 when it was never edited. */
  int latestRevision(Handle h, long postId) {
    return h.createQuery("SELECT COALESCE(MAX(revision), 0) FROM post_revisions WHERE post_id = ?")
        .bind(0, postId).mapTo(Integer.class).one();
  }

  void insertRevision(Handle h, long postId, int revision, Thread t, long editorId, String title, String body, long at) {
    h.createUpdate("""
            INSERT INTO post_revisions (post_id, revision, thread_id, workspace_id, editor_id, title, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, postId).bind(1, revision).bind(2, t.id()).bind(3, t.workspaceId()).bind(4, editorId).bind(5, title)
        .bind(6, body).bind(7, at).execute();
  }

  List<Thread.Revision> revisions(Handle h, long postId) {
    return h.createQuery("""
            SELECT r.revision, a.id, a.name, a.handle, r.created_at, r.title, r.body
            FROM post_revisions r JOIN accounts a ON a.id = r.editor_id WHERE r.post_id = ? ORDER BY r.revision""")
        .bind(0, postId)
        .map((rs, ctx) -> new Thread.Revision(rs.getInt(1), new Thread.Person(rs.getLong(2), rs.getString(3), rs.getString(4)),
            rs.getLong(5), rs.getString(6), rs.getString(7)))
        .list();
  }

  /** Who a post mentions already. */
  Set<Long> mentioned(Handle h, long postId) {
    return new HashSet<>(h.createQuery("SELECT account_id FROM mentions WHERE post_id = ?").bind(0, postId).mapTo(Long.class).list());
  }

  void updateThread(Handle h, long threadId, String title, String body, String html, int renderVersion, long at) {
    h.createUpdate("""
            UPDATE threads SET title = ?, body = ?, body_html = ?, render_version = ?, edited_at = ? WHERE id = ?""")
        .bind(0, title).bind(1, body).bind(2, html).bind(3, renderVersion).bind(4, at).bind(5, threadId).execute();
  }

  void updateReply(Handle h, long replyId, String body, String html, int renderVersion, long at) {
    h.createUpdate("UPDATE replies SET body = ?, body_html = ?, render_version = ?, edited_at = ? WHERE id = ?")
        .bind(0, body).bind(1, html).bind(2, renderVersion).bind(3, at).bind(4, replyId).execute();
  }

  /** Deletes a thread and its replies (kept as rows, hidden everywhere); answers the ids of the replies it hid. */
  List<Long> deleteThread(Handle h, long threadId, long at) {
    List<Long> replies = h.createQuery("SELECT id FROM replies WHERE thread_id = ? AND deleted_at IS NULL ORDER BY thread_id, id")
        .bind(0, threadId).mapTo(Long.class).list();
    h.createUpdate("UPDATE replies SET deleted_at = ? WHERE thread_id = ? AND deleted_at IS NULL").bind(0, at).bind(1, threadId).execute();
    h.createUpdate("UPDATE threads SET deleted_at = ? WHERE id = ?").bind(0, at).bind(1, threadId).execute();
    return replies;
  }

  /** Deletes a reply (kept as a row, hidden everywhere); the thread counts one reply fewer. */
  void deleteReply(Handle h, long replyId, long threadId, long at) {
    h.createUpdate("UPDATE replies SET deleted_at = ? WHERE id = ?").bind(0, at).bind(1, replyId).execute();
    h.createUpdate("UPDATE threads SET reply_count = reply_count - 1 WHERE id = ? AND reply_count > 0").bind(0, threadId).execute();
  }

  /** Moves a thread and its replies to another space. */
  void moveThread(Handle h, long threadId, long spaceId) {
    // in another space, its next post reaches every reader of that space (inbox.InboxService)
    h.createUpdate("UPDATE threads SET space_id = ?, readers_version = -1 WHERE id = ?").bind(0, spaceId).bind(1, threadId).execute();
    h.createUpdate("UPDATE replies SET space_id = ? WHERE thread_id = ?").bind(0, spaceId).bind(1, threadId).execute();
  }

  /** Up to {@code limit} opening posts ({@code threads}) or replies not rendered by this renderer version. */
  List<Stale> stale(Handle h, boolean threads, int version, int limit) {
    return h.createQuery("SELECT id, workspace_id, body FROM " + (threads ? "threads" : "replies")
            + " WHERE render_version <> ? AND deleted_at IS NULL ORDER BY id LIMIT ?")
        .bind(0, version).bind(1, limit)
        .map((rs, ctx) -> new Stale(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
  }

  /** Stores HTML rendered again, unless an edit stored newer meanwhile. */
  void storeRendered(Handle h, boolean threads, List<Stale> posts, List<String> html, int version) {
    PreparedBatch batch = h.prepareBatch("UPDATE " + (threads ? "threads" : "replies")
        + " SET body_html = ?, render_version = ? WHERE id = ? AND render_version <> ?");
    for (int i = 0; i < posts.size(); i++) {
      batch.bind(0, html.get(i)).bind(1, version).bind(2, posts.get(i).id()).bind(3, version).add();
    }
    batch.execute();
  }

  /** Handles of a workspace's members: the ones that render as mentions. */
  Set<String> memberHandles(Handle h, long workspaceId) {
    return h.createQuery("""
            SELECT a.handle FROM workspace_members m JOIN accounts a ON a.id = m.account_id WHERE m.workspace_id = ?""")
        .bind(0, workspaceId).mapTo(String.class).set();
  }
}
