package dev.longhand.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Writes sent straight through JDBC on a handle's connection, for the {@link Pipeline}: positional parameters bound
 * by their Java type, SQLite's compiled statements reused from the {@link StatementCache}, and each statement counted
 * as JDBI's are. A reply's rows go in one statement of a hundred parameters; JDBI looked up an argument factory and
 * its configuration for each of them and parsed the text for named parameters, which cost more CPU than the
 * driver's own work. Failures are JDBI's exception, as from any other statement.
 */
final class DirectSql {
  private final StatementCache cache;
  private final StatementCounts counts;

  /** {@code cache}: SQLite's compiled statements, or null (PostgreSQL's driver keeps its own). */
  DirectSql(StatementCache cache, StatementCounts counts) {
    this.cache = cache;
    this.counts = counts;
  }

  /** Runs one statement; a {@code null} argument is SQL NULL, its type left to the column. */
  int update(Handle h, String sql, Object[] args) {
    counts.counted();
    Connection c = h.getConnection();
    try {
      PreparedStatement cached = cache != null ? cache.take(c, sql) : null;
      PreparedStatement s = cached != null ? cached : c.prepareStatement(sql);
      try {
        for (int i = 0; i < args.length; i++) bind(s, i + 1, args[i]);
        return s.executeUpdate();
      } finally {
        if (cached != null) cache.giveBack(c, cached);
        else s.close();
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
