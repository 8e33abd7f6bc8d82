package dev.longhand.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Writes queued inside a transaction and sent together by {@link #flush}: on PostgreSQL as one
 * statement text, which its driver sends in one round trip (each statement still runs on its own,
 * in order, and the first failure fails the flush); on SQLite, where a statement costs no round
 * trip, one after the other. A statement whose rows the caller needs ({@link #query}) goes the same
 * way, its rows read once the flush is done.
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

  /** A statement; {@code answer} takes its rows when it is a {@link #query}, else null. */
  private record Queued(String sql, Object[] args, Answer<?> answer) {
    Queued(String sql, Object[] args) {
      this(sql, args, null);
    }
  }

  /** The rows a queued {@link #query} answers, there once the pipeline has been flushed. */
  public static final class Answer<T> {
    private final DirectSql.Row<T> row;
    private List<T> rows;

    private Answer(DirectSql.Row<T> row) {
      this.row = row;
    }

    private void read(ResultSet rs) throws SQLException {
      List<T> out = new ArrayList<>();
      while (rs.next()) out.add(row.read(rs));
      rows = out;
    }

    private void query(Handle h, String sql, Object[] args) {
      rows = DirectSql.query(h, sql, row, args);
    }

    /** The statement's rows; only after the flush that sent it. */
    public List<T> rows() {
      if (rows == null) throw new IllegalStateException("the pipeline was not flushed since the query was queued");
      return rows;
    }
  }

  /** Rows of one multi-row statement, gathered by {@link #addRow} until the flush. */
  private record Rows(String head, String row, String tail, List<Object[]> rows) {}

  private final Handle h;
  private final boolean oneRoundTrip;
  /** Told of a handle whose write {@link #finish} commits, before the flush that does. */
  private final Consumer<Handle> committing;
  /** Queued statements and row groups, in the order their first row came. */
  private final List<Object> queued = new ArrayList<>();
  private final Map<String, Rows> rowGroups = new HashMap<>();

  Pipeline(Handle h, boolean oneRoundTrip, Consumer<Handle> committing) {
    this.h = h;
    this.oneRoundTrip = oneRoundTrip;
    this.committing = committing;
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
   * Queues a statement that answers rows (a {@code SELECT}, or a write with {@code RETURNING}), read by {@code row}:
   * it goes with the next flush, in order with the other statements, so that a read a write needs costs no round
   * trip of its own. Its rows are the answer's once flushed.
   */
  public <T> Answer<T> query(String sql, DirectSql.Row<T> row, Object... args) {
    Answer<T> answer = new Answer<>(row);
    queued.add(new Queued(sql, args, answer));
    return answer;
  }

  /**
   * Queues {@code head VALUES (row), (row), ... tail} for the rows, {@link #ROWS_PER_STATEMENT} at a
   * time; {@code row} is the placeholder list of one row, such as {@code "(?, ?, 1)"}.
   */
  public Pipeline addRows(String head, String row, String tail, List<Object[]> rows) {
    queued.add(new Rows(head, row, tail, new ArrayList<>(rows)));
    return this;
  }

  /**
   * Queues one row of a multi-row statement: every row queued with the same {@code head}, {@code row}
   * and {@code tail} before the flush goes into one statement, sent where the first row was queued.
   * For rows whose order against the pipeline's other statements does not matter, such as the
   * outbox events and notifications of a batch.
   */
  public Pipeline addRow(String head, String row, String tail, Object... args) {
    rowGroups.computeIfAbsent(head + '\u0000' + row + '\u0000' + tail, k -> {
      Rows group = new Rows(head, row, tail, new ArrayList<>());
      queued.add(group);
      return group;
    }).rows().add(args);
    return this;
  }

  /** Sends everything queued; afterwards the transaction's reads see it. */
  public void flush() {
    if (queued.isEmpty()) return;
    try {
      List<Queued> statements = new ArrayList<>();
      for (Object q : queued) {
        if (q instanceof Rows r) statements.addAll(statements(r));
        else statements.add((Queued) q);
      }
      if (oneRoundTrip && statements.size() > 1) {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Queued q : statements) {
          sql.append(q.sql()).append(";\n");
          args.addAll(Arrays.asList(q.args()));
        }
        DirectSql.runAll(h, sql.toString(), args.toArray(), (i, rows) -> {
          Answer<?> answer = statements.get(i).answer();
          if (answer != null) answer.read(rows);
        });
      } else {
        for (Queued q : statements) {
          if (q.answer() != null) q.answer().query(h, q.sql(), q.args());
          else execute(q.sql(), q.args());
        }
      }
    } finally {
      queued.clear();
      rowGroups.clear();
    }
  }

  /**
   * Sends everything queued as the write's last statements. On PostgreSQL the write's commit goes in the same round
   * trip, after them (the driver then finds nothing left to commit): alone, a reply batch's commit was a fifth of its
   * time, a round trip of its own. Nothing may run on the handle afterwards, since it would begin a second
   * transaction: {@link Database#write} fails a write that does. On SQLite, where a statement costs no round trip,
   * this is {@link #flush} and the write commits as it returns.
   */
  public void finish() {
    if (oneRoundTrip && !queued.isEmpty() && h.isInTransaction()) {
      queued.add(new Queued("COMMIT", new Object[0]));
      committing.accept(h);
    }
    flush();
  }

  private static List<Queued> statements(Rows r) {
    List<Queued> statements = new ArrayList<>();
    for (int from = 0; from < r.rows().size(); from += ROWS_PER_STATEMENT) {
      List<Object[]> chunk = r.rows().subList(from, Math.min(r.rows().size(), from + ROWS_PER_STATEMENT));
      StringBuilder sql = new StringBuilder(r.head()).append(" VALUES ");
      List<Object> args = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(r.row());
        args.addAll(Arrays.asList(chunk.get(i)));
      }
      statements.add(new Queued(sql.append(' ').append(r.tail()).toString().strip(), args.toArray()));
    }
    return statements;
  }

  private void execute(String sql, Object[] args) {
    DirectSql.update(h, sql, args);
  }
}
