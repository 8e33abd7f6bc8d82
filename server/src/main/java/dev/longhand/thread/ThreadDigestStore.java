package dev.longhand.thread;

import dev.longhand.store.InList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the thread sections of a digest, each filtered in the query to the spaces the person may read and to the
 * threads they have not muted (follow and mute, {@link Subscriptions}).
 */
final class ThreadDigestStore {
  /** Spaces the person may read: members of the space, or non-guests of its workspace when it is public. */
  private static final String READABLE = """
      (EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = t.space_id AND sm.account_id = :me)
       OR (s.visibility = 'public' AND EXISTS (SELECT 1 FROM workspace_members wm
           WHERE wm.workspace_id = t.workspace_id AND wm.account_id = :me AND wm.role <> 'guest')))""";

  /**
   * The person's level for thread {@code t} ({@link Subscriptions}): the thread's own row, else its space's, else
   * normal. Two primary-key probes.
   */
  private static final String LEVEL = """
      COALESCE((SELECT sub.level FROM subscriptions sub WHERE sub.account_id = :me AND sub.space_id = 0 AND sub.thread_id = t.id),
               (SELECT sub.level FROM subscriptions sub WHERE sub.account_id = :me AND sub.space_id = t.space_id AND sub.thread_id = 0),
               'normal')""";

  /** A thread started in the period, with its author's and space's names, its opening post and when. */
  record NewThread(long id, String title, String author, String space, String body, long at) {}

  /** A followed thread, its space, and how many replies others wrote to it in the period. */
  record Replied(long id, String title, String space, int replies) {}

  /** A reply of the period in a followed thread: who wrote it, when, what. */
  record Reply(long threadId, long id, String author, String body, long at) {}

  /** Whether any thread was started in {@code (since, now]}. */
  boolean anyThreadBetween(Handle h, long since, long now) {
    return h.createQuery("SELECT 1 FROM threads WHERE created_at > ? AND created_at <= ? AND deleted_at IS NULL LIMIT 1")
        .bind(0, since).bind(1, now).mapTo(Integer.class).findOne().isPresent();
  }

  /** Whether any reply was written in {@code (since, now]}. */
  boolean anyReplyBetween(Handle h, long since, long now) {
    return h.createQuery("SELECT 1 FROM replies WHERE created_at > ? AND created_at <= ? AND deleted_at IS NULL LIMIT 1")
        .bind(0, since).bind(1, now).mapTo(Integer.class).findOne().isPresent();
  }

  /** New threads a digest shows at most. */
  static final int NEW_THREADS_SHOWN = 30;

  /** A new thread one of a batch's people may see, not started by them and not muted. */
  record Seen(long person, NewThread thread) {}

  /**
   * For each of {@code people}, the threads started in {@code (since, now]} that {@link #newThreads} would give
   * them, oldest first: the same rules ({@link #READABLE}, {@link #LEVEL}) with the person a column rather than a
   * parameter, read once for the batch. A space member is a member of its workspace, so the workspace's members
   * stand for everyone who could see a thread.
   */
  List<Seen> newThreadsFor(Handle h, Collection<Long> people, long since, long now) {
    if (people.isEmpty()) return List.of();
    String readable = READABLE.replace(":me", "m.account_id");
    String level = LEVEL.replace(":me", "m.account_id");
    return h.createQuery("SELECT m.account_id, t.id, t.title, a.name, s.name, t.body, t.created_at FROM threads t "
            + "JOIN spaces s ON s.id = t.space_id JOIN accounts a ON a.id = t.author_id "
            + "JOIN workspace_members m ON m.workspace_id = t.workspace_id AND m.account_id IN (<people>) "
            + "WHERE t.deleted_at IS NULL AND t.created_at > :since AND t.created_at <= :now AND t.author_id <> m.account_id "
            + "AND " + readable + " AND " + level + " <> 'mute' ORDER BY m.account_id, t.created_at, t.id")
        .bindList("people", InList.of(people)).bind("since", since).bind("now", now)
        .map((rs, ctx) -> new Seen(rs.getLong(1), new NewThread(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getLong(7))))
        .list();
  }

  List<NewThread> newThreads(Handle h, long me, long since, long now) {
    return h.createQuery("SELECT t.id, t.title, a.name, s.name, t.body, t.created_at FROM threads t JOIN spaces s ON s.id = t.space_id "
            + "JOIN accounts a ON a.id = t.author_id WHERE t.deleted_at IS NULL AND t.created_at > :since AND t.created_at <= :now "
            + "AND t.author_id <> :me AND " + READABLE + " AND " + LEVEL + " <> 'mute' ORDER BY t.created_at LIMIT " + NEW_THREADS_SHOWN)
        .bind("since", since).bind("now", now).bind("me", me)
        .map((rs, ctx) -> new NewThread(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6)))
        .list();
  }

  /**
   * Threads one follows (the thread, or its space, without the thread's own level saying otherwise), started, replied
   * to or was mentioned in, with replies by others in the period; latest first. A muted thread is left out whatever
   * one did in it.
   */
  List<Replied> repliesToFollowedThreads(Handle h, long me, long since, long now) {
    return h.createQuery("SELECT t.id, t.title, s.name AS space, COUNT(*) AS n, MAX(r.created_at) AS latest FROM replies r "
            + "JOIN threads t ON t.id = r.thread_id JOIN spaces s ON s.id = t.space_id "
            + "WHERE r.deleted_at IS NULL AND t.deleted_at IS NULL AND r.created_at > :since AND r.created_at <= :now AND r.author_id <> :me "
            + "AND (" + LEVEL + " = 'follow' OR t.author_id = :me "
            + "OR EXISTS (SELECT 1 FROM replies mine WHERE mine.thread_id = t.id AND mine.author_id = :me) "
            + "OR EXISTS (SELECT 1 FROM mentions m WHERE m.thread_id = t.id AND m.account_id = :me)) AND " + LEVEL + " <> 'mute' AND " + READABLE
            + " GROUP BY t.id, t.title, s.name ORDER BY latest DESC LIMIT 30")
        .bind("since", since).bind("now", now).bind("me", me)
        .map((rs, ctx) -> new Replied(rs.getLong("id"), rs.getString("title"), rs.getString("space"), rs.getInt("n")))
        .list();
  }

  /**
   * The replies by others in the period in these threads (already checked readable), newest first, at most
   * {@code limit}: the digest shows the latest few of each thread and names everyone who wrote.
   */
  List<Reply> replies(Handle h, long me, Collection<Long> threadIds, long since, long now, int limit) {
    if (threadIds.isEmpty()) return List.of();
    return h.createQuery("SELECT r.thread_id, r.id, a.name, r.body, r.created_at FROM replies r JOIN accounts a ON a.id = r.author_id "
            + "WHERE r.thread_id IN (<threads>) AND r.deleted_at IS NULL AND r.created_at > :since AND r.created_at <= :now AND r.author_id <> :me "
            + "ORDER BY r.created_at DESC, r.id DESC LIMIT :limit")
        .bindList("threads", InList.of(threadIds)).bind("since", since).bind("now", now).bind("me", me).bind("limit", limit)
        .map((rs, ctx) -> new Reply(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
        .list();
  }
}
