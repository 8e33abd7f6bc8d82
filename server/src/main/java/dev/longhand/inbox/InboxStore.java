package dev.longhand.inbox;

import dev.longhand.store.DirectSql;
import dev.longhand.store.InList;
import dev.longhand.store.Pipeline;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/** SQL for the inbox ({@code inbox_items}); see {@link InboxService} for the design. */
final class InboxStore {

  /** Where a thread lives and how many posts it has had: what marking it read or unread needs. */
  record Place(long threadId, long workspaceId, long spaceId, int posts) {}

  Optional<Place> place(Handle h, long threadId) {
    return h.createQuery("SELECT id, workspace_id, space_id, posts FROM threads WHERE id = ? AND deleted_at IS NULL")
        .bind(0, threadId)
        .map((rs, ctx) -> new Place(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4)))
        .findOne();
  }

  /** A person's row for a thread. */
  record Key(long accountId, long threadId) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(accountId, o.accountId);
      return c != 0 ? c : Long.compare(threadId, o.threadId);
    }
  }

  /**
   * A row to write: the thread's posts the person had seen when it became unread for them, the posts counted when
   * its reasons were set (later ones add "reply"), and the reasons.
   */
  record Unread(long workspaceId, long spaceId, int seen, int noted, int reasons) {
    Unread with(int more) {
      return new Unread(workspaceId, spaceId, seen, noted, reasons | more);
    }
  }

  private static final String ROW_HEAD = "INSERT INTO inbox_items (account_id, thread_id, workspace_id, space_id, seen_posts, noted_posts, reasons)";
  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?)";

  /**
   * Rows for those who had read the thread, queued as one multi-row statement in the map's order: whoever already
   * has a row keeps it as it is, since its count is read off the thread's posts.
   */
  void addUnread(Pipeline p, Map<Key, Unread> unread) {
    if (!unread.isEmpty()) p.addRows(ROW_HEAD, ROW, "ON CONFLICT (account_id, thread_id) DO NOTHING", rows(unread));
  }

  /** Rows for those a post mentions: a new row, or the post's reasons merged into the one they have. */
  void addMentioned(Pipeline p, Map<Key, Unread> unread) {
    if (!unread.isEmpty()) {
      p.addRows(ROW_HEAD, ROW, "ON CONFLICT (account_id, thread_id) DO UPDATE SET reasons = inbox_items.reasons | excluded.reasons",
          rows(unread));
    }
  }

  private static List<Object[]> rows(Map<Key, Unread> unread) {
    return unread.entrySet().stream().map(e -> new Object[] {e.getKey().accountId(), e.getKey().threadId(),
        e.getValue().workspaceId(), e.getValue().spaceId(), e.getValue().seen(), e.getValue().noted(), e.getValue().reasons()}).toList();
  }

  private static final String CLEAR = "DELETE FROM inbox_items WHERE account_id = ? AND thread_id = ?";
  private static final String CAUGHT_UP_HEAD = "INSERT INTO inbox_catchups (thread_id, account_id)";
  private static final String CAUGHT_UP_TAIL = "ON CONFLICT (thread_id, account_id) DO NOTHING";

  /**
   * Notes that these people have read their threads up to the last post and have no row for them: the thread's next
   * post offers each a row ({@link #takeCaughtUp}).
   */
  void caughtUp(Pipeline p, Collection<Key> read) {
    if (!read.isEmpty()) {
      p.addRows(CAUGHT_UP_HEAD, "(?, ?)", CAUGHT_UP_TAIL, read.stream().map(k -> new Object[] {k.threadId(), k.accountId()}).toList());
    }
  }

  /**
   * Takes, in the caller's write and with the pipeline's next flush, who has read these threads up to their last
   * post: the only readers who can lack a row when the threads' posts last reached every reader (see
   * {@link InboxService}). Answers (reader, thread) keys.
   */
  Pipeline.Answer<Key> takeCaughtUp(Pipeline p, Collection<Long> threadIds) {
    List<Long> threads = InList.of(threadIds);
    return p.query("DELETE FROM inbox_catchups WHERE thread_id IN (" + DirectSql.placeholders(threads.size()) + ") RETURNING thread_id, account_id",
        rs -> new Key(rs.getLong(2), rs.getLong(1)), threads.toArray());
  }

  /** Marks threads read for people, with the pipeline's other writes; the rows go in the set's order. */
  void clear(Pipeline p, Set<Key> read) {
    if (read.size() == 1) {
      Key k = read.iterator().next();
      p.add(CLEAR, k.accountId(), k.threadId());
    } else if (!read.isEmpty()) {
      p.addRows("DELETE FROM inbox_items WHERE (account_id, thread_id) IN (", "(?, ?)", ")",
          read.stream().map(k -> new Object[] {k.accountId(), k.threadId()}).toList());
    }
  }

  /** How many posts in the thread the person has not read (0: none, or the thread is not in their inbox). */
  int unreadCount(Handle h, long accountId, long threadId) {
    return h.createQuery("""
            SELECT t.posts - i.seen_posts FROM inbox_items i JOIN threads t ON t.id = i.thread_id
            WHERE i.account_id = ? AND i.thread_id = ?""")
        .bind(0, accountId).bind(1, threadId).mapTo(Integer.class).findOne().map(n -> Math.max(1, n)).orElse(0);
  }

  /** Takes a deleted thread out of every inbox. */
  void forget(Handle h, long threadId) {
    h.createUpdate("DELETE FROM inbox_items WHERE thread_id = ?").bind(0, threadId).execute();
  }

  /** Follows a thread to another space: its rows name the new space, and those who may not read it lose theirs. */
  void moved(Handle h, long threadId, long spaceId, Collection<Long> readers) {
    h.createUpdate("UPDATE inbox_items SET space_id = ? WHERE thread_id = ?").bind(0, spaceId).bind(1, threadId).execute();
    List<Long> keep = List.copyOf(readers);
    if (keep.isEmpty()) {
      forget(h, threadId);
      return;
    }
    h.createUpdate("DELETE FROM inbox_items WHERE thread_id = :thread AND account_id NOT IN (<readers>)")
        .bind("thread", threadId).bindList("readers", InList.of(keep)).execute();
  }

  /** Marks the thread read for the person at once, noting them caught up; false when it already was. */
  boolean clear(Handle h, long accountId, long threadId) {
    if (h.createUpdate(CLEAR).bind(0, accountId).bind(1, threadId).execute() == 0) return false;
    h.createUpdate(CAUGHT_UP_HEAD + " VALUES (?, ?) " + CAUGHT_UP_TAIL).bind(0, threadId).bind(1, accountId).execute();
    return true;
  }

  /** Who gets a row otherwise than from a post is no longer caught up: the thread's next post need not offer one. */
  private static void notCaughtUp(Handle h, long accountId, long threadId) {
    h.createUpdate("DELETE FROM inbox_catchups WHERE thread_id = ? AND account_id = ?").bind(0, threadId).bind(1, accountId).execute();
  }

  /** Puts the thread in the person's inbox with its last post unread, or adds the reason to the row they have. */
  void markUnread(Handle h, long accountId, Place p) {
    notCaughtUp(h, accountId, p.threadId());
    h.createUpdate(ROW_HEAD + " VALUES " + ROW + """
             ON CONFLICT (account_id, thread_id) DO UPDATE SET reasons = inbox_items.reasons | excluded.reasons""")
        .bind(0, accountId).bind(1, p.threadId()).bind(2, p.workspaceId()).bind(3, p.spaceId())
        .bind(4, p.posts() - 1).bind(5, p.posts()).bind(6, InboxItem.MARKED_UNREAD)
        .execute();
  }

  /** Brings a thread back to the top of the inbox with the reminder reason: it sorts by {@code at} from now on. */
  void remind(Handle h, long accountId, Place p, long at) {
    notCaughtUp(h, accountId, p.threadId());
    h.createUpdate("""
            INSERT INTO inbox_items (account_id, thread_id, workspace_id, space_id, seen_posts, noted_posts, reasons, bumped_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (account_id, thread_id) DO UPDATE SET reasons = inbox_items.reasons | excluded.reasons,
              bumped_at = excluded.bumped_at""")
        .bind(0, accountId).bind(1, p.threadId()).bind(2, p.workspaceId()).bind(3, p.spaceId())
        .bind(4, p.posts() - 1).bind(5, p.posts()).bind(6, InboxItem.REMINDER).bind(7, at)
        .execute();
  }

  /** Of these threads, those with something unread for the person (an inbox row). */
  Set<Long> unreadAmong(Handle h, long accountId, Collection<Long> threadIds) {
    if (threadIds.isEmpty()) return Set.of();
    return h.createQuery("SELECT thread_id FROM inbox_items WHERE account_id = :me AND thread_id IN (<threads>)")
        .bind("me", accountId).bindList("threads", InList.of(threadIds)).mapTo(Long.class).set();
  }

  boolean has(Handle h, long accountId, long threadId) {
    return h.createQuery("SELECT 1 FROM inbox_items WHERE account_id = ? AND thread_id = ?")
        .bind(0, accountId).bind(1, threadId).mapTo(Integer.class).findOne().isPresent();
  }

  /** An inbox row as read: the thread's counts and times with the row's, for {@link #item}. */
  private static final String ITEM_COLUMNS = """
      SELECT t.id, t.title, t.workspace_id, t.space_id, s.name, t.posts, i.seen_posts, i.noted_posts, i.reasons,
             t.last_activity_at, i.bumped_at""";

  /**
   * A person's rows (all, up to a bound, or those a reminder bumped), read first and on their own: PostgreSQL without
   * statistics (autovacuum off, or a database that just grew) otherwise started from the workspace's threads and
   * looked each up, 55 ms for 10,000 threads to find the none a reminder had bumped.
   */
  private static String rowsOfOne(String name, String where) {
    return "WITH " + name + " AS MATERIALIZED (SELECT thread_id, seen_posts, noted_posts, reasons, bumped_at "
        + "FROM inbox_items WHERE account_id = :account" + where + ")\n";
  }

  /**
   * Rows of the person's (named {@code i}) as items, in the workspaces they belong to, each thread looked up by key:
   * PostgreSQL, which estimates a person's rows at the average (thousands in a workspace of as many threads), hashed
   * all of the workspace's threads for a few rows (7 ms for 10,000) unless a lateral subquery holds it to lookups;
   * SQLite keeps the order a {@code CROSS JOIN} is written in.
   */
  private static String asItems(String extraColumn, String rows, boolean sqlite) {
    return ITEM_COLUMNS + extraColumn + "\nFROM " + rows + (sqlite ? """
         i
        CROSS JOIN threads t
        JOIN spaces s ON s.id = t.space_id
        WHERE t.id = i.thread_id AND t.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = t.workspace_id AND m.account_id = :account)
        """ : """
         i
        CROSS JOIN LATERAL (SELECT id, title, workspace_id, space_id, posts, last_activity_at FROM threads
                            WHERE id = i.thread_id AND deleted_at IS NULL LIMIT 1) t
        JOIN spaces s ON s.id = t.space_id
        WHERE EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = t.workspace_id AND m.account_id = :account)
        """);
  }

  private static final String BY_ACTIVITY = """
      ORDER BY CASE WHEN i.bumped_at > t.last_activity_at THEN i.bumped_at ELSE t.last_activity_at END DESC, t.id DESC
      LIMIT :limit""";

  /** All of a person's rows, sorted: for an inbox the walk below cannot fill. */
  private static String allRowsSorted(boolean sqlite) {
    return rowsOfOne("mine", "") + asItems("", "mine", sqlite) + BY_ACTIVITY;
  }

  private static final String ALL_ROWS_SORTED_POSTGRESQL = allRowsSorted(false);
  private static final String ALL_ROWS_SORTED_SQLITE = allRowsSorted(true);

  /**
   * Up to {@code :few} of a person's rows, sorted, each with how many were read: when fewer than {@code :few}, the
   * inbox (at most {@link #FEW} rows a row of the page); otherwise the walk below reads it.
   */
  private static String fewRowsSorted(boolean sqlite) {
    return rowsOfOne("mine", " ORDER BY bumped_at LIMIT :few") + asItems(", (SELECT COUNT(*) FROM mine)", "mine", sqlite)
        + BY_ACTIVITY;
  }

  private static final String FEW_ROWS_SORTED_POSTGRESQL = fewRowsSorted(false);
  private static final String FEW_ROWS_SORTED_SQLITE = fewRowsSorted(true);

  /** The rows a reminder bumped, which sort by the reminder's time rather than their thread's, for the walk. */
  private static final String BUMPED_SQLITE = rowsOfOne("bumped", " AND bumped_at > 0") + asItems("", "bumped", true);

  /** A workspace's newest threads, {@link #FEW} a page of them, read backwards off threads_by_workspace_activity. */
  private static String newest(String workspace) {
    return """
        (SELECT id, title, workspace_id, space_id, posts, last_activity_at FROM threads
         WHERE workspace_id = %s AND deleted_at IS NULL
         ORDER BY last_activity_at DESC, id DESC LIMIT :newest) t""".formatted(workspace);
  }

  /**
   * Those of a workspace's newest threads with a row of the person's, each looked up by key: for someone with many
   * unread threads, where sorting all their rows would cost as many lookups as they have rows. Each database is held
   * to looking rows up one by one, and stops once the page is full: PostgreSQL by a lateral subquery it cannot turn
   * into a join (with no statistics yet it hashed all of the person's rows, 170 ms for 10,000), SQLite by
   * {@code CROSS JOIN}, which keeps the order written.
   *
   * <p>On PostgreSQL one statement walks each of the person's workspaces (a workspace where nothing was found still
   * answers a row, of nulls but for the workspace's id in the last column) and adds the rows a reminder bumped (0 in
   * the last column).
   */
  private static final String WALKED_POSTGRESQL = rowsOfOne("bumped", " AND bumped_at > 0") + """
      SELECT w.*, m.workspace_id FROM workspace_members m
      LEFT JOIN LATERAL (
      """ + ITEM_COLUMNS + "\nFROM " + newest("m.workspace_id") + """

        CROSS JOIN LATERAL (SELECT seen_posts, noted_posts, reasons, bumped_at FROM inbox_items
                            WHERE account_id = :account AND thread_id = t.id LIMIT 1) i
        JOIN spaces s ON s.id = t.space_id
        ORDER BY t.last_activity_at DESC, t.id DESC
        LIMIT :limit) w ON true
      WHERE m.account_id = :account
      UNION ALL
      """ + asItems(", 0", "bumped", false);

  private static final String NEWEST_WALKED_SQLITE = ITEM_COLUMNS + "\nFROM " + newest(":workspace") + """

      CROSS JOIN inbox_items i
      JOIN spaces s ON s.id = t.space_id
      WHERE i.thread_id = t.id AND i.account_id = :account
      ORDER BY t.last_activity_at DESC, t.id DESC
      LIMIT :limit""";

  /** Up to this many rows per row of the page, an inbox is read by sorting all of a person's rows; also how many of
   *  a workspace's newest threads per row of the page the walk looks at. */
  static final int FEW = 4;

  /**
   * A person's inbox, newest activity first. With few rows, they are all read and sorted, in one statement that also
   * tells whether there were few. With more, each of the person's workspaces' newest threads ({@link #FEW} times the
   * page) are looked up in their rows, and the rows a reminder bumped are added: when recent threads are unread for
   * them, that fills the page whatever the number of rows. Should a walk fall short of a page in any workspace (many
   * rows, all on older threads than those looked at), all rows are sorted after all. Leaving a workspace removes its
   * rows in the same write, so the membership checks only guard against what should not be.
   *
   * <p>{@code walkFirst}: the person's last inbox was walked, so it walks again without first reading their few rows.
   * That only chooses the cheaper way; a walk that fills the page is the inbox whatever the number of rows.
   */
  Inbox items(Handle h, long accountId, int limit, boolean sqlite, boolean walkFirst) {
    if (!walkFirst) {
      List<Counted> few = query(h, sqlite ? FEW_ROWS_SORTED_SQLITE : FEW_ROWS_SORTED_POSTGRESQL, limit, accountId, 0,
          rs -> new Counted(item(rs), rs.getInt(12)));
      if (few.isEmpty() || few.getFirst().of() <= limit * FEW) return new Inbox(few.stream().map(Counted::item).toList(), false);
    }
    Optional<List<InboxItem>> walked = sqlite ? walkSqlite(h, limit, accountId) : walkPostgresql(h, limit, accountId);
    if (walked.isPresent()) return new Inbox(newestFirst(walked.get(), limit), true);
    return new Inbox(query(h, sqlite ? ALL_ROWS_SORTED_SQLITE : ALL_ROWS_SORTED_POSTGRESQL, limit, accountId, 0, InboxStore::item), false);
  }

  /** An item and how many rows were read with it. */
  private record Counted(InboxItem item, int of) {}

  /** A row of the PostgreSQL walk: the workspace walked (0: a bumped row), and its item (null: that walk found none). */
  private record Walked(long workspaceId, InboxItem item) {}

  /**
   * The walk's items (a bumped row replaces the walk's of the same thread), or empty when a workspace's walk fell
   * short. A thread lives in one workspace, so only a bumped row can repeat one: no map of all the rows is built (keyed
   * by ids that share their high bits, a {@code HashMap} of them collided into tree bins).
   */
  private static Optional<List<InboxItem>> walkPostgresql(Handle h, int limit, long accountId) {
    List<Walked> rows = query(h, WALKED_POSTGRESQL, limit, accountId, 0,
        rs -> new Walked(rs.getLong(12), rs.getObject(1) == null ? null : item(rs)));
    List<InboxItem> found = new ArrayList<>(rows.size());
    List<InboxItem> bumped = new ArrayList<>();
    // Items found in each workspace walked, counted in arrays: a person belongs to few workspaces, and a map of boxed
    // counts cost the read as much as sorting its page.
    long[] walkedIn = new long[rows.size()];
    int[] foundIn = new int[rows.size()];
    int workspaces = 0;
    int at = -1;
    for (Walked w : rows) {
      if (w.workspaceId() == 0) {
        bumped.add(w.item());
        continue;
      }
      if (at < 0 || walkedIn[at] != w.workspaceId()) { // each workspace's rows come together: look further only then
        at = 0;
        while (at < workspaces && walkedIn[at] != w.workspaceId()) at++;
        if (at == workspaces) walkedIn[workspaces++] = w.workspaceId();
      }
      if (w.item() != null) {
        foundIn[at]++;
        found.add(w.item());
      }
    }
    for (int i = 0; i < workspaces; i++) if (foundIn[i] < limit) return Optional.empty(); // the walk did not pay
    return Optional.of(withBumped(found, bumped));
  }

  /**
   * The first {@code limit} items, newest first. One workspace's walk with no bumped rows comes in that order already
   * (the statement sorts it), so it is only checked; the rest are sorted.
   */
  private static List<InboxItem> newestFirst(List<InboxItem> items, int limit) {
    boolean sorted = true;
    for (int i = 1; i < items.size() && sorted; i++) sorted = InboxItem.NEWEST_FIRST.compare(items.get(i - 1), items.get(i)) <= 0;
    List<InboxItem> ordered = sorted ? items : items.stream().sorted(InboxItem.NEWEST_FIRST).toList();
    return List.copyOf(ordered.subList(0, Math.min(limit, ordered.size())));
  }

  /** The walked items with the bumped rows in place of the walk's of the same threads. */
  private static List<InboxItem> withBumped(List<InboxItem> walked, List<InboxItem> bumped) {
    if (bumped.isEmpty()) return walked;
    Set<Long> replaced = new HashSet<>();
    for (InboxItem b : bumped) replaced.add(b.threadId());
    List<InboxItem> all = new ArrayList<>(walked.size() + bumped.size());
    for (InboxItem w : walked) if (!replaced.contains(w.threadId())) all.add(w);
    all.addAll(bumped);
    return all;
  }

  private static Optional<List<InboxItem>> walkSqlite(Handle h, int limit, long accountId) {
    record Start(long workspaceId, boolean bumped) {}
    List<Start> start = query(h, """
            SELECT m.workspace_id, EXISTS (SELECT 1 FROM inbox_items WHERE account_id = :account AND bumped_at > 0)
            FROM workspace_members m WHERE m.account_id = :account""", limit, accountId, 0,
        rs -> new Start(rs.getLong(1), rs.getBoolean(2)));
    List<InboxItem> found = new ArrayList<>();
    for (Start s : start) {
      List<InboxItem> walked = query(h, NEWEST_WALKED_SQLITE, limit, accountId, s.workspaceId(), InboxStore::item);
      if (walked.size() < limit) return Optional.empty(); // the walk did not pay
      found.addAll(walked); // a thread lives in one workspace: no walk repeats another's
    }
    List<InboxItem> bumped = !start.isEmpty() && start.getFirst().bumped()
        ? query(h, BUMPED_SQLITE, limit, accountId, 0, InboxStore::item) : List.of();
    return Optional.of(withBumped(found, bumped));
  }

  /** An inbox as read, and whether a walk filled its page, so that the next read should walk first. */
  record Inbox(List<InboxItem> items, boolean many) {}

  /**
   * Runs an inbox statement for the person, with the page's sizes written into its text: PostgreSQL plans a statement
   * whose limits are parameters for each execution (it estimates a generic plan's limits at a tenth of the rows,
   * too dear to choose), 4 ms and more a read under load; with the sizes known, it plans a generic plan once per
   * connection. The sizes are the page's, at most {@link InboxService#MAX_LIMIT}, so a connection keeps few texts.
   * The statement goes straight through JDBC ({@link DirectSql}), its {@code :account} and {@code :workspace} turned
   * into positional parameters once: JDBI's binding and statement context were a third of what the read's database
   * call cost the JVM.
   */
  private static <T> List<T> query(Handle h, String sql, int limit, long accountId, long workspaceId, DirectSql.Row<T> row) {
    Sized[] texts = SIZED.computeIfAbsent(sql, s -> new Sized[InboxService.MAX_LIMIT + 1]);
    Sized sized = texts[limit];
    if (sized == null) texts[limit] = sized = Sized.of(sql, limit); // a race writes the same text twice
    Object[] args = new Object[sized.workspaceAt().length];
    for (int i = 0; i < args.length; i++) args[i] = sized.workspaceAt()[i] ? workspaceId : accountId;
    return DirectSql.query(h, sized.text(), row, args);
  }

  /** A statement's text for one page size, and which of its parameters is the workspace (the others the person). */
  private record Sized(String text, boolean[] workspaceAt) {
    private static final Pattern NAMED = Pattern.compile(":(account|workspace)\\b");

    static Sized of(String sql, int limit) {
      String text = sql.replace(":limit", Integer.toString(limit)).replace(":newest", Integer.toString(limit * FEW))
          .replace(":few", Integer.toString(limit * FEW + 1));
      List<Boolean> workspace = new ArrayList<>();
      Matcher m = NAMED.matcher(text);
      while (m.find()) workspace.add(m.group(1).equals("workspace"));
      boolean[] at = new boolean[workspace.size()];
      for (int i = 0; i < at.length; i++) at[i] = workspace.get(i);
      return new Sized(m.replaceAll("?"), at);
    }
  }

  /** Each statement's texts by page size, written once: the three replacements cost about 2% of an inbox read. */
  private static final Map<String, Sized[]> SIZED = new ConcurrentHashMap<>();

  private static InboxItem item(ResultSet rs) throws SQLException {
    return item(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getLong(10), rs.getLong(11));
  }

  /** A row as the inbox shows it: unread since it was seen, "reply" once posts came after its reasons, the later time. */
  private static InboxItem item(long threadId, String title, long workspaceId, long spaceId, String spaceName, int posts,
                                int seen, int noted, int reasons, long lastActivityAt, long bumpedAt) {
    int unread = Math.max(1, posts - seen);
    int why = posts > noted ? reasons | InboxItem.REPLY : reasons;
    return new InboxItem(threadId, title, workspaceId, spaceId, spaceName, unread, Math.max(lastActivityAt, bumpedAt),
        InboxItem.reasons(why));
  }
}
