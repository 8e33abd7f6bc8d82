package dev.longhand.thread;

import dev.longhand.store.InList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** What a batch of thread events needs to make its notices, each read once for the whole batch. */
final class ThreadNoticeStore {
  /** The titles and authors of the threads a batch of events names. */
  Map<Long, ThreadNotices.ThreadLine> threadLines(Handle h, Collection<Long> threads) {
    Map<Long, ThreadNotices.ThreadLine> lines = new HashMap<>();
    h.createQuery("SELECT t.id, t.title, t.author_id, t.space_id, s.name FROM threads t JOIN spaces s ON s.id = t.space_id "
            + "WHERE t.id IN (<ids>) AND t.deleted_at IS NULL").bindList("ids", InList.of(threads))
        .map((rs, ctx) -> Map.entry(rs.getLong(1),
            new ThreadNotices.ThreadLine(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5))))
        .forEach(t -> lines.put(t.getKey(), t.getValue()));
    return lines;
  }

  /** The names of the people acting in a batch. */
  Map<Long, String> names(Handle h, Collection<Long> people) {
    Map<Long, String> names = new HashMap<>();
    h.createQuery("SELECT id, name FROM accounts WHERE id IN (<ids>)").bindList("ids", InList.of(people))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(n -> names.put(n.getKey(), n.getValue()));
    return names;
  }

  /** A person and a space they may read. */
  record Reader(long spaceId, long accountId) {}

  /**
   * Those of the (space, person) pairs where the person may read the space (the rule of {@code READ_SPACE}: a member
   * of the space, or a non-guest of its workspace when it is public).
   */
  Set<Reader> readers(Handle h, Collection<Reader> pairs) {
    Set<Reader> reading = new HashSet<>();
    List<Long> spaces = pairs.stream().map(Reader::spaceId).distinct().toList();
    List<Long> people = pairs.stream().map(Reader::accountId).distinct().toList();
    h.createQuery("""
            SELECT s.id, a.id FROM spaces s JOIN accounts a ON a.id IN (<people>)
            WHERE s.id IN (<spaces>)
              AND (EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = s.id AND sm.account_id = a.id)
                OR (s.visibility = 'public' AND EXISTS (SELECT 1 FROM workspace_members wm
                    WHERE wm.workspace_id = s.workspace_id AND wm.account_id = a.id AND wm.role <> 'guest')))""")
        .bindList("people", InList.of(people)).bindList("spaces", InList.of(spaces))
        .map((rs, ctx) -> new Reader(rs.getLong(1), rs.getLong(2)))
        .forEach(r -> { if (pairs.contains(r)) reading.add(r); });
    return reading;
  }

  /** Who each post mentions, by post id. */
  Map<Long, List<Long>> mentions(Handle h, Collection<Long> posts) {
    Map<Long, List<Long>> mentions = new HashMap<>();
    h.createQuery("SELECT post_id, account_id FROM mentions WHERE post_id IN (<ids>) ORDER BY post_id, account_id")
        .bindList("ids", InList.of(posts))
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
        .forEach(m -> mentions.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(m.getValue()));
    return mentions;
  }
}
