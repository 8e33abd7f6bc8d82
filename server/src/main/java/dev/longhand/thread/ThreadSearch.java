package dev.longhand.thread;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import dev.longhand.event.ReplyAdded;
import dev.longhand.event.ThreadPosted;
import dev.longhand.search.Indexed;
import dev.longhand.search.OwnerEvents;
import dev.longhand.search.SearchSource;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** What threads put in the search index: threads (title and opening post) and replies, read fresh from their tables. Replies carry their thread's title. */
public final class ThreadSearch {
  private static final int PAGE = 1000;

  private ThreadSearch() {}

  static final SearchSource THREADS = new Source("thread", OwnerEvents.of(ThreadPosted.class, ThreadPosted::threadId),
      "SELECT t.id, t.id AS thread_id, t.space_id, t.workspace_id, t.author_id, t.title, t.body, t.created_at FROM threads t");
  static final SearchSource REPLIES = new Source("reply", OwnerEvents.of(ReplyAdded.class, ReplyAdded::replyId),
      "SELECT r.id, r.thread_id, r.space_id, r.workspace_id, r.author_id, t.title, r.body, r.created_at"
          + " FROM replies r JOIN threads t ON t.id = r.thread_id");

  /** Both, for the thread feature and {@code longhand reindex}. */
  public static final List<SearchSource> ALL = List.of(THREADS, REPLIES);

  private record Source(String name, OwnerEvents events, String select) implements SearchSource {
    private String table() {
      return name.equals("thread") ? "t" : "r";
    }

    @Override
    public List<Indexed> load(Handle h, Collection<Long> owners) {
      if (owners.isEmpty()) return List.of();
      return h.createQuery(select + " WHERE " + table() + ".id IN (<ids>)")
          .bindList("ids", List.copyOf(owners))
          .map((rs, ctx) -> indexed(rs)).list();
    }

    @Override
    public void each(Handle h, Consumer<Indexed> sink) {
      String sql = select + " WHERE " + table() + ".id > ? ORDER BY " + table() + ".id LIMIT ?";
      long after = Long.MIN_VALUE;
      while (true) {
        List<Indexed> page = h.createQuery(sql).bind(0, after).bind(1, PAGE).map((rs, ctx) -> indexed(rs)).list();
        page.forEach(sink);
        if (page.size() < PAGE) return;
        after = page.get(page.size() - 1).id();
      }
    }

    private Indexed indexed(ResultSet rs) throws SQLException {
      long id = rs.getLong(1);
      long threadId = rs.getLong(2);
      String title = rs.getString(6);
      boolean reply = name.equals("reply");
      return new Indexed(name, id, id, threadId, rs.getLong(3), rs.getLong(4), rs.getLong(5), title,
          reply ? null : title, rs.getString(7), rs.getLong(8), "/threads/" + threadId + (reply ? "#reply-" + id : ""));
    }
  }
}
