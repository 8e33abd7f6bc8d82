package dev.longhand.thread;

import dev.longhand.store.DirectSql;
import dev.longhand.store.InList;
import dev.longhand.store.PageCursor;
import dev.longhand.store.PairValues;
import dev.longhand.store.Pipeline;
import dev.longhand.workspace.Role;
import dev.longhand.workspace.Space;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL for threads, replies, mentions, reactions and acknowledgements. */
final class ThreadStore {
  private static final String THREAD_COLUMNS =
      "t.id, t.workspace_id, t.space_id, t.author_id, t.title, t.body, t.created_at, t.last_activity_at, t.reply_count";

  /** A post's reactions, grouped: which post, which emoji, how many, and whether the reader is one. */
  record PostReaction(long postId, String emoji, int count, boolean mine) {}

  /**
   * A reply as stored: {@code bodyHtml} as rendered by the renderer {@code renderVersion} (0: never), and when it
   * was last edited (0: never).
   */
  record StoredReply(long id, long threadId, Thread.Person author, String body, long createdAt, String bodyHtml,
                     int renderVersion, long editedAt) {}

  /** The opening post's stored HTML, the renderer version that made it, and its last edit (0: never). */
  record Opening(String bodyHtml, int renderVersion, long editedAt) {
    static final Opening UNKNOWN = new Opening(null, 0, 0);
  }

  /** {@code readersVersion}: the space's, read before the readers its opening post reaches (all of them). */
  void insertThread(Pipeline p, Thread t, String bodyHtml, int renderVersion, long readersVersion) {
    p.add("""
        INSERT INTO threads (id, workspace_id, space_id, author_id, title, body, created_at, last_activity_at, reply_count,
                             body_html, render_version, readers_version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""",
        t.id(), t.workspaceId(), t.spaceId(), t.authorId(), t.title(), t.body(), t.createdAt(), t.lastActivityAt(),
        bodyHtml, renderVersion, readersVersion);
  }

  /** A post in the thread reached every reader of its space as of {@code readersVersion} (inbox.InboxService). */
  void reachedReaders(Pipeline p, long threadId, long readersVersion) {
    p.add("UPDATE threads SET readers_version = ? WHERE id = ?", readersVersion, threadId);
  }

  /** Someone changed how they follow the thread: its next post reaches every reader again. */
  void readersChanged(Handle h, long threadId) {
    h.execute("UPDATE threads SET readers_version = -1 WHERE id = ?", threadId);
  }

  Optional<Thread> thread(Handle h, long id) {
    return h.createQuery("SELECT " + THREAD_COLUMNS + " FROM threads t WHERE t.id = ? AND t.deleted_at IS NULL")
        .bind(0, id).map((rs, ctx) -> thread(rs)).findOne();
  }

  /**
   * Read only by {@link #locateAll}, for the reply batch: {@code slowModeSeconds}, the thread's slow mode (0: off);
   * {@code readers}, how its space's readers stand against those its posts last all reached.
   */
  record Located(Thread thread, Space space, Role role, boolean member, Opening opening, long slowModeSeconds, Readers readers) {
    Located(Thread thread, Space space, Role role, boolean member, Opening opening) {
      this(thread, space, role, member, opening, 0, Readers.UNKNOWN);
    }

    Located(Thread thread, Space space, Role role, boolean member) {
      this(thread, space, role, member, Opening.UNKNOWN, 0, Readers.UNKNOWN);
    }
  }

  /**
   * The space's readers version ({@code spaces.readers_version}) and whether the thread's posts have all reached the
   * readers of that version: if not, the next post offers an inbox row to every reader (inbox.InboxService).
   */
  record Readers(long version, boolean allReached) {
    static final Readers UNKNOWN = new Readers(0, false);
  }

