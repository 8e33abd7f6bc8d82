package dev.longhand.thread;

import java.util.Collection;
import java.util.List;
import dev.longhand.event.ReplyAdded;
import dev.longhand.event.ReplyDeleted;
import dev.longhand.event.ReplyEdited;
import dev.longhand.event.ThreadDeleted;
import dev.longhand.event.ThreadEdited;
import dev.longhand.event.ThreadMoved;
import dev.longhand.event.ThreadPosted;
import dev.longhand.search.Indexed;
import dev.longhand.search.OwnerEvents;
import dev.longhand.search.SearchSource;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** What threads put in the search index: threads (title and opening post) and replies, read fresh from their tables. Replies carry their thread's title. */
public final class ThreadSearch {
  private static final int PAGE = 1000;
  private static final ThreadSearchStore store = new ThreadSearchStore();

  private ThreadSearch() {}

  static final SearchSource THREADS = new Source("thread", OwnerEvents.of(ThreadPosted.class, ThreadPosted::threadId)
      .and(ThreadEdited.class, ThreadEdited::threadId).and(ThreadDeleted.class, ThreadDeleted::threadId)
      .and(ThreadMoved.class, ThreadMoved::threadId));
  /**
   * Replies; a thread's edit (its title shows on each reply's hit) and move (each reply's space) name the thread,
   * which this source reads as all of its replies: ids are unique across threads and replies, so no reply is owned
   * by a thread's id. A deleted thread's replies each have their own {@code ReplyDeleted}.
   */
  static final SearchSource REPLIES = new Source("reply", OwnerEvents.of(ReplyAdded.class, ReplyAdded::replyId)
      .and(ReplyEdited.class, ReplyEdited::replyId).and(ReplyDeleted.class, ReplyDeleted::replyId)
      .and(ThreadEdited.class, ThreadEdited::threadId).and(ThreadMoved.class, ThreadMoved::threadId));

  /** Both, for the thread feature and {@code longhand reindex}. */
  public static final List<SearchSource> ALL = List.of(THREADS, REPLIES);

  private record Source(String name, OwnerEvents events) implements SearchSource {
    @Override
    public List<Indexed> load(Handle h, Collection<Long> owners) {
      if (owners.isEmpty()) return List.of();
      return store.load(h, name, owners);
    }

    @Override
    public void each(Handle h, Consumer<Indexed> sink) {
      long after = Long.MIN_VALUE;
      while (true) {
        List<Indexed> page = store.page(h, name, after, PAGE);
        page.forEach(sink);
        if (page.size() < PAGE) return;
        after = page.get(page.size() - 1).id();
      }
    }
  }
}
