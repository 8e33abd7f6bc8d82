package dev.longhand.store;

import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the outbox: its events in their order, and the durable consumers' cursors. Positions are ids with SQLite
 * and transaction ids with PostgreSQL ({@code byTransaction}; column {@code tx}, migration V40), where only the events
 * of transactions below the oldest still open are read: every one of those has finished. Other databases' transactions
 * are left out of it ({@link OtherDatabases}).
 */
final class OutboxStore {
  private static final String INSERT = "INSERT INTO outbox (id, workspace_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)";
  private static final String COLUMNS = "id, workspace_id, kind, payload, created_at";
  /** The oldest transaction still open (PostgreSQL): every event with a smaller tx has committed or never will. */
  private static final String HORIZON = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";
  /**
   * The same but for the transactions given ({@link OtherDatabases}: ids separated by commas, bound as a subquery like
   * the bounds below): the oldest of the statement's snapshot's open transactions not among them, or its end.
   */
  private static final String HORIZON_LEAVING_OUT = """
      (SELECT COALESCE((SELECT MIN(x::text::bigint) FROM pg_snapshot_xip(snap.s) AS x
          WHERE x::text::bigint <> ALL(string_to_array((SELECT CAST(? AS TEXT)), ',')::bigint[])),
        pg_snapshot_xmax(snap.s)::text::bigint)
       FROM (SELECT pg_current_snapshot() AS s) AS snap)""";
  /**
   * The snapshot's open transactions run by a backend connected to another database: the lock each transaction holds
   * on its own id names the backend's pid, and the backend's status its database. Not {@code backend_xid}, which
   * PostgreSQL reads from a backend slot after copying the slot's status, so a slot handed meanwhile to a new session of
   * this database would lend its transaction the old session's database; a pid is not reused that soon. Both views
   * give the 32 low bits of an id, which pick out one of the snapshot's (all within 2^31 of each other).
   */
  private static final String OTHER_DATABASES = """
      SELECT x::text::bigint FROM pg_snapshot_xip(pg_current_snapshot()) AS x
      WHERE x::text::bigint % 4294967296 IN (SELECT l.transactionid::text::bigint FROM pg_locks AS l
          JOIN pg_stat_get_activity(NULL) AS a ON a.pid = l.pid
        WHERE l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock' AND l.granted
          AND a.datid IS NOT NULL AND a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))
      ORDER BY 1""";

  private OutboxStore() {}

  /** One event's row: id, workspace id, kind, payload, created at. */
  static void insert(Handle h, Object[] row) {
    h.execute(INSERT, row);
  }

  /** One event's row queued with the pipeline's other writes: a pipeline's events go in one multi-row statement. */
  static void insert(Pipeline p, Object[] row) {
    p.addRow("INSERT INTO outbox (id, workspace_id, kind, payload, created_at)", "(?, ?, ?, ?, ?)", "", row);
  }

  /** SQLite: the events with {@code afterId < id <= upTo}, in id order. */
  static List<Outbox.Stored> readAfter(Handle h, long afterId, long upTo, int limit) {
    return h.createQuery("SELECT id, " + COLUMNS + " FROM outbox WHERE id > ? AND id <= ? ORDER BY id LIMIT ?")
        .bind(0, afterId).bind(1, upTo).bind(2, limit)
        .map((rs, ctx) -> stored(rs))
        .list();
  }

  /**
   * PostgreSQL: the events of finished transactions after {@code afterTx}, in (tx, id) order, and whether events that
   * have committed wait above the horizon (an older transaction is still open).
   */
  record Finished(List<Outbox.Stored> events, boolean held) {}

  /**
   * One statement for both answers: the events, and whether any are held. The one row of {@code VALUES} makes an
   * answer with no events still say whether some are held; both parts read the same snapshot, so the same horizon,
   * taken once ({@code horizon}).
   *
   * <p>The bounds are given as subqueries ({@code (SELECT ?)}), which the planner does not look into even when it
   * plans for the values at hand: a plan for the values (a few rows past the position, by its statistics) always
   * looked cheaper than the generic one, so PostgreSQL planned every read afresh, each of them 0.3 ms (5,410 plans
   * for 5,410 reads in 30 s of the load benchmark). Read either way, the plan is the same index range.
   *
   * <p>Whether events are held is the newest event's position against the horizon (and the position read from): an
   * {@code EXISTS} of an event at or above the horizon, with both bounds unknown to the generic plan, was planned as a
   * scan of the whole outbox (10 ms a read at 200,000 events), while the newest position is one step down the index
   * ({@code OutboxReadPlanTest}).
   */
  static final String READ_FINISHED = "WITH horizon AS MATERIALIZED (SELECT " + HORIZON_LEAVING_OUT + " AS tx)\n"
      + "SELECT e.tx, e.id, e.workspace_id, e.kind, e.payload, e.created_at, "
      + "COALESCE((SELECT MAX(tx) FROM outbox) >= GREATEST((SELECT CAST(? AS BIGINT)) + 1, (SELECT tx FROM horizon)), false)\n"
      + "FROM (VALUES (1)) AS one LEFT JOIN LATERAL (SELECT tx, " + COLUMNS + " FROM outbox WHERE tx > (SELECT CAST(? AS BIGINT))"
      + " AND tx < (SELECT tx FROM horizon) ORDER BY tx, id LIMIT (SELECT CAST(? AS INTEGER))) AS e ON true";

