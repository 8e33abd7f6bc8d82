package dev.longhand.thread;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for the thread sections of a digest, each filtered in the query to the spaces the person may read. */
final class ThreadDigestStore {
  /** Spaces the person may read: members of the space, or non-guests of its workspace when it is public. */
  private static final String READABLE = """
      (EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = t.space_id AND sm.account_id = :me)
       OR (s.visibility = 'public' AND EXISTS (SELECT 1 FROM workspace_members wm
           WHERE wm.workspace_id = t.workspace_id AND wm.account_id = :me AND wm.role <> 'guest')))""";

  /** A thread started in the period, with its author's and space's names. */
  record NewThread(long id, String title, String author, String space) {}

  /** A followed thread and how many replies others wrote to it in the period. */
  record Replied(long id, String title, int replies) {}

  List<NewThread> newThreads(Handle h, long me, long since, long now) {
    return h.createQuery("SELECT t.id, t.title, a.name, s.name FROM threads t JOIN spaces s ON s.id = t.space_id "
            + "JOIN accounts a ON a.id = t.author_id WHERE t.deleted_at IS NULL AND t.created_at > :since AND t.created_at <= :now "
            + "AND t.author_id <> :me AND " + READABLE + " ORDER BY t.created_at LIMIT 30")
        .bind("since", since).bind("now", now).bind("me", me)
        .map((rs, ctx) -> new NewThread(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  /** Threads one started, replied to or was mentioned in. */
  List<Replied> repliesToFollowedThreads(Handle h, long me, long since, long now) {
    return h.createQuery("SELECT t.id, t.title, COUNT(*) AS n, MAX(r.created_at) AS latest FROM replies r "
            + "JOIN threads t ON t.id = r.thread_id JOIN spaces s ON s.id = t.space_id "
            + "WHERE r.deleted_at IS NULL AND t.deleted_at IS NULL AND r.created_at > :since AND r.created_at <= :now AND r.author_id <> :me "
            + "AND (t.author_id = :me OR EXISTS (SELECT 1 FROM replies mine WHERE mine.thread_id = t.id AND mine.author_id = :me) "
            + "OR EXISTS (SELECT 1 FROM mentions m WHERE m.thread_id = t.id AND m.account_id = :me)) AND " + READABLE
            + " GROUP BY t.id, t.title ORDER BY latest DESC LIMIT 30")
        .bind("since", since).bind("now", now).bind("me", me)
        .map((rs, ctx) -> new Replied(rs.getLong("id"), rs.getString("title"), rs.getInt("n")))
        .list();
  }
}
