package dev.longhand.thread;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** What a batch of thread events needs to make its notices, each read once for the whole batch. */
final class ThreadNoticeStore {
  /** The titles and authors of the threads a batch of events names. */
  Map<Long, ThreadNotices.ThreadLine> threadLines(Handle h, Collection<Long> threads) {
    Map<Long, ThreadNotices.ThreadLine> lines = new HashMap<>();
    h.createQuery("SELECT id, title, author_id FROM threads WHERE id IN (<ids>) AND deleted_at IS NULL").bindList("ids", List.copyOf(threads))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), new ThreadNotices.ThreadLine(rs.getString(2), rs.getLong(3))))
        .forEach(t -> lines.put(t.getKey(), t.getValue()));
    return lines;
  }

  /** The names of the people acting in a batch. */
  Map<Long, String> names(Handle h, Collection<Long> people) {
    Map<Long, String> names = new HashMap<>();
    h.createQuery("SELECT id, name FROM accounts WHERE id IN (<ids>)").bindList("ids", List.copyOf(people))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(n -> names.put(n.getKey(), n.getValue()));
    return names;
  }

  /** Who each post mentions, by post id. */
  Map<Long, List<Long>> mentions(Handle h, Collection<Long> posts) {
    Map<Long, List<Long>> mentions = new HashMap<>();
    h.createQuery("SELECT post_id, account_id FROM mentions WHERE post_id IN (<ids>) ORDER BY post_id, account_id")
        .bindList("ids", List.copyOf(posts))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
        .forEach(m -> mentions.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(m.getValue()));
    return mentions;
  }
}
