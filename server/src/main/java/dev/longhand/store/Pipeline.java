package dev.longhand.store;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Writes whose results nobody reads, queued inside a transaction and sent together by
 * {@link #flush}: on PostgreSQL as one statement text, which its driver sends in one round trip
 * (each statement still runs on its own, in order, and the first failure fails the flush); on
 * SQLite, where a statement costs no round trip, one after the other.
 *
 * <p>A reply used to be seven round trips to PostgreSQL before its commit, each a few hundred
 * microseconds of CPU on both ends here; its rows now go in one. Queued writes are not visible
 * to the transaction's own reads until flushed: flush before reading what they write, and always
 * before the transaction ends, since a pipeline that is never flushed writes nothing. Made by
 * {@link Database#pipeline}.
 */
public final class Pipeline {
  /** Rows per multi-row statement: far below either database's limit on parameters. */
  static final int ROWS_PER_STATEMENT = 500;

  private record Queued(String sql, Object[] args) {}

  private final Handle h;
  private final boolean oneRoundTrip;
  private final List<Queued> queued = new ArrayList<>();

  Pipeline(Handle h, boolean oneRoundTrip) {
    this.h = h;
    this.oneRoundTrip = oneRoundTrip;
  }

  /** The handle the pipeline writes on, for reads and writes that cannot wait. */
  public Handle handle() {
    return h;
  }

  /** Queues one statement with positional ({@code ?}) parameters; a {@code null} is SQL NULL, its type left to the column. */
  public Pipeline add(String sql, Object... args) {
    queued.add(new Queued(sql, args));
    return this;
  }

  /**
   * Queues {@code head VALUES (row), (row), ... tail} for the rows, {@link #ROWS_PER_STATEMENT} at a
   * time; {@code row} is the placeholder list of one row, such as {@code "(?, ?, 1)"}.
   */
  public Pipeline addRows(String head, String row, String tail, List<Object[]> rows) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      StringBuilder sql = new StringBuilder(head).append(" VALUES ");
      List<Object> args = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(row);
        args.addAll(Arrays.asList(chunk.get(i)));
      }
      add(sql.append(' ').append(tail).toString(), args.toArray());
    }
    return this;
  }

  /** Sends everything queued; afterwards the transaction's reads see it. */
  public void flush() {
    if (queued.isEmpty()) return;
    try {
      if (oneRoundTrip && queued.size() > 1) {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Queued q : queued) {
          sql.append(q.sql()).append(";\n");
          args.addAll(Arrays.asList(q.args()));
        }
        execute(sql.toString(), args.toArray());
      } else {
        for (Queued q : queued) execute(q.sql(), q.args());
      }
    } finally {
      queued.clear();
    }
  }

  private void execute(String sql, Object[] args) {
    Update update = h.createUpdate(sql);
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null) update.bindNull(i, Types.NULL);
      else update.bind(i, args[i]);
    }
    update.execute();
  }
}
