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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Each person's inbox: the threads with something unread for them, and why.
 *
 * <p>Unread state does not fan out on write, as Discourse keeps it: a thread counts its posts, and a person has an
 * {@code inbox_items} row for a thread only while something in it is unread for them, saying how many of its posts
 * they had seen when it became so. Their unread count is the thread's posts less those, and the row sorts by the
 * thread's last activity, both read when the inbox is read. Reading a thread deletes the row, so fully read threads
 * leave the inbox rather than linger with an unread count of 0; marking a thread unread puts it back with the reason
 * "marked_unread". Posting in a thread reads it for its author, so one's own posts are never unread. How the inbox is
 * read without sorting every row of someone with thousands unread is {@link InboxStore#items}'s.
 *
 * <p>So a post writes a row only for those of its readers who have none: in a busy thread, a constant number whatever
 * the size of its space. Who they are is known without looking at the rows. Reading a thread (or posting in it) notes
 * the reader as caught up ({@code inbox_catchups}); a post takes its thread's notes and offers a row to those people
 * (and merges its reasons into the rows of those it mentions). That covers everyone while the space's readers stay as
 * they were when a post last reached them all: {@code threads.readers_version} holds the space's
 * {@code readers_version} of then, and the space counts each change to its readers or to how they follow it (someone
 * joins, or unmutes). When the two differ, or the thread moved, the post offers a row to every reader, as an opening
 * post does, and the thread records the version it reached.
 */
public final class InboxService {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  private final Database db;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final InboxStore store = new InboxStore();
  /**
   * Those whose last inbox read here was a walk that filled the page (see {@link InboxStore#items}): only how the next
   * read starts depends on it, never what it finds, so each node keeps its own, and forgets nothing but by reading.
   */
  private final Set<Long> walkers = ConcurrentHashMap.newKeySet();
  private static final int MAX_WALKERS = 100_000;

  public InboxService(Database db, Outbox outbox, WorkspaceService workspaces) {
    this.db = db;
    this.outbox = outbox;
    this.workspaces = workspaces;
  }

  /**
   * A post to deliver: which thread, who wrote it, whether it opened the thread, whom it mentions, and its number
   * among the thread's posts (1 for the opening post; {@code threads.posts} once it is written).
   */
  public record Post(long threadId, long workspaceId, long spaceId, long authorId, boolean opensThread,
                     Set<Long> mentioned, int number) {}

  /**
   * A post and the people it reaches: one delivery. {@code toEveryone}: offer each reader a row, as for a thread's
   * opening post, or when its space's readers (or how they follow it) may have changed since a post last reached
   * them all; otherwise only those who can lack one are offered one (see the class comment).
   */
  public record Delivery(Post post, Collection<Long> readers, boolean toEveryone) {}

  /**
   * Records a thread's opening post as unread for every reader but its author: queued on the caller's pipeline, in
   * its write transaction.
   */
  public void deliver(Pipeline p, Post post, Collection<Long> readers) {
    if (!post.opensThread()) throw new IllegalArgumentException("a reply is delivered with who was caught up on its thread");
    deliver(p, List.of(new Delivery(post, readers, true)), CaughtUp.NONE);
  }

  /**
   * Who had read some threads up to their last post, taken for the replies about to be written to them
   * ({@link #takeCaughtUp}); there once the pipeline that took them has been flushed.
   */
  public static final class CaughtUp {
    static final CaughtUp NONE = new CaughtUp(Set.of(), null);
    private final Set<Long> threads;
    private final Pipeline.Answer<InboxStore.Key> taken;

    private CaughtUp(Set<Long> threads, Pipeline.Answer<InboxStore.Key> taken) {
      this.threads = threads;
      this.taken = taken;
    }

    /** Readers by thread; every thread taken has an entry. */
    private Map<Long, Set<Long>> byThread() {
      Map<Long, Set<Long>> byThread = new HashMap<>();
      for (long t : threads) byThread.put(t, new HashSet<>());
      if (taken != null) for (InboxStore.Key k : taken.rows()) byThread.get(k.threadId()).add(k.accountId());
      return byThread;
    }
  }

  /**
   * Takes who has read these threads up to their last post, in the caller's write: queued on its pipeline, to go in
   * the same round trip as what the caller queued before (the reply batch counts its replies first, which locks the
   * threads), and passed to {@link #deliver(Pipeline, List, CaughtUp)} once flushed.
   */
  public CaughtUp takeCaughtUp(Pipeline p, Collection<Long> threadIds) {
    Set<Long> threads = Set.copyOf(threadIds);
    return threads.isEmpty() ? CaughtUp.NONE : new CaughtUp(threads, store.takeCaughtUp(p, threads));
  }

  /**
   * Delivers posts written together (a batch of replies) as if written one after the other: a row from the first
   * post a person had not seen, unless their own post came after it. Who read a reply's thread since its last post
   * was taken first ({@code taken}, which must hold every thread replied to); then queued: one delete (the
   * threads their authors read by posting), the rows of those who may lack one (kept if they have one) and of those
   * mentioned (merged if they have one), each over rows in key order, so concurrent writers lock rows in the same
   * order, and the authors left without a row, as caught up.
   */
  public void deliver(Pipeline p, List<Delivery> deliveries, CaughtUp taken) {
    Map<Long, Set<Long>> mayLack = taken.byThread();
    for (Delivery d : deliveries) {
      if (!d.post().opensThread() && !mayLack.containsKey(d.post().threadId())) { // taken also where the posts reach everyone
        throw new IllegalArgumentException("thread " + d.post().threadId() + " was replied to but not taken as caught up");
      }
    }
    Map<InboxStore.Key, InboxStore.Unread> unread = new TreeMap<>();
    Set<InboxStore.Key> mentioned = new HashSet<>();
    Set<InboxStore.Key> readByPosting = new TreeSet<>();
    Set<InboxStore.Key> caughtUp = new TreeSet<>(); // every author, the opening post's too
    for (Delivery d : deliveries) {
      Post post = d.post();
      int base = post.opensThread() ? InboxItem.NEW_THREAD : InboxItem.REPLY;
      Set<Long> lacking = d.toEveryone() ? null : mayLack.computeIfAbsent(post.threadId(), t -> new HashSet<>());
      for (long reader : d.readers()) {
        if (reader == post.authorId()) continue;
        boolean mentions = post.mentioned().contains(reader);
        if (lacking != null && !mentions && !lacking.contains(reader)) continue; // has a row: its count is the thread's
        InboxStore.Key key = new InboxStore.Key(reader, post.threadId());
        int reasons = mentions ? base | InboxItem.MENTION : base;
        InboxStore.Unread row = unread.get(key);
        unread.put(key, row != null ? row.with(reasons)
            : new InboxStore.Unread(post.workspaceId(), post.spaceId(), post.number() - 1, post.number(), reasons));
        if (mentions) mentioned.add(key);
      }
      InboxStore.Key own = new InboxStore.Key(post.authorId(), post.threadId());
      caughtUp.add(own);
      if (lacking != null) lacking.add(post.authorId()); // the batch's next post in the thread offers them a row
      if (!post.opensThread()) {
        unread.remove(own);
        mentioned.remove(own);
        readByPosting.add(own);
      }
    }
    Map<InboxStore.Key, InboxStore.Unread> toMention = new TreeMap<>();
    for (InboxStore.Key k : mentioned) toMention.put(k, unread.remove(k));
    store.clear(p, readByPosting);
    store.addUnread(p, unread);
    store.addMentioned(p, toMention);
    caughtUp.removeIf(k -> unread.containsKey(k) || toMention.containsKey(k));
    store.caughtUp(p, caughtUp);
  }

  public List<InboxItem> inbox(long accountId, int limit) {
    int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
    boolean walkFirst = walkers.contains(accountId);
    InboxStore.Inbox read = db.read(h -> store.items(h, accountId, bounded, db.dialect() == Database.Dialect.SQLITE, walkFirst));
    if (read.many() != walkFirst) {
      if (!read.many()) walkers.remove(accountId);
      else if (walkers.size() < MAX_WALKERS) walkers.add(accountId);
    }
    return read.items();
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