  /**
   * A thread with its space and the person's standing there, in one query: the access check on
   * every read and write of a thread, so it is kept to a single round trip.
   */
  Optional<Located> locate(Handle h, long accountId, long threadId) {
    return h.createQuery("SELECT " + THREAD_COLUMNS + """
            , s.name, s.visibility, s.created_at, m.role,
              (SELECT COUNT(*) FROM space_members sm WHERE sm.space_id = t.space_id AND sm.account_id = :me),
              t.body_html, t.render_version, t.edited_at
            FROM threads t
            JOIN spaces s ON s.id = t.space_id
            JOIN workspace_members m ON m.workspace_id = t.workspace_id AND m.account_id = :me
            WHERE t.id = :thread AND t.deleted_at IS NULL""")
        .bind("me", accountId).bind("thread", threadId)
        .map((rs, ctx) -> {
          Thread t = thread(rs);
          Space space = new Space(t.spaceId(), t.workspaceId(), rs.getString(10), rs.getString(11), rs.getLong(12));
          return new Located(t, space, Role.of(rs.getString(13)), rs.getInt(14) > 0,
              new Opening(rs.getString(15), rs.getInt(16), rs.getLong(17)));
        })
        .findOne();
  }

  /** A person and a thread they want to reach. */
  record Reach(long accountId, long threadId) {}

  /** {@link #locate} for many at once: the ones found, by person and thread. */
  Map<Reach, Located> locateAll(Handle h, Collection<Reach> wanted) {
    if (wanted.isEmpty()) return Map.of();
    return byReach(PairValues.query(h, LOCATE_ALL_BEFORE, LOCATE_ALL_AFTER, wanted, Reach::accountId, Reach::threadId,
        ThreadStore::located));
  }

  /** {@link #locateAll}, queued on the pipeline to go with its next flush; at least one wanted. */
  Pipeline.Answer<Map.Entry<Reach, Located>> locateAll(Pipeline p, Collection<Reach> wanted) {
    return PairValues.query(p, LOCATE_ALL_BEFORE, LOCATE_ALL_AFTER, wanted, Reach::accountId, Reach::threadId, ThreadStore::located);
  }

  /** {@link #locateAll}'s rows by person and thread. */
  static Map<Reach, Located> byReach(List<Map.Entry<Reach, Located>> rows) {
    Map<Reach, Located> found = new HashMap<>();
    rows.forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }

  private static final String LOCATE_ALL_BEFORE = "SELECT " + THREAD_COLUMNS + """
      , s.name, s.visibility, s.created_at, m.role,
        (SELECT COUNT(*) FROM space_members sm WHERE sm.space_id = t.space_id AND sm.account_id = r.column1), r.column1,
        t.slow_mode_seconds, s.readers_version, t.readers_version
      FROM (""";
  private static final String LOCATE_ALL_AFTER = """
      ) AS r
      JOIN threads t ON t.id = r.column2 AND t.deleted_at IS NULL
      JOIN spaces s ON s.id = t.space_id
      JOIN workspace_members m ON m.workspace_id = t.workspace_id AND m.account_id = r.column1""";

  private static Map.Entry<Reach, Located> located(ResultSet rs) throws SQLException {
    Thread t = thread(rs);
    Space space = new Space(t.spaceId(), t.workspaceId(), rs.getString(10), rs.getString(11), rs.getLong(12));
    return Map.entry(new Reach(rs.getLong(15), t.id()), new Located(t, space, Role.of(rs.getString(13)), rs.getInt(14) > 0,
        Opening.UNKNOWN, rs.getLong(16), new Readers(rs.getLong(17), rs.getLong(17) == rs.getLong(18))));
  }

  /** A thread's slow mode in seconds (0: off). */
  long slowMode(Handle h, long threadId) {
    return h.createQuery("SELECT slow_mode_seconds FROM threads WHERE id = ?").bind(0, threadId).mapTo(Long.class).findOne().orElse(0L);
  }

  void setSlowMode(Handle h, long threadId, long seconds) {
    h.createUpdate("UPDATE threads SET slow_mode_seconds = ? WHERE id = ?").bind(0, seconds).bind(1, threadId).execute();
  }

