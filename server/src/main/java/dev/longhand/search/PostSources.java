package dev.longhand.search;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** Threads (title and opening post) and replies, read fresh from their tables. Replies carry their thread's title. */
final class PostSources {
  private static final int PAGE = 1000;
  private static final PostStore store = new PostStore();

  private PostSources() {}

  static final SearchSource THREADS = new Source("thread", "ThreadPosted", "threadId");
  static final SearchSource REPLIES = new Source("reply", "ReplyAdded", "replyId");

  private record Source(String name, String event, String field) implements SearchSource {
    @Override
    public Map<String, String> events() {
      return Map.of(event, field);
    }

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
