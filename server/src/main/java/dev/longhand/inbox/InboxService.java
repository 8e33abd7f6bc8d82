package dev.longhand.inbox;

import dev.longhand.event.ThreadMarkedUnread;
import dev.longhand.event.ThreadRead;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Outbox;
import dev.longhand.store.Pipeline;
import dev.longhand.workspace.WorkspaceService;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Each person's inbox: the threads with something unread for them, and why.
 *
 * <p>The inbox is materialized. Every new thread or reply, in its own write transaction, adds one
 * unread to an {@code inbox_items} row for each reader of the space except its author (one
 * batched upsert), so reading an inbox is one range scan of the index (account, last activity),
 * whatever the number of threads. Read state is the presence of that row per (person, thread):
 * reading a thread deletes it, so fully read threads leave the inbox rather than linger with an
 * unread count of 0; marking a thread unread puts it back with the reason "marked_unread". Posting
 * in a thread reads it for its author, so one's own posts are never unread.
 */
public final class InboxService {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  private final Database db;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final InboxStore store = new InboxStore();

  public InboxService(Database db, Outbox outbox, WorkspaceService workspaces) {
    this.db = db;
    this.outbox = outbox;
    this.workspaces = workspaces;
  }

  /** A post to fan out: which thread, who wrote it, whether it opened the thread, whom it mentions. */
  public record Post(long threadId, long workspaceId, long spaceId, long authorId, long at, boolean opensThread,
                     Set<Long> mentioned) {}

  /** A post and the people it reaches: one fan-out. */
  public record Delivery(Post post, Collection<Long> readers) {}

  /**
   * Records a post as unread for every reader but its author, and marks the thread read for its
   * author: queued on the caller's pipeline, in its write transaction.
   */
  public void deliver(Pipeline p, Post post, Collection<Long> readers) {
    deliver(p, List.of(new Delivery(post, readers)));
  }

  /**
   * Fans out posts written together (a batch of replies) as if written one after the other: for each
   * person and thread, the unreads that came after their own last post there. Queued as one delete (the
   * threads their authors read by posting) and one upsert, each over rows in key order, so concurrent
   * writers lock rows in the same order.
   */
  public void deliver(Pipeline p, List<Delivery> deliveries) {
    Map<InboxStore.Key, InboxStore.Unread> unread = new TreeMap<>();
    Set<InboxStore.Key> readByPosting = new TreeSet<>();
    for (Delivery d : deliveries) {
      Post post = d.post();
      int base = post.opensThread() ? InboxItem.NEW_THREAD : InboxItem.REPLY;
      for (long reader : d.readers()) {
        if (reader == post.authorId()) continue;
        int reasons = post.mentioned().contains(reader) ? base | InboxItem.MENTION : base;
        unread.merge(new InboxStore.Key(reader, post.threadId()),
            new InboxStore.Unread(post.workspaceId(), post.spaceId(), 1, reasons, post.at()), InboxStore.Unread::then);
      }
      if (!post.opensThread()) {
        InboxStore.Key own = new InboxStore.Key(post.authorId(), post.threadId());
        unread.remove(own);
        readByPosting.add(own);
      }
    }
    store.clear(p, readByPosting);
    store.addUnread(p, unread);
  }

  public List<InboxItem> inbox(long accountId, int limit) {
    int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
    return db.read(h -> store.items(h, accountId, bounded, db.dialect() == Database.Dialect.SQLITE));
  }

  /** Marks a thread read: it leaves the inbox. Reading what is already read writes nothing. */
  public void markRead(long accountId, long threadId) {
    InboxStore.Place place = db.read(h -> readable(h, accountId, threadId));
    if (!db.read(h -> store.has(h, accountId, threadId))) return;
    db.writeAll(h -> {
      if (store.clear(h, accountId, threadId)) {
        outbox.append(h, place.workspaceId(), new ThreadRead(threadId, accountId));
      }
    });
  }

  /** How many posts of the thread the person has not read yet, in the caller's read (0 when none). */
  public int unreadCount(Handle h, long accountId, long threadId) {
    return store.unreadCount(h, accountId, threadId);
  }

  /** A thread was deleted: it leaves every inbox, in the caller's transaction. */
  public void threadDeleted(Handle h, long threadId) {
    store.forget(h, threadId);
  }

  /**
   * A thread moved to another space ({@code readers} may read it): in the caller's transaction its rows follow it,
   * and whoever may not read the new space loses theirs.
   */
  public void threadMoved(Handle h, long threadId, long spaceId, Collection<Long> readers) {
    store.moved(h, threadId, spaceId, readers);
  }

  /** Puts a thread back in the inbox, keeping whatever else was unread in it. */
  public void markUnread(long accountId, long threadId) {
    db.writeAll(h -> {
      InboxStore.Place place = readable(h, accountId, threadId);
      store.markUnread(h, accountId, place);
      outbox.append(h, place.workspaceId(), new ThreadMarkedUnread(threadId, accountId));
    });
  }

  private InboxStore.Place readable(Handle h, long accountId, long threadId) {
    return readable(store, workspaces, h, accountId, threadId);
  }

  /** Where a thread is, if this person may read it; 404 otherwise, as for a thread that does not exist. */
  static InboxStore.Place readable(InboxStore store, WorkspaceService workspaces, Handle h, long accountId, long threadId) {
    InboxStore.Place place = store.place(h, threadId).orElseThrow(() -> Problem.notFound("thread"));
    try {
      workspaces.accessSpace(h, accountId, place.spaceId());
    } catch (Problem p) {
      throw p.status() == 404 ? Problem.notFound("thread") : p;
    }
    return place;
  }
}
