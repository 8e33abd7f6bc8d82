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
 * {@code pg_stat_user_tables} which tables changed by more than a fifth (and at least {@link #MIN_CHANGES} rows)
 * since they were last analyzed, by anyone, and analyzes those: what autovacuum's own analyze would do.
 *
 * <p>The question costs one read of the statistics views, so it is asked often: a database filled just before or
 * after a start (a restore, an import, a benchmark's seeding) is planned blind until the first answer. At 30 s, a
 * benchmark's search indexer spent its first half minute looking up replies by id with a plan that walked whole
 * threads, 11.6 ms a lookup instead of well under one. A table that keeps growing is analyzed each time it has grown
 * by a fifth, so asking often does not mean analyzing often.
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

  /** Analyzes the tables of this schema that changed by more than a fifth since their last analyze; returns them. */
  List<String> analyzeStale() {
    return jdbi.withHandle(h -> {
      List<String> stale = h.createQuery("""
              SELECT relname FROM pg_stat_user_tables
              WHERE schemaname = current_schema() AND n_mod_since_analyze >= GREATEST(:min, n_live_tup / 5)
              ORDER BY relname""")
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