  /** When each person last replied in each thread (only pairs with a reply), in one query: slow mode's check in a batch. */
  Map<Reach, Long> lastReplies(Handle h, Collection<Reach> wanted) {
    if (wanted.isEmpty()) return Map.of();
    Map<Reach, Long> found = new HashMap<>();
    PairValues.query(h, "SELECT w.column1, w.column2, MAX(x.created_at) FROM (", """
            ) AS w JOIN replies x ON x.thread_id = w.column2 AND x.author_id = w.column1 AND x.deleted_at IS NULL
            GROUP BY w.column1, w.column2""", wanted, Reach::accountId, Reach::threadId,
            rs -> Map.entry(new Reach(rs.getLong(1), rs.getLong(2)), rs.getLong(3)))
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }

  /** Threads of a space, newest activity first, strictly before the cursor (activity, id). */
  List<Thread.Summary> summaries(Handle h, long spaceId, PageCursor before, int limit) {
    return h.createQuery("""
            SELECT t.id, t.title, t.created_at, t.last_activity_at, t.reply_count, a.id, a.name, a.handle, r.outcome
            FROM threads t JOIN accounts a ON a.id = t.author_id LEFT JOIN thread_resolutions r ON r.thread_id = t.id
            WHERE t.space_id = :space AND t.deleted_at IS NULL
              AND (t.last_activity_at < :activity OR (t.last_activity_at = :activity AND t.id < :id))
            ORDER BY t.last_activity_at DESC, t.id DESC LIMIT :limit""")
        .bind("space", spaceId).bind("activity", before.at()).bind("id", before.id()).bind("limit", limit)
        .map((rs, ctx) -> new Thread.Summary(rs.getLong(1), rs.getString(2),
            new Thread.Person(rs.getLong(6), rs.getString(7), rs.getString(8)), rs.getLong(3), rs.getLong(4), rs.getInt(5),
            rs.getString(9) == null ? "" : rs.getString(9)))
        .list();
  }

  /** Queues a reply; the replies of one pipeline go in one multi-row statement. */
  void insertReply(Pipeline p, long id, Thread t, long authorId, String body, String bodyHtml, int renderVersion, long now) {
    p.addRow("INSERT INTO replies (id, workspace_id, space_id, thread_id, author_id, body, created_at, body_html, render_version)",
        "(?, ?, ?, ?, ?, ?, ?, ?, ?)", "", id, t.workspaceId(), t.spaceId(), t.id(), authorId, body, now, bodyHtml, renderVersion);
  }

  /**
   * Counts replies ({@code counts}: thread id to replies, in lock order) in one statement, queued to go first with the
   * pipeline's next flush: taking the threads' row locks also orders concurrent replies to one thread. Answers each
   * thread's posts afterwards, from which its replies are numbered.
   */
  Pipeline.Answer<Map.Entry<Long, Integer>> countReplies(Pipeline p, Map<Long, Integer> counts, long now) {
    StringBuilder sql = new StringBuilder("UPDATE threads SET reply_count = reply_count + v.column2, posts = posts + v.column2, "
        + "last_activity_at = v.column3 FROM (VALUES ");
    List<Object> args = new ArrayList<>();
    for (Map.Entry<Long, Integer> e : counts.entrySet()) {
      sql.append(args.isEmpty() ? "" : ", ").append("(?, ?, ?)");
      args.add(e.getKey());
      args.add(e.getValue());
      args.add(now);
    }
    sql.append(") AS v WHERE threads.id = v.column1 RETURNING threads.id, threads.posts");
    return p.query(sql.toString(), rs -> Map.entry(rs.getLong(1), rs.getInt(2)), args.toArray());
  }

  private static final String REPLY_COLUMNS =
      "r.id, r.thread_id, r.body, r.created_at, a.id, a.name, a.handle, r.body_html, r.render_version, r.edited_at";

  /**
   * The thread's replies after {@code afterId} (0: from the first), oldest first, at most {@code limit}. Ordered by
   * (thread, id), the key of replies_by_thread, though the thread is one: ordered by id alone, PostgreSQL with
   * statistics (a few busy threads) walked the whole table in id order looking for the thread's rows, 43 ms a page of
   * a 5,000-reply thread among 100,000 replies against 2.
   */
  List<StoredReply> repliesAfter(Handle h, long threadId, long afterId, int limit) {
    return h.createQuery("SELECT " + REPLY_COLUMNS + """
             FROM replies r JOIN accounts a ON a.id = r.author_id
            WHERE r.thread_id = ? AND r.id > ? AND r.deleted_at IS NULL ORDER BY r.thread_id, r.id LIMIT ?""")
        .bind(0, threadId).bind(1, afterId).bind(2, limit).map((rs, ctx) -> reply(rs)).list();
  }

