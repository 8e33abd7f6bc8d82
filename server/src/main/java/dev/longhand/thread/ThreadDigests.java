package dev.longhand.thread;

import dev.longhand.notify.DigestSource;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The thread sections of a digest: new threads in spaces one reads, and replies to threads one follows. */
public final class ThreadDigests {
  private ThreadDigests() {}

  /** Spaces the person may read: members of the space, or non-guests of its workspace when it is public. */
  private static final String READABLE = """
      (EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = t.space_id AND sm.account_id = :me)
       OR (s.visibility = 'public' AND EXISTS (SELECT 1 FROM workspace_members wm
           WHERE wm.workspace_id = t.workspace_id AND wm.account_id = :me AND wm.role <> 'guest')))""";

  public static DigestSource newThreads() {
    return new DigestSource() {
      @Override
      public String heading() {
        return "New threads";
      }

      @Override
      public List<Line> linesFor(Handle h, long me, Instant since, Instant now) {
        return h.createQuery("SELECT t.id, t.title, a.name, s.name FROM threads t JOIN spaces s ON s.id = t.space_id "
                + "JOIN accounts a ON a.id = t.author_id WHERE t.created_at > :since AND t.created_at <= :now "
                + "AND t.author_id <> :me AND " + READABLE + " ORDER BY t.created_at LIMIT 30")
            .bind("since", since.toEpochMilli()).bind("now", now.toEpochMilli()).bind("me", me)
            .map((rs, ctx) -> new Line("“" + rs.getString(2) + "” by " + rs.getString(3) + " in " + rs.getString(4),
                "/threads/" + rs.getLong(1)))
            .list();
      }
    };
  }

  /** Threads one started, replied to or was mentioned in. */
  public static DigestSource repliesToFollowedThreads() {
    return new DigestSource() {
      @Override
      public String heading() {
        return "Replies to threads you follow";
      }

      @Override
      public List<Line> linesFor(Handle h, long me, Instant since, Instant now) {
        return h.createQuery("SELECT t.id, t.title, COUNT(*) AS n, MAX(r.created_at) AS latest FROM replies r "
                + "JOIN threads t ON t.id = r.thread_id JOIN spaces s ON s.id = t.space_id "
                + "WHERE r.created_at > :since AND r.created_at <= :now AND r.author_id <> :me "
                + "AND (t.author_id = :me OR EXISTS (SELECT 1 FROM replies mine WHERE mine.thread_id = t.id AND mine.author_id = :me) "
                + "OR EXISTS (SELECT 1 FROM mentions m WHERE m.thread_id = t.id AND m.account_id = :me)) AND " + READABLE
                + " GROUP BY t.id, t.title ORDER BY latest DESC LIMIT 30")
            .bind("since", since.toEpochMilli()).bind("now", now.toEpochMilli()).bind("me", me)
            .map((rs, ctx) -> {
              int n = rs.getInt("n");
              return new Line("“" + rs.getString("title") + "”: " + n + (n == 1 ? " new reply" : " new replies"),
                  "/threads/" + rs.getLong("id"));
            })
            .list();
      }
    };
  }
}
