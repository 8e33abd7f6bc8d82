package dev.longhand.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Turns what happened into {@code direct} notifications, after the write committed (a durable
 * outbox consumer, so the reply path stays fast): mentions, replies to one's thread,
 * acknowledgements of one's post. Gives people who join a workspace their digest schedule.
 * Replayed events are recognised by their id and notify nobody twice.
 */
public final class NotificationProducer implements OutboxConsumer {
  private final Database db;
  private final ObjectMapper json;
  private final NotificationService notifications;
  private final Digests digests;

  public NotificationProducer(Database db, ObjectMapper json, NotificationService notifications, Digests digests) {
    this.db = db;
    this.json = json;
    this.notifications = notifications;
    this.digests = digests;
  }

  @Override
  public String name() {
    return "notifications";
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    List<OutboxEvent> relevant = events.stream().filter(e -> switch (e.kind()) {
      case "ThreadPosted", "ReplyAdded", "ThreadAcknowledged", "MemberJoined", "WorkspaceCreated" -> true;
      default -> false;
    }).toList();
    if (relevant.isEmpty()) return;
    db.writeAll(h -> {
      for (OutboxEvent e : relevant) handle(h, e, payload(e));
    });
  }

  private JsonNode payload(OutboxEvent e) {
    try {
      return json.readTree(e.payload());
    } catch (java.io.IOException bad) {
      return json.createObjectNode(); // unreadable: skipped like any event missing its fields
    }
  }

  /** An event without what it needs (older or foreign) is skipped: one odd event must never stop notifications. */
  private void handle(Handle h, OutboxEvent e, JsonNode p) {
    long thread = p.path("threadId").asLong(0);
    switch (e.kind()) {
      case "ThreadPosted" -> {
        if (thread != 0 && p.has("authorId")) posted(h, e, thread, thread, p.path("authorId").asLong(), false);
      }
      case "ReplyAdded" -> {
        if (thread != 0 && p.has("replyId") && p.has("authorId")) {
          posted(h, e, thread, p.path("replyId").asLong(), p.path("authorId").asLong(), true);
        }
      }
      case "ThreadAcknowledged" -> {
        if (thread != 0 && p.has("accountId")) acknowledged(h, e, thread, p.path("accountId").asLong());
      }
      case "MemberJoined" -> {
        if (p.has("accountId")) scheduleDigest(h, p.path("accountId").asLong());
      }
      case "WorkspaceCreated" -> {
        if (p.has("ownerId")) scheduleDigest(h, p.path("ownerId").asLong());
      }
      default -> { }
    }
  }

  private void scheduleDigest(Handle h, long accountId) {
    boolean scheduled = h.createQuery("SELECT COUNT(*) FROM delivery_policies WHERE account_id = ? AND next_digest_at IS NOT NULL")
        .bind(0, accountId).mapTo(Integer.class).one() > 0;
    if (!scheduled) digests.reschedule(h, accountId);
  }

  private void posted(Handle h, OutboxEvent e, long threadId, long postId, long authorId, boolean reply) {
    var thread = h.createQuery("SELECT t.title, t.author_id, a.name FROM threads t, accounts a WHERE t.id = ? AND a.id = ?")
        .bind(0, threadId).bind(1, authorId)
        .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3)}).findOne();
    if (thread.isEmpty()) return;
    String title = (String) thread.get()[0];
    long threadAuthor = (Long) thread.get()[1];
    String who = (String) thread.get()[2];
    Set<Long> told = new HashSet<>();
    List<Long> mentioned = h.createQuery("SELECT account_id FROM mentions WHERE post_id = ?").bind(0, postId).mapTo(Long.class).list();
    for (long person : mentioned) {
      if (person == authorId || !told.add(person)) continue;
      notifications.notify(h, new Notice(person, e.workspaceId(), Level.DIRECT, "mention", threadId, authorId,
          who + " mentioned you in “" + title + "”", ""), e.id());
    }
    if (reply && threadAuthor != authorId && told.add(threadAuthor)) {
      notifications.notify(h, new Notice(threadAuthor, e.workspaceId(), Level.DIRECT, "reply", threadId, authorId,
          who + " replied to your thread “" + title + "”", ""), e.id());
    }
  }

  private void acknowledged(Handle h, OutboxEvent e, long threadId, long accountId) {
    var thread = h.createQuery("SELECT t.title, t.author_id, a.name FROM threads t, accounts a WHERE t.id = ? AND a.id = ?")
        .bind(0, threadId).bind(1, accountId)
        .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3)}).findOne();
    if (thread.isEmpty() || (Long) thread.get()[1] == accountId) return;
    notifications.notify(h, new Notice((Long) thread.get()[1], e.workspaceId(), Level.DIRECT, "acknowledged", threadId, accountId,
        thread.get()[2] + " acknowledged your thread “" + thread.get()[0] + "”", ""), e.id());
  }
}