  /** The thread's replies before {@code beforeId}, newest first, at most {@code limit} (ordered as {@link #repliesAfter}). */
  List<StoredReply> repliesBefore(Handle h, long threadId, long beforeId, int limit) {
    return h.createQuery("SELECT " + REPLY_COLUMNS + """
             FROM replies r JOIN accounts a ON a.id = r.author_id
            WHERE r.thread_id = ? AND r.id < ? AND r.deleted_at IS NULL ORDER BY r.thread_id DESC, r.id DESC LIMIT ?""")
        .bind(0, threadId).bind(1, beforeId).bind(2, limit).map((rs, ctx) -> reply(rs)).list();
  }

  /** Whether the thread has a reply before ({@code older}) or after the given one. */
  /** Whether {@code replyId} is a reply of the thread, not deleted: a lookup by key, whatever the planner knows. */
  boolean isReply(Handle h, long threadId, long replyId) {
    return h.createQuery("SELECT 1 FROM replies WHERE id = ? AND thread_id = ? AND deleted_at IS NULL")
        .bind(0, replyId).bind(1, threadId).mapTo(Integer.class).findOne().isPresent();
  }

  boolean hasReplyBeyond(Handle h, long threadId, long replyId, boolean older) {
    return h.createQuery("SELECT 1 FROM replies WHERE thread_id = ? AND id " + (older ? "<" : ">")
            + " ? AND deleted_at IS NULL LIMIT 1")
        .bind(0, threadId).bind(1, replyId).mapTo(Integer.class).findOne().isPresent();
  }

  /**
   * The id of the {@code n}th newest reply that someone other than {@code accountId} wrote: where a reader with
   * {@code n} unread posts starts reading. Empty when there are fewer.
   */
  Optional<Long> nthNewestReplyNotBy(Handle h, long threadId, long accountId, int n) {
    return h.createQuery("""
            SELECT id FROM replies WHERE thread_id = ? AND author_id <> ? AND deleted_at IS NULL
            ORDER BY thread_id DESC, id DESC LIMIT 1 OFFSET ?""")
        .bind(0, threadId).bind(1, accountId).bind(2, n - 1).mapTo(Long.class).findOne();
  }

  Optional<StoredReply> reply(Handle h, long threadId, long replyId) {
    return h.createQuery("SELECT " + REPLY_COLUMNS + """
             FROM replies r JOIN accounts a ON a.id = r.author_id
            WHERE r.id = ? AND r.thread_id = ? AND r.deleted_at IS NULL""")
        .bind(0, replyId).bind(1, threadId).map((rs, ctx) -> reply(rs)).findOne();
  }

  boolean isPostOf(Handle h, long threadId, long postId) {
    return postId == threadId || h.createQuery("SELECT 1 FROM replies WHERE id = ? AND thread_id = ? AND deleted_at IS NULL")
        .bind(0, postId).bind(1, threadId).mapTo(Integer.class).findOne().isPresent();
  }

  Thread.Person person(Handle h, long accountId) {
    return h.createQuery("SELECT id, name, handle FROM accounts WHERE id = ?").bind(0, accountId)
        .map((rs, ctx) -> new Thread.Person(rs.getLong(1), rs.getString(2), rs.getString(3))).one();
  }

  String workspaceName(Handle h, long workspaceId) {
    return h.createQuery("SELECT name FROM workspaces WHERE id = ?").bind(0, workspaceId).mapTo(String.class).one();
  }

  /** Handles of a workspace's members: the ones that render as mentions. */
  Set<String> memberHandles(Handle h, long workspaceId) {
    return h.createQuery("""
            SELECT a.handle FROM workspace_members m JOIN accounts a ON a.id = m.account_id WHERE m.workspace_id = ?""")
        .bind(0, workspaceId).mapTo(String.class).set();
  }

