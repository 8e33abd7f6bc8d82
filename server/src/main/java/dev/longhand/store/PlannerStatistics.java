package dev.longhand.store;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL only: analyzes Longhand's tables whose planner statistics have fallen far behind, when autovacuum has not
 * (it may be off, as on the machine the benchmarks run on, or not yet have come round to a database that just grew).
 * Without statistics PostgreSQL guesses that any {@code workspace_id = ?} matches a few dozen rows, and read a
 * workspace's 10,000 threads and sorted them where it should have read the newest 200 in index order (the inbox of
 * someone with many unread threads: 6 to 26 ms against 0.2). Every {@link #INTERVAL_MS} it asks
 * {@code pg_stat_user_tables} which tables doubled or halved (by at least {@link #MIN_CHANGES} rows) since they were
 * last analyzed, by anyone, against the rows that analyze counted ({@code pg_class.reltuples}), and analyzes those.
 *
 * <p>Size, not changes: a table whose rows are updated or replaced in place (a thread's counts on every reply, unread
 * rows and catch-up notes made and taken, the outbox pruned as it grows) keeps the plans its statistics gave. Counting
 * changes, a fifth of a table's rows, analyzed threads, inbox rows, replies, notifications and the outbox every few
 * seconds under the load benchmark, 30 to 226 ms each on this 2-core machine (some 50 analyses in a run of two and a
 * half minutes, 2026-12-07), bursts that requests waited behind. Between a table's analyses the planner scales its
 * row counts by the pages it has now, so sizes stay right; what a far-behind analyze misses is a table that was empty
 * or half its size. Where autovacuum runs, its own analyze follows the changes.
 *
 * <p>The question costs one read of the statistics views, so it is asked often: a database filled just before or
 * after a start (a restore, an import, a benchmark's seeding) is planned blind until the first answer. At 30 s, a
 * benchmark's search indexer spent its first half minute looking up replies by id with a plan that walked whole
 * threads, 11.6 ms a lookup instead of well under one. A table that keeps growing is analyzed each time it has
 * doubled, so asking often does not mean analyzing often.
 */
final class PlannerStatistics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);
  static final long INTERVAL_MS = 5_000;
  static final long MIN_CHANGES = 1_000;

  private final Jdbi jdbi;
  private final Thread thread;
  private volatile boolean running = true;

  PlannerStatistics(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.thread = Thread.ofPlatform().name("postgresql-statistics").daemon().start(this::run);
  }

  private void run() {
    while (running) {
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
      try {
        analyzeStale();
      } catch (RuntimeException e) {
        if (running) log.warn("could not bring PostgreSQL's planner statistics up to date; trying again in {} s", INTERVAL_MS / 1000, e);
      }
    }
  }

  /** Analyzes the tables of this schema whose rows doubled or halved since their last analyze; returns them. */
  List<String> analyzeStale() {
    return jdbi.withHandle(h -> {
      List<String> stale = h.createQuery("""
              SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
              WHERE s.schemaname = current_schema()
                AND abs(s.n_live_tup - GREATEST(c.reltuples, 0)) >= :min
                AND (s.n_live_tup >= 2 * GREATEST(c.reltuples, 0) OR s.n_live_tup <= GREATEST(c.reltuples, 0) / 2)
              ORDER BY s.relname""")
          .bind("min", MIN_CHANGES).mapTo(String.class).list();
      for (String table : stale) h.execute("ANALYZE " + quoted(table));
      return stale;
    });
  }

  private static String quoted(String table) {
    return '"' + table.replace("\"", "\"\"") + '"';
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
