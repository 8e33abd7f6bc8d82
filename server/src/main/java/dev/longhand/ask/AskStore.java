package dev.longhand.ask;

import dev.longhand.store.InList;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL for asks. Every list for a person is filtered, in the query, to the spaces that person may read now. */
final class AskStore {
  private static final String COLUMNS = """
      a.id, a.workspace_id, a.space_id, a.thread_id, a.post_id, a.asker_id, a.assignee_id, a.within, a.created_at,
      a.due_at, a.done_at, a.done_how, t.title, p.name, p.handle, q.name, q.handle, a.answer_id""";
  private static final String FROM = """
      FROM asks a
      JOIN threads t ON t.id = a.thread_id
      JOIN accounts p ON p.id = a.asker_id
      JOIN accounts q ON q.id = a.assignee_id""";
  /** Space.Access.mayRead in SQL, for the person bound as :me: a member of the space, or a non-guest in a public one. */
  private static final String READABLE = """
      JOIN spaces s ON s.id = a.space_id
      JOIN workspace_members wm ON wm.workspace_id = a.workspace_id AND wm.account_id = :me
      LEFT JOIN space_members sm ON sm.space_id = a.space_id AND sm.account_id = :me""";
  private static final String MAY_READ = "(sm.account_id IS NOT NULL OR (s.visibility <> 'private' AND wm.role <> 'guest'))";

  void insert(Handle h, Ask a) {
    h.createUpdate("""
            INSERT INTO asks (id, workspace_id, space_id, thread_id, post_id, asker_id, assignee_id, within, created_at, due_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .bind(0, a.id()).bind(1, a.workspaceId()).bind(2, a.spaceId()).bind(3, a.threadId()).bind(4, a.postId())
        .bind(5, a.askerId()).bind(6, a.assigneeId()).bind(7, a.within()).bind(8, a.createdAt()).bind(9, a.dueAt())
        .execute();
  }

  /** Of these threads, those where the person still has an open ask: as its assignee, or (not {@code mine}) its asker. */
  Set<Long> openIn(Handle h, long me, boolean mine, Collection<Long> threadIds) {
    if (threadIds.isEmpty()) return Set.of();
    String who = mine ? "assignee_id" : "asker_id";
    return h.createQuery("SELECT DISTINCT thread_id FROM asks WHERE " + who + " = :me AND done_at IS NULL AND thread_id IN (<threads>)")
        .bind("me", me).bindList("threads", InList.of(threadIds)).mapTo(Long.class).set();
  }

  /** The open asks of a thread, whoever they wait on. */
  List<Long> openInThread(Handle h, long threadId) {
    return h.createQuery("SELECT id FROM asks WHERE thread_id = ? AND done_at IS NULL").bind(0, threadId).mapTo(Long.class).list();
  }

  /** The open asks these posts of a thread made. */
  List<Long> openOfPosts(Handle h, long threadId, Collection<Long> postIds) {
    return h.createQuery("SELECT id FROM asks WHERE thread_id = :thread AND post_id IN (<posts>) AND done_at IS NULL")
        .bind("thread", threadId).bindList("posts", InList.of(postIds)).mapTo(Long.class).list();
  }

  void markDone(Handle h, Collection<Long> ids, long at, String how) {
    h.createUpdate("UPDATE asks SET done_at = :at, done_how = :how WHERE id IN (<ids>) AND done_at IS NULL")
        .bind("at", at).bind("how", how).bindList("ids", InList.of(ids)).execute();
  }

  /** Closes an open ask as answered by the reply; false when it was no longer open. */
  boolean markAnswered(Handle h, long id, long at, long replyId) {
    return h.createUpdate("UPDATE asks SET done_at = ?, done_how = 'answered', answer_id = ? WHERE id = ? AND done_at IS NULL")
        .bind(0, at).bind(1, replyId).bind(2, id).execute() == 1;
  }

  /** A reply as marking it an answer needs it: its thread, its writer, when it was written. */
  record ReplyRef(long id, long threadId, long authorId, long createdAt) {}

  Optional<ReplyRef> reply(Handle h, long replyId) {
    return h.createQuery("SELECT id, thread_id, author_id, created_at FROM replies WHERE id = ?").bind(0, replyId)
        .map((rs, ctx) -> new ReplyRef(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).findOne();
  }

  /** The replies a person wrote in a thread at or after an instant, oldest first: those that may answer an ask. */
  List<Long> repliesBy(Handle h, long threadId, long authorId, long since) {
    return h.createQuery("SELECT id FROM replies WHERE thread_id = ? AND author_id = ? AND created_at >= ? ORDER BY id")
        .bind(0, threadId).bind(1, authorId).bind(2, since).mapTo(Long.class).list();
  }

  /** Claims the ask's one-time follow-up (its notice and nudges); false when it was already claimed. */
  boolean claimFollowUp(Handle h, long id) {
    return h.createUpdate("UPDATE asks SET followed_up = 1 WHERE id = ? AND followed_up = 0").bind(0, id).execute() == 1;
  }

  Optional<Ask.Row> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " WHERE a.id = ?").bind(0, id).map((rs, ctx) -> row(rs)).findOne();
  }

  List<Ask.Row> ofPost(Handle h, long postId) {
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " WHERE a.post_id = ? ORDER BY a.id").bind(0, postId)
        .map((rs, ctx) -> row(rs)).list();
  }

  List<Ask.Row> ofThread(Handle h, long threadId) {
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " WHERE a.thread_id = ? ORDER BY a.id").bind(0, threadId)
        .map((rs, ctx) -> row(rs)).list();
  }

  /** Whether any ask is open (the partial index of open asks answers it). */
  boolean anyOpen(Handle h) {
    return h.createQuery("SELECT 1 FROM asks WHERE done_at IS NULL LIMIT 1").mapTo(Integer.class).findOne().isPresent();
  }

  /** Open asks where the person is the assignee ({@code mine}) or the asker, earliest deadline first. */
  List<Ask.Row> open(Handle h, long me, boolean mine, int limit) {
    String who = mine ? "a.assignee_id" : "a.asker_id";
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " " + READABLE + " WHERE " + who + " = :me AND a.done_at IS NULL AND "
            + MAY_READ + " ORDER BY a.due_at, a.id LIMIT :limit")
        .bind("me", me).bind("limit", limit).map((rs, ctx) -> row(rs)).list();
  }

  /** The last done asks of the person's queue, most recently done first. */
  List<Ask.Row> recentlyDone(Handle h, long me, boolean mine, int limit) {
    String who = mine ? "a.assignee_id" : "a.asker_id";
    return h.createQuery("SELECT " + COLUMNS + " " + FROM + " " + READABLE + " WHERE " + who + " = :me AND a.done_at IS NOT NULL AND a.done_how <> 'deleted' AND "
            + MAY_READ + " ORDER BY a.done_at DESC, a.id DESC LIMIT :limit")
        .bind("me", me).bind("limit", limit).map((rs, ctx) -> row(rs)).list();
  }

  private static Ask.Row row(ResultSet rs) throws SQLException {
    Ask a = new Ask(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
        rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), Optional.ofNullable(rs.getString(12)).orElse(""),
        rs.getLong(18));
    return new Ask.Row(a, rs.getString(13), new Ask.Person(a.askerId(), rs.getString(14), rs.getString(15)),
        new Ask.Person(a.assigneeId(), rs.getString(16), rs.getString(17)));
  }
}
