package dev.longhand.search;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.longhand.store.Database;
import dev.longhand.store.Outbox;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxDispatcher;
import dev.longhand.store.OutboxEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index in step with the database. As a durable outbox consumer it hears of new
 * threads and replies, re-reads each from its table and upserts it by id, so handing it an event
 * twice changes nothing, and a post that no longer exists leaves the index. Events are taken in
 * batches gathered for {@link #GATHER_NANOS} (one outbox read, one read of the posts and one
 * index write per batch rather than per commit). New posts become searchable within about
 * {@link #REFRESH_NANOS} plus the gathering under load (each refresh writes a small segment, so
 * not after every batch) and about 0.3 s after the writes stop; the index is committed to disk
 * at the dispatcher's checkpoints (about every 5 seconds under load, and when the events stop),
 * always before the cursor is saved: a crash repeats at most the events since the last
 * checkpoint, never loses one.
 */
public final class SearchIndexer implements OutboxConsumer {
  private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
  static final String NAME = "search";
  static final long REFRESH_NANOS = 1_000_000_000L;
  static final long GATHER_NANOS = 100_000_000L;
  private long lastRefresh = System.nanoTime();

  private final Database db;
  private final Outbox outbox;
  private final SearchIndex index;
  private final SearchStore store = new SearchStore();

  public SearchIndexer(Database db, Outbox outbox, SearchIndex index) {
    this.db = db;
    this.outbox = outbox;
    this.index = index;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PostEvent(Long threadId, Long replyId) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    Set<Long> threads = new HashSet<>();
    Set<Long> replies = new HashSet<>();
    for (OutboxEvent e : events) {
      switch (e.kind()) {
        case "ThreadPosted" -> addIfPresent(threads, outbox.payload(e, PostEvent.class).threadId());
        case "ReplyAdded" -> addIfPresent(replies, outbox.payload(e, PostEvent.class).replyId());
        default -> { }
      }
    }
    if (threads.isEmpty() && replies.isEmpty()) return;
    List<Post> current = db.read(h -> {
      List<Post> posts = new ArrayList<>(store.threads(h, threads));
      posts.addAll(store.replies(h, replies));
      return posts;
    });
    Set<Long> gone = new HashSet<>(threads);
    gone.addAll(replies);
    current.forEach(p -> gone.remove(p.id()));
    index.write(current, gone);
    if (System.nanoTime() - lastRefresh >= REFRESH_NANOS) {
      index.refresh();
      lastRefresh = System.nanoTime();
    }
  }

  /**
   * Rebuilds the index from the threads and replies tables and moves the indexer's cursor to the
   * newest event, taken before reading the tables: later events are replayed, which is harmless.
   * Run it only while the indexer is not consuming (before the dispatcher starts, or offline).
   */
  public static long rebuild(Database db, SearchIndex index) {
    long started = System.nanoTime();
    long newest = OutboxDispatcher.newestEventId(db);
    SearchStore store = new SearchStore();
    long posts = index.rebuild(sink -> db.read(h -> {
      store.eachPost(h, sink);
      return null;
    }));
    OutboxDispatcher.moveCursor(db, NAME, newest);
    log.info("Rebuilt the search index: {} posts in {} ms", posts, (System.nanoTime() - started) / 1_000_000);
    return posts;
  }

  @Override
  public long gatherNanos() {
    return GATHER_NANOS;
  }

  @Override
  public void checkpoint() {
    index.commit();
    lastRefresh = System.nanoTime();
  }

  private static void addIfPresent(Set<Long> ids, Long id) {
    if (id != null) ids.add(id);
  }
}
