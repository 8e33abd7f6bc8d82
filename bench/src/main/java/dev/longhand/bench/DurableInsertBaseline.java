package dev.longhand.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.Histogram;

/**
 * The raw ceiling: single-row inserts through plain JDBC, each its own durable (autocommit)
 * transaction, from N threads for a fixed time. SQLite gets one connection behind a lock, the way
 * Longhand itself writes to it (one writer, WAL, synchronous=FULL); PostgreSQL gets one connection
 * per thread.
 */
final class DurableInsertBaseline {
  /** In its own schema, so the server's migrations still find an empty public schema. */
  static final String PG_TABLE = "baseline.single_row";
  private static final String BODY = "x".repeat(160);

  private DurableInsertBaseline() {}

  /** One insert of one row with the given id; called by one thread at a time per instance. */
  private interface Insert {
    void run(long id) throws SQLException;
  }

  static Throughput sqlite(String url, int threads, Duration duration) throws SQLException, InterruptedException {
    Properties p = new Properties();
    p.setProperty("journal_mode", "WAL");
    p.setProperty("synchronous", "FULL");
    try (Connection c = DriverManager.getConnection(url, p)) {
      try (Statement s = c.createStatement()) {
        createTable(s, "single_row");
      }
      String settings = "one connection behind a lock; journal_mode=" + pragma(c, "journal_mode")
          + ", synchronous=" + pragma(c, "synchronous") + " (2 = FULL)";
      PreparedStatement insert = c.prepareStatement(insertSql("single_row"));
      ReentrantLock writer = new ReentrantLock(true);
      List<Insert> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workers.add(id -> {
          writer.lock();
          try {
            bind(insert, id).executeUpdate();
          } finally {
            writer.unlock();
          }
        });
      }
      return measure("JDBC, " + threads + " threads", workers, duration, settings);
    }
  }

  static Throughput postgresql(String url, int threads, Duration duration) throws SQLException, InterruptedException {
    List<Connection> connections = new ArrayList<>();
    try {
      String settings;
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS baseline");
        createTable(s, PG_TABLE);
        settings = threads + " connections; fsync=" + show(s, "fsync") + ", synchronous_commit=" + show(s, "synchronous_commit")
            + ", wal_sync_method=" + show(s, "wal_sync_method");
      }
      List<Insert> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Connection c = DriverManager.getConnection(url);
        connections.add(c);
        PreparedStatement insert = c.prepareStatement(insertSql(PG_TABLE));
        workers.add(id -> bind(insert, id).executeUpdate());
      }
      return measure("JDBC, " + threads + " connections", workers, duration, settings);
    } finally {
      for (Connection c : connections) c.close();
    }
  }

  /** Creates the baseline's table in a PostgreSQL database without measuring anything: pgbench alone needs it. */
  static void preparePostgresql(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS baseline");
      createTable(s, PG_TABLE);
    }
  }

  private static void createTable(Statement s, String table) throws SQLException {
    s.execute("CREATE TABLE IF NOT EXISTS " + table
        + " (id BIGINT PRIMARY KEY, thread_id BIGINT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL)");
  }

  private static String insertSql(String table) {
    return "INSERT INTO " + table + " (id, thread_id, body, created_at) VALUES (?, ?, ?, ?)";
  }

  private static PreparedStatement bind(PreparedStatement ps, long id) throws SQLException {
    ps.setLong(1, id);
    ps.setLong(2, id % 100);
    ps.setString(3, BODY);
    ps.setLong(4, System.currentTimeMillis());
    return ps;
  }

  /** Runs every worker on its own platform thread until the time is up. */
  private static Throughput measure(String method, List<Insert> workers, Duration duration, String settings)
      throws InterruptedException, SQLException {
    AtomicLong ids = new AtomicLong();
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    SQLException[] failure = new SQLException[1];
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    for (Insert worker : workers) {
      Histogram h = Throughput.newHistogram();
      histograms.add(h);
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            worker.run(ids.incrementAndGet());
            h.recordValue(Math.min((System.nanoTime() - t0) / 1000, h.getHighestTrackableValue()));
          }
        } catch (SQLException e) {
          synchronized (failure) {
            failure[0] = e;
          }
        }
      }));
    }
    for (Thread t : threads) t.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure[0] != null) throw failure[0];
    Histogram all = Throughput.newHistogram();
    histograms.forEach(all::add);
    return new Throughput(method, all.getTotalCount(), seconds, all, settings);
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
      return r.next() ? r.getString(1) : "?";
    }
  }

  private static String show(Statement s, String name) throws SQLException {
    try (ResultSet r = s.executeQuery("SHOW " + name)) {
      return r.next() ? r.getString(1) : "?";
    }
  }
}
