package dev.longhand.search;

import dev.longhand.store.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** SQL for search: the posts to index, read fresh from their tables, and the people shown on hits. */
final class SearchStore {
  private static final int PAGE = 1000;
  private static final String THREAD_COLUMNS =
      "t.id, t.id AS thread_id, t.space_id, t.workspace_id, t.author_id, t.title, t.body, t.created_at";
  private static final String REPLY_COLUMNS =
      "r.id, r.thread_id, r.space_id, r.workspace_id, r.author_id, t.title, r.body, r.created_at";

  List<Post> threads(Handle h, Collection<Long> ids) {
    if (ids.isEmpty()) return List.of();
    return h.createQuery("SELECT " + THREAD_COLUMNS + " FROM threads t WHERE t.id IN (<ids>)")
        .bindList("ids", List.copyOf(ids))
        .map((rs, ctx) -> post(rs, Post.Kind.THREAD)).list();
  }

  List<Post> replies(Handle h, Collection<Long> ids) {
    if (ids.isEmpty()) return List.of();
    return h.createQuery("SELECT " + REPLY_COLUMNS + " FROM replies r JOIN threads t ON t.id = r.thread_id WHERE r.id IN (<ids>)")
        .bindList("ids", List.copyOf(ids))
        .map((rs, ctx) -> post(rs, Post.Kind.REPLY)).list();
  }

  /** Hands over every thread, then every reply, a page at a time in id order. */
  void eachPost(Handle h, Consumer<Post> sink) {
    page(h, "SELECT " + THREAD_COLUMNS + " FROM threads t WHERE t.id > ? ORDER BY t.id LIMIT ?", Post.Kind.THREAD, sink);
    page(h, "SELECT " + REPLY_COLUMNS + " FROM replies r JOIN threads t ON t.id = r.thread_id WHERE r.id > ? ORDER BY r.id LIMIT ?",
        Post.Kind.REPLY, sink);
  }

  Map<Long, SearchHit.Author> authors(Handle h, Collection<Long> ids) {
    Map<Long, SearchHit.Author> byId = new HashMap<>();
    if (ids.isEmpty()) return byId;
    h.createQuery("SELECT id, name, handle FROM accounts WHERE id IN (<ids>)")
        .bindList("ids", List.copyOf(ids))
        .map((rs, ctx) -> new SearchHit.Author(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .forEach(a -> byId.put(a.id(), a));
    return byId;
  }

  /** The accounts a filter names: by id, or by handle with or without its '@'. */
  List<Long> accountsNamed(Handle h, String idOrHandle) {
    String handle = idOrHandle.startsWith("@") ? idOrHandle.substring(1) : idOrHandle;
    return h.createQuery("SELECT id FROM accounts WHERE id = ? OR handle = ?")
        .bind(0, Ids.parse(idOrHandle))
        .bind(1, handle)
        .mapTo(Long.class).list();
  }

  private static void page(Handle h, String sql, Post.Kind kind, Consumer<Post> sink) {
    long after = Long.MIN_VALUE;
    while (true) {
      List<Post> page = h.createQuery(sql).bind(0, after).bind(1, PAGE).map((rs, ctx) -> post(rs, kind)).list();
      page.forEach(sink);
      if (page.size() < PAGE) return;
      after = page.get(page.size() - 1).id();
    }
  }

  private static Post post(ResultSet rs, Post.Kind kind) throws SQLException {
    return new Post(kind, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
        rs.getString(6), rs.getString(7), rs.getLong(8));
  }
}
