package dev.longhand.brainstorm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for brainstorms, their ideas and dots. Authors and voters appear only as tags ({@link Tags}). */
final class BrainstormStore {
  private static final String COLUMNS = """
      b.id, b.workspace_id, b.thread_id, b.started_by, b.prompt, b.dots, b.ideas_until, b.votes_until, b.phase,
      b.reply_id, b.created_at, b.tag_key""";

  /** A brainstorm as stored, with its key (null once closed). */
  record Stored(Brainstorm brainstorm, String key) {}

  /** A brainstorm with what its page names: its thread's title and space, and who started it. */
  record Located(Stored stored, long spaceId, String threadTitle, String spaceName, String starterName) {}

  /** An idea as stored: its author's tag (null once closed). */
  record StoredIdea(long id, String authorTag, String body) {}

  void insert(Handle h, Brainstorm b, String key) {
    h.createUpdate("""
            INSERT INTO brainstorms (id, workspace_id, thread_id, started_by, prompt, dots, ideas_until, votes_until, phase,
              tag_key, created_at)
            VALUES (:id, :ws, :thread, :by, :prompt, :dots, :ideas, :votes, :phase, :key, :at)""")
        .bind("id", b.id()).bind("ws", b.workspaceId()).bind("thread", b.threadId()).bind("by", b.startedBy())
        .bind("prompt", b.prompt()).bind("dots", b.dots()).bind("ideas", b.ideasUntil()).bind("votes", b.votesUntil())
        .bind("phase", b.phase().key()).bind("key", key).bind("at", b.createdAt())
        .execute();
  }