  /** Queues a post's mentions; those of one pipeline go in one multi-row statement. */
  void insertMentions(Pipeline p, long postId, Thread t, Collection<Long> accountIds, long now) {
    if (accountIds.isEmpty()) return;
    for (long account : accountIds.stream().sorted().toList()) {
      p.addRow("INSERT INTO mentions (post_id, account_id, thread_id, workspace_id, created_at)", "(?, ?, ?, ?, ?)",
          "ON CONFLICT (post_id, account_id) DO NOTHING", postId, account, t.id(), t.workspaceId(), now);
    }
  }

  /** The reactions of these posts of a thread (a page of replies, perhaps with the opening post), on the primary key. */
  List<PostReaction> reactions(Handle h, long threadId, long viewerId, Collection<Long> postIds) {
    if (postIds.isEmpty()) return List.of();
    return h.createQuery("""
            SELECT post_id, emoji, COUNT(*), SUM(CASE WHEN account_id = :me THEN 1 ELSE 0 END), MIN(created_at)
            FROM reactions WHERE post_id IN (<posts>) AND thread_id = :thread
            GROUP BY post_id, emoji ORDER BY MIN(created_at), emoji""")
        .bind("me", viewerId).bind("thread", threadId).bindList("posts", InList.of(postIds))
        .map((rs, ctx) -> new PostReaction(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4) > 0)).list();
  }

  boolean addReaction(Handle h, Thread t, long postId, long accountId, String emoji, long now) {
    return h.createUpdate("""
            INSERT INTO reactions (post_id, account_id, emoji, thread_id, workspace_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (post_id, account_id, emoji) DO NOTHING""")
        .bind(0, postId).bind(1, accountId).bind(2, emoji).bind(3, t.id()).bind(4, t.workspaceId()).bind(5, now)
        .execute() > 0;
  }

  boolean removeReaction(Handle h, long threadId, long postId, long accountId, String emoji) {
    return h.createUpdate("DELETE FROM reactions WHERE post_id = ? AND account_id = ? AND emoji = ? AND thread_id = ?")
        .bind(0, postId).bind(1, accountId).bind(2, emoji).bind(3, threadId).execute() > 0;
  }

  boolean acknowledge(Handle h, Thread t, long accountId, long now) {
    return h.createUpdate("""
            INSERT INTO acknowledgements (thread_id, account_id, workspace_id, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (thread_id, account_id) DO NOTHING""")
        .bind(0, t.id()).bind(1, accountId).bind(2, t.workspaceId()).bind(3, now).execute() > 0;
  }

  List<Thread.Acknowledgement> acknowledgements(Handle h, long threadId) {
    return h.createQuery("""
            SELECT a.id, a.name, a.handle, k.created_at FROM acknowledgements k JOIN accounts a ON a.id = k.account_id
            WHERE k.thread_id = ? ORDER BY k.created_at, a.id""")
        .bind(0, threadId)
        .map((rs, ctx) -> new Thread.Acknowledgement(new Thread.Person(rs.getLong(1), rs.getString(2), rs.getString(3)), rs.getLong(4)))
        .list();
  }

  static List<Thread.ReactionCount> countsFor(long postId, List<PostReaction> all) {
    List<Thread.ReactionCount> out = new ArrayList<>();
    for (PostReaction r : all) {
      if (r.postId() == postId) out.add(new Thread.ReactionCount(r.emoji(), Reactions.name(r.emoji()), r.count(), r.mine()));
    }
    return out;
  }

  private static Thread thread(ResultSet rs) throws SQLException {
    return new Thread(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6),
        rs.getLong(7), rs.getLong(8), rs.getInt(9));
  }

  private static StoredReply reply(ResultSet rs) throws SQLException {
    return new StoredReply(rs.getLong(1), rs.getLong(2), new Thread.Person(rs.getLong(5), rs.getString(6), rs.getString(7)),
        rs.getString(3), rs.getLong(4), rs.getString(8), rs.getInt(9), rs.getLong(10));
  }
}
