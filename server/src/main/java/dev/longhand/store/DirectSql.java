package dev.longhand.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Statements sent straight through JDBC on a handle's connection, for the hottest paths (the {@link Pipeline}'s
 * writes, the reads made for every batch of replies): positional parameters bound by their Java type, SQLite's
 * compiled statements reused from the {@link StatementCache}, and each statement counted as JDBI's are. A reply
 * batch's rows go in one statement of a hundred parameters; JDBI looked up an argument factory and its configuration
 * for each of them and parsed the text for named parameters, which cost more CPU than the driver's own work. Failures
 * are JDBI's exception, as from any other statement.
 */
public final class DirectSql {
  private DirectSql() {}

  /** Reads one row of a result. */
  @FunctionalInterface
  public interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** {@code n} placeholders for an {@code IN (...)} list: {@code ?, ?, ?}. */
  public static String placeholders(int n) {
    return n <= 0 ? "" : "?" + ", ?".repeat(n - 1);
  }

  /** Runs one statement; a {@code null} argument is SQL NULL, its type left to the column. */
  public static int update(Handle h, String sql, Object... args) {
    return run(h, sql, args, PreparedStatement::executeUpdate);
  }

  /** The rows of a query, read by {@code row}. */
  public static <T> List<T> query(Handle h, String sql, Row<T> row, Object... args) {
    return run(h, sql, args, s -> {
      List<T> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) out.add(row.read(rs));
      }
      return out;
    });
  }

  /**
   * Runs a text of several statements, sent in one round trip on PostgreSQL, and hands each statement's result to
   * {@code results} in order: its rows, for a statement that answers rows, else null (an update count).
   */
  static void runAll(Handle h, String sql, Object[] args, Results results) {
    run(h, sql, args, s -> {
      boolean rows = s.execute();
      for (int i = 0; ; i++) {
        if (rows) {
          try (ResultSet rs = s.getResultSet()) {
            results.next(i, rs);
          }
        } else if (s.getUpdateCount() == -1) {
          return null; // no more results
        } else {
          results.next(i, null);
        }
        rows = s.getMoreResults();
      }
    });
  }

  /** Takes the results of {@link #runAll}, one per statement, in order. */
  interface Results {
    void next(int statement, ResultSet rows) throws SQLException;
  }

  private interface Work<R> {
    R on(PreparedStatement s) throws SQLException;
  }

  private static <R> R run(Handle h, String sql, Object[] args, Work<R> work) {
    if (h.getConfig(SqlStatements.class).getSqlLogger() instanceof StatementCounts counts) counts.counted();
    StatementBuilder builder = h.getStatementBuilder();
    Connection c = h.getConnection();
    try {
      PreparedStatement cached = builder instanceof StatementCache.Builder b ? b.take(sql) : null;
      PreparedStatement s = cached != null ? cached : c.prepareStatement(sql);
      try {
        for (int i = 0; i < args.length; i++) bind(s, i + 1, args[i]);
        return work.on(s);
      } finally {
        builder.close(c, sql, s); // back to SQLite's cache, or closed
      }
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException("could not run: " + abbreviated(sql), e, null);
    }
  }

  private static void bind(PreparedStatement s, int i, Object v) throws SQLException {
    switch (v) {
      case null -> s.setNull(i, Types.NULL);
      case Long l -> s.setLong(i, l);
      case Integer n -> s.setInt(i, n);
      case String t -> s.setString(i, t);
      case Boolean b -> s.setBoolean(i, b);
      case Double d -> s.setDouble(i, d);
      case byte[] bytes -> s.setBytes(i, bytes);
      default -> throw new IllegalArgumentException("no binding for a " + v.getClass().getName() + " (parameter " + i + ")");
    }
  }

  private static String abbreviated(String sql) {
    return sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
  }
}
