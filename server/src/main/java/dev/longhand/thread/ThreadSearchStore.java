package dev.longhand.thread;

import dev.longhand.store.InList;
import dev.longhand.http.PostLinks;
import dev.longhand.search.Indexed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for threads ("thread": title and opening post) and replies ("reply", with their thread's title) as search documents. */
final class ThreadSearchStore {
  private static final String THREADS =
      "SELECT t.id, t.id AS thread_id, t.space_id, t.workspace_id, t.author_id, t.title, t.body, t.created_at FROM threads t"
          + " WHERE t.deleted_at IS NULL";
  private static final String REPLIES =
      "SELECT r.id, r.thread_id, r.space_id, r.workspace_id, r.author_id, t.title, r.body, r.created_at"
          + " FROM replies r JOIN threads t ON t.id = r.thread_id AND t.deleted_at IS NULL WHERE r.deleted_at IS NULL";

  /**
   * The owners' documents; for replies an owner may be a thread, which stands for all of its replies. Replies are
   * looked up by id first; only owners that matched no reply (a thread, or a reply deleted since) are then looked up
   * as threads. One query with {@code r.id IN (...) OR r.thread_id IN (...)}, or a UNION of both, had PostgreSQL scan
   * the whole table whenever its statistics lagged behind a fast-growing table: 15 to 60 ms for every batch the
   * indexer read, where the lookup by id takes well under one.
   */
  List<Indexed> load(Handle h, String name, Collection<Long> owners) {
    if (name.equals("thread")) return query(h, name, THREADS + " AND t.id IN (<ids>)", owners);
    List<Indexed> found = new ArrayList<>(query(h, name, REPLIES + " AND r.id IN (<ids>)", owners));
    Set<Long> replies = new HashSet<>();
    for (Indexed d : found) replies.add(d.owner());
    List<Long> rest = owners.stream().filter(id -> !replies.contains(id)).toList();
    if (!rest.isEmpty()) found.addAll(query(h, name, REPLIES + " AND r.thread_id IN (<ids>)", rest));
    return found;
  }

  private static List<Indexed> query(Handle h, String name, String sql, Collection<Long> ids) {
    return h.createQuery(sql).bindList("ids", InList.of(ids)).map((rs, ctx) -> indexed(name, rs)).list();
  }

  /** The next page in id order, after {@code after}. */
  List<Indexed> page(Handle h, String name, long after, int limit) {
    String sql = select(name) + " AND " + table(name) + ".id > ? ORDER BY " + table(name) + ".id LIMIT ?";
    return h.createQuery(sql).bind(0, after).bind(1, limit).map((rs, ctx) -> indexed(name, rs)).list();
  }

  private static String select(String name) {
    return name.equals("thread") ? THREADS : REPLIES;
  }

  private static String table(String name) {
    return name.equals("thread") ? "t" : "r";
  }

  private static Indexed indexed(String name, ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    long threadId = rs.getLong(2);
    String title = rs.getString(6);
    boolean reply = name.equals("reply");
    return new Indexed(name, id, id, threadId, rs.getLong(3), rs.getLong(4), rs.getLong(5), title,
        reply ? null : title, rs.getString(7), rs.getLong(8), reply ? PostLinks.reply(threadId, id) : "/threads/" + threadId);
  }
}
