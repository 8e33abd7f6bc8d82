package dev.longhand.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.ReplyAdded;
import dev.longhand.event.ThreadPosted;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.store.OutboxDispatcher;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Writes threads and replies the way the thread feature does (the rows and their outbox events in
 * one transaction), for search tests that run before the thread API exists on this branch.
 * Events get ids from node 1, posts from node 2, so nothing clashes with the server's node 0.
 */
final class Posts {
  private static final Clock CLOCK = Clock.systemUTC();
  private final Database db;
  private final Outbox outbox = new Outbox(new Ids(CLOCK, 1), CLOCK, new ObjectMapper());
  private final Ids ids = new Ids(CLOCK, 2);

  Posts(Database db) {
    this.db = db;
  }

  long thread(String workspaceId, String spaceId, String authorId, String title, String body) {
    return thread(workspaceId, spaceId, authorId, title, body, CLOCK.instant());
  }

  /** A thread written at {@code at}, for searches by date. */
  long thread(String workspaceId, String spaceId, String authorId, String title, String body, java.time.Instant at) {
    long id = ids.next();
    long ws = Long.parseLong(workspaceId);
    long space = Long.parseLong(spaceId);
    long author = Long.parseLong(authorId);
    long now = at.toEpochMilli();
    db.writeAll(h -> {
      h.execute("""
          INSERT INTO threads (id, workspace_id, space_id, author_id, title, body, created_at, last_activity_at, reply_count)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)""", id, ws, space, author, title, body, now, now);
      outbox.append(h, ws, new ThreadPosted(id, space, author));
    });
    return id;
  }

  long reply(long threadId, String authorId, String body) {
    long id = ids.next();
    long author = Long.parseLong(authorId);
    long now = CLOCK.millis();
    db.writeAll(h -> {
      var t = h.createQuery("SELECT workspace_id, space_id FROM threads WHERE id = ?").bind(0, threadId).mapToMap().one();
      long ws = ((Number) t.get("workspace_id")).longValue();
      long space = ((Number) t.get("space_id")).longValue();
      h.execute("INSERT INTO replies (id, workspace_id, space_id, thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          id, ws, space, threadId, author, body, now);
      h.execute("UPDATE threads SET reply_count = reply_count + 1, last_activity_at = ? WHERE id = ?", now, threadId);
      outbox.append(h, ws, new ReplyAdded(threadId, id, space, author));
    });
    return id;
  }

  /** Waits until every consumer, the search indexer among them, has handled every event so far. */
  static void indexed(OutboxDispatcher dispatcher) {
    dispatcher.wake();
    try {
      assertThat(dispatcher.awaitIdle(20, TimeUnit.SECONDS)).as("outbox consumers caught up").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