  /** The brainstorm with its thread (not deleted), space and starter, for a reader's access check. */
  Optional<Located> locate(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + """
            , t.space_id, t.title, s.name, a.name
            FROM brainstorms b
            JOIN threads t ON t.id = b.thread_id AND t.deleted_at IS NULL
            JOIN spaces s ON s.id = t.space_id
            JOIN accounts a ON a.id = b.started_by
            WHERE b.id = ?""")
        .bind(0, id)
        .map((rs, ctx) -> new Located(stored(rs), rs.getLong(13), rs.getString(14), rs.getString(15), rs.getString(16)))
        .findOne();
  }

  /** The brainstorm alone, for its due work (whether or not its thread is still there). */
  Optional<Stored> stored(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM brainstorms b WHERE b.id = ?").bind(0, id)
        .map((rs, ctx) -> stored(rs)).findOne();
  }

  /**
   * Takes the brainstorm's row for the rest of the transaction (a no-op update: a row lock on PostgreSQL; SQLite has
   * one writer anyway), so one person's dots, the phase checks and the phase moves never interleave.
   */
  void lock(Handle h, long id) {
    h.createUpdate("UPDATE brainstorms SET dots = dots WHERE id = ?").bind(0, id).execute();
  }

  /** A thread's brainstorms, newest first, with how many ideas each has. */
  List<Brainstorm.Line> ofThread(Handle h, long threadId) {
    return h.createQuery("SELECT " + COLUMNS + """
            , (SELECT COUNT(*) FROM brainstorm_ideas i WHERE i.brainstorm_id = b.id)
            FROM brainstorms b WHERE b.thread_id = ? ORDER BY b.id DESC LIMIT 20""")
        .bind(0, threadId)
        .map((rs, ctx) -> new Brainstorm.Line(stored(rs).brainstorm(), rs.getInt(13)))
        .list();
  }

  /** Who has written in the thread: its author and those of its replies still there. */
  List<Long> participants(Handle h, long threadId) {
    return h.createQuery("""
            SELECT author_id FROM threads WHERE id = :t AND deleted_at IS NULL
            UNION SELECT author_id FROM replies WHERE thread_id = :t AND deleted_at IS NULL""")
        .bind("t", threadId).mapTo(Long.class).list();
  }

  List<StoredIdea> ideas(Handle h, long brainstormId) {
    return h.createQuery("SELECT id, author_tag, body FROM brainstorm_ideas WHERE brainstorm_id = ? ORDER BY id")
        .bind(0, brainstormId)
        .map((rs, ctx) -> new StoredIdea(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  int ideasBy(Handle h, long brainstormId, String authorTag) {
    return h.createQuery("SELECT COUNT(*) FROM brainstorm_ideas WHERE brainstorm_id = ? AND author_tag = ?")
        .bind(0, brainstormId).bind(1, authorTag).mapTo(Integer.class).one();
  }

  int ideaCount(Handle h, long brainstormId) {
    return h.createQuery("SELECT COUNT(*) FROM brainstorm_ideas WHERE brainstorm_id = ?")
        .bind(0, brainstormId).mapTo(Integer.class).one();
  }

  boolean hasIdea(Handle h, long brainstormId, long ideaId) {
    return h.createQuery("SELECT COUNT(*) FROM brainstorm_ideas WHERE id = ? AND brainstorm_id = ?")
        .bind(0, ideaId).bind(1, brainstormId).mapTo(Integer.class).one() > 0;
  }

  void insertIdea(Handle h, long id, long workspaceId, long brainstormId, String authorTag, String body) {
    h.createUpdate("INSERT INTO brainstorm_ideas (id, workspace_id, brainstorm_id, author_tag, body) VALUES (?, ?, ?, ?, ?)")
        .bind(0, id).bind(1, workspaceId).bind(2, brainstormId).bind(3, authorTag).bind(4, body).execute();
  }

  /** Deletes the idea if it is this author's; how many rows went (0 or 1). */
  int deleteIdea(Handle h, long brainstormId, long ideaId, String authorTag) {
    return h.createUpdate("DELETE FROM brainstorm_ideas WHERE id = ? AND brainstorm_id = ? AND author_tag = ?")
        .bind(0, ideaId).bind(1, brainstormId).bind(2, authorTag).execute();
  }

  void insertVote(Handle h, long id, long workspaceId, long brainstormId, long ideaId, String voterTag) {
    h.createUpdate("INSERT INTO brainstorm_votes (id, workspace_id, brainstorm_id, idea_id, voter_tag) VALUES (?, ?, ?, ?, ?)")
        .bind(0, id).bind(1, workspaceId).bind(2, brainstormId).bind(3, ideaId).bind(4, voterTag).execute();
  }

  /** One voter's dots, by idea. */
  Map<Long, Integer> dotsOf(Handle h, long brainstormId, String voterTag) {
    return counts(h, "SELECT idea_id, COUNT(*) FROM brainstorm_votes WHERE brainstorm_id = ? AND voter_tag = ? GROUP BY idea_id",
        brainstormId, voterTag);
  }

  /** Everyone's dots, by idea. */
  Map<Long, Integer> tally(Handle h, long brainstormId) {
    return counts(h, "SELECT idea_id, COUNT(*) FROM brainstorm_votes WHERE brainstorm_id = ? GROUP BY idea_id", brainstormId, null);
  }

  /** How many people put dots (counted while the tags are still there). */
  int voters(Handle h, long brainstormId) {
    return h.createQuery("SELECT COUNT(DISTINCT voter_tag) FROM brainstorm_votes WHERE brainstorm_id = ?")
        .bind(0, brainstormId).mapTo(Integer.class).one();
  }

  void moveTo(Handle h, long id, Brainstorm.Phase phase) {
    h.createUpdate("UPDATE brainstorms SET phase = ? WHERE id = ?").bind(0, phase.key()).bind(1, id).execute();
  }

  /** Closes it: the filed reply, and the key and every tag erased, so nothing ties an idea or a dot to anyone. */
  void close(Handle h, long id, Long replyId, long now) {
    h.createUpdate("UPDATE brainstorms SET phase = 'closed', reply_id = ?, closed_at = ?, tag_key = NULL WHERE id = ?")
        .bind(0, replyId).bind(1, now).bind(2, id).execute();
    h.createUpdate("UPDATE brainstorm_ideas SET author_tag = NULL WHERE brainstorm_id = ?").bind(0, id).execute();
    h.createUpdate("UPDATE brainstorm_votes SET voter_tag = NULL WHERE brainstorm_id = ?").bind(0, id).execute();
  }

  private static Map<Long, Integer> counts(Handle h, String sql, long brainstormId, String tag) {
    var q = h.createQuery(sql).bind(0, brainstormId);
    if (tag != null) q.bind(1, tag);
    Map<Long, Integer> out = new HashMap<>();
    q.map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getInt(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    long reply = rs.getLong(10);
    Optional<Long> replyId = rs.wasNull() ? Optional.empty() : Optional.of(reply);
    Brainstorm b = new Brainstorm(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getInt(6),
        rs.getLong(7), rs.getLong(8), Brainstorm.Phase.of(rs.getString(9)), replyId, rs.getLong(11));
    return new Stored(b, rs.getString(12));
  }
}
