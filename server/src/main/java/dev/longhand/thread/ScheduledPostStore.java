package dev.longhand.thread;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for scheduled posts: written now, posted at their time, or kept with the reason they could not be. */
final class ScheduledPostStore {
  /** A scheduled post still waiting to be posted: what to post, by whom, where. */
  record Due(long authorId, long spaceId, long threadId, String title, String body) {}

  void insert(Handle h, long id, long authorId, long spaceId, long threadId, String title, String body, long sendAt, long createdAt) {
    h.createUpdate("INSERT INTO scheduled_posts (id, author_id, space_id, thread_id, title, body, send_at, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(0, id).bind(1, authorId).bind(2, spaceId).bind(3, threadId).bind(4, title).bind(5, body)
        .bind(6, sendAt).bind(7, createdAt).execute();
  }

  List<ScheduledPosts.Scheduled> of(Handle h, long authorId) {
    return h.createQuery("SELECT id, space_id, thread_id, title, body, send_at, posted_id, failure "
            + "FROM scheduled_posts WHERE author_id = ? ORDER BY (CASE WHEN posted_id IS NULL AND failure IS NULL THEN 0 ELSE 1 END), "
            + "send_at LIMIT 100")
        .bind(0, authorId)
        .map((rs, ctx) -> {
          long posted = rs.getLong("posted_id");
          Optional<Long> postedId = rs.wasNull() ? Optional.empty() : Optional.of(posted);
          return new ScheduledPosts.Scheduled(rs.getLong("id"), rs.getLong("space_id"), rs.getLong("thread_id"), rs.getString("title"),
              rs.getString("body"), rs.getLong("send_at"), postedId, Optional.ofNullable(rs.getString("failure")));
        }).list();
  }

  /** Deletes the author's post if it is not posted yet; false when there is no such post. */
  boolean deletePending(Handle h, long id, long authorId) {
    return h.createUpdate("DELETE FROM scheduled_posts WHERE id = ? AND author_id = ? AND posted_id IS NULL")
        .bind(0, id).bind(1, authorId).execute() > 0;
  }

  Optional<Due> due(Handle h, long id) {
    return h.createQuery("SELECT author_id, space_id, thread_id, title, body FROM scheduled_posts WHERE id = ? "
            + "AND posted_id IS NULL AND failure IS NULL")
        .bind(0, id)
        .map((rs, ctx) -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5))).findOne();
  }

  void failed(Handle h, long id, String failure) {
    h.createUpdate("UPDATE scheduled_posts SET failure = ? WHERE id = ?")
        .bind(0, failure).bind(1, id).execute();
  }

  void posted(Handle h, long id, long postedId) {
    h.createUpdate("UPDATE scheduled_posts SET posted_id = ? WHERE id = ?").bind(0, postedId).bind(1, id).execute();
  }
}