  static Finished readFinished(Handle h, long afterTx, int limit, String leavingOut) {
    record Row(Outbox.Stored event, boolean held) {}
    List<Row> rows = h.createQuery(READ_FINISHED)
        .bind(0, leavingOut).bind(1, afterTx).bind(2, afterTx).bind(3, limit)
        .map((rs, ctx) -> new Row(rs.getObject(1) == null ? null : stored(rs), rs.getBoolean(7)))
        .list();
    return new Finished(rows.stream().map(Row::event).filter(Objects::nonNull).toList(), rows.getFirst().held());
  }

  /** PostgreSQL: the open transactions of other databases that hold back the horizon (see {@link OtherDatabases}). */
  static long[] otherDatabasesTransactions(Handle h) {
    return h.createQuery(OTHER_DATABASES).mapTo(Long.class).stream().mapToLong(Long::longValue).toArray();
  }

  /** PostgreSQL: every event of one transaction, in id order. */
  static List<Outbox.Stored> readTransaction(Handle h, long tx) {
    return h.createQuery("SELECT tx, " + COLUMNS + " FROM outbox WHERE tx = ? ORDER BY id")
        .bind(0, tx)
        .map((rs, ctx) -> stored(rs))
        .list();
  }

  private static Outbox.Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Outbox.Stored(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getLong(6));
  }

  static long newestId(Handle h) {
    return h.createQuery("SELECT COALESCE(MAX(id), 0) FROM outbox").mapTo(Long.class).one();
  }

  /** The position of the newest stored event, or {@link #start} when there is none. */
  static long newestPosition(Handle h, boolean byTransaction) {
    if (!byTransaction) return newestId(h);
    return h.createQuery("SELECT COALESCE(MAX(tx), " + Long.MIN_VALUE + ") FROM outbox").mapTo(Long.class).one();
  }

  /**
   * A position every event at or below which has committed or never will: with PostgreSQL just below the oldest open
   * transaction, with SQLite (one writer, and no write open when this runs) the newest event.
   */
  static long finishedPosition(Handle h, boolean byTransaction) {
    if (!byTransaction) return newestId(h);
    return h.createQuery("SELECT " + HORIZON + " - 1").mapTo(Long.class).one();
  }

  /** Where a consumer without a saved cursor starts: before every event (V40 gave PostgreSQL's older ones negative positions). */
  static long start(boolean byTransaction) {
    return byTransaction ? Long.MIN_VALUE : 0;
  }

  /** How many events lie after {@code position} (counted up to a million), and when the oldest of them was written (0: none). */
  static OutboxDispatcher.Lag lag(Handle h, boolean byTransaction, String consumer, boolean durable, boolean everyNode,
                                  long position) {
    String pos = byTransaction ? "tx" : "id";
    long events = h.createQuery("SELECT COUNT(*) FROM (SELECT id FROM outbox WHERE " + pos + " > ? LIMIT 1000000) behind")
        .bind(0, position).mapTo(Long.class).one();
    return new OutboxDispatcher.Lag(consumer, durable, everyNode, events, oldestAfter(h, byTransaction, position));
  }

  /** When the oldest event after {@code position} was written (0: there is none). */
  static long oldestAfter(Handle h, boolean byTransaction, long position) {
    String pos = byTransaction ? "tx" : "id";
    String order = byTransaction ? "tx, id" : "id";
    return h.createQuery("SELECT created_at FROM outbox WHERE " + pos + " > ? ORDER BY " + order + " LIMIT 1")
        .bind(0, position).mapTo(Long.class).findOne().orElse(0L);
  }

  /** Deletes up to {@code limit} events at or below {@code passed} written before {@code before}; how many. */
  static int prune(Handle h, boolean byTransaction, long passed, long before, int limit) {
    String pos = byTransaction ? "tx" : "id";
    return h.createUpdate("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE " + pos + " <= ? AND created_at < ? ORDER BY "
            + pos + " LIMIT ?)")
        .bind(0, passed).bind(1, before).bind(2, limit).execute();
  }

  static int moveCursor(Handle h, String consumer, long position) {
    return h.createUpdate("""
            INSERT INTO outbox_cursors (consumer, position) VALUES (?, ?)
            ON CONFLICT (consumer) DO UPDATE SET position = excluded.position""")
        .bind(0, consumer).bind(1, position).execute();
  }

  static int forgetCursor(Handle h, String consumer) {
    return h.createUpdate("DELETE FROM outbox_cursors WHERE consumer = ?").bind(0, consumer).execute();
  }

  static long cursor(Handle h, String consumer, boolean byTransaction) {
    return h.createQuery("SELECT position FROM outbox_cursors WHERE consumer = ?")
        .bind(0, consumer).mapTo(Long.class).findOne().orElse(start(byTransaction));
  }
}
