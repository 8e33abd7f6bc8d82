package dev.longhand.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps SQLite's compiled statements per connection, as PostgreSQL's driver does on its own.
 * SQLite compiles every statement it is given; under load, compiling the same few dozen SQL
 * texts again and again was 11% of all CPU and 18% of the single writer's (a thread lookup spent
 * more time being compiled than being run).
 *
 * <p>Statements are prepared on the pooled connection itself, not on the pool's wrapper, so they
 * outlive one borrowing of the connection; JDBI's close returns them to the cache, where the
 * next execution rebinds every parameter. A statement still open when the same SQL is asked for
 * again (a query iterated while it runs itself) gets a fresh, uncached one. Statements that
 * return generated keys or update result sets are never cached. Each connection keeps at most
 * {@link #PER_CONNECTION} texts, least recently used first out; caches of closed connections are
 * dropped as new handles open.
 */
final class StatementCache implements StatementBuilderFactory {
  static final int PER_CONNECTION = 256;

  private final Map<Connection, Statements> byConnection = new ConcurrentHashMap<>();

  @Override
  public StatementBuilder createStatementBuilder(Connection conn) {
    Connection raw = unwrapped(conn);
    Statements cached = byConnection.get(raw);
    if (cached == null) {
      byConnection.keySet().removeIf(StatementCache::isClosed);
      cached = byConnection.computeIfAbsent(raw, c -> new Statements());
    }
    return new Builder(raw, cached);
  }

  /** How many statements are cached for all connections together; for tests. */
  int size() {
    return byConnection.values().stream().mapToInt(Statements::size).sum();
  }

  private static Connection unwrapped(Connection conn) {
    try {
      return conn.isWrapperFor(org.sqlite.SQLiteConnection.class) ? conn.unwrap(org.sqlite.SQLiteConnection.class) : conn;
    } catch (SQLException e) {
      return conn;
    }
  }

  private static boolean isClosed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** One connection's statements; used by one handle at a time, locked anyway for safety. */
  private static final class Statements {
    private final Map<String, PreparedStatement> bySql = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
        if (size() <= PER_CONNECTION) return false;
        if (!inUse.contains(eldest.getValue())) closeQuietly(eldest.getValue());
        else orphans.add(eldest.getValue());
        return true;
      }
    };
    private final Set<Statement> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Evicted while in use: closed when handed back. */
    private final Set<Statement> orphans = Collections.newSetFromMap(new IdentityHashMap<>());

    synchronized PreparedStatement take(Connection raw, String sql) throws SQLException {
      PreparedStatement s = bySql.get(sql);
      if (s != null && inUse.contains(s)) return null; // the same SQL, still running: not shared
      if (s == null || s.isClosed()) {
        s = raw.prepareStatement(sql);
        bySql.put(sql, s);
      }
      inUse.add(s);
      return s;
    }

    /** Returns the statement; false when it was not one of ours. */
    synchronized boolean giveBack(Statement s) {
      if (!inUse.remove(s)) return false;
      if (orphans.remove(s)) closeQuietly(s);
      return true;
    }

    synchronized int size() {
      return bySql.size();
    }
  }

  /** A handle's statements: JDBI's, and {@link DirectSql}'s through {@link #take} and {@link #close}. */
  static final class Builder implements StatementBuilder {
    private final DefaultStatementBuilder plain = new DefaultStatementBuilder();
    private final Connection raw;
    private final Statements cached;

    Builder(Connection raw, Statements cached) {
      this.raw = raw;
      this.cached = cached;
    }

    /**
     * The connection's compiled statement for {@code sql}, or null when it is in use already (then prepare one of your
     * own); either goes back through {@link #close}.
     */
    PreparedStatement take(String sql) throws SQLException {
      return cached.take(raw, sql);
    }

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
      return plain.create(conn, ctx);
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
      if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) return plain.create(conn, sql, ctx);
      PreparedStatement s = cached.take(raw, sql);
      return s != null ? s : plain.create(conn, sql, ctx);
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
      return plain.createCall(conn, sql, ctx);
    }

    @Override
    public void close(Connection conn, String sql, Statement stmt) throws SQLException {
      if (cached.giveBack(stmt)) {
        stmt.clearBatch();
        ((PreparedStatement) stmt).clearParameters();
      } else {
        plain.close(conn, sql, stmt);
      }
    }
  }

  private static void closeQuietly(Statement s) {
    try {
      s.close();
    } catch (SQLException ignored) {
      // The connection may be gone already; nothing is left to free then.
    }
  }
}
