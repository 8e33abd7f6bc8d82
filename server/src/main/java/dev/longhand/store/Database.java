package dev.longhand.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.LoggerFactory;

/**
 * The database: a connection pool, the SQL dialect, migrations and the two ways in, {@link #read}
 * and {@link #write}. A write runs in one transaction; after it commits, the commit listeners (the
 * outbox dispatcher) are woken so side effects follow at once.
 *
 * <p>SQLite allows one writer at a time, so its writes go through a {@link GroupCommitWriter}
 * (one thread, batches committed together) rather than failing with SQLITE_BUSY; reads run in
 * parallel thanks to WAL mode. PostgreSQL runs writes concurrently and groups commits itself.
 */
public final class Database implements AutoCloseable {

  public enum Dialect { SQLITE, POSTGRESQL }

  /** The name SQLite's group-commit writer reports its batches under. */
  public static final String GROUP_COMMIT = "group-commit";

  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
  private final List<BatchWriter<?, ?>> batchWriters = new CopyOnWriteArrayList<>();
  private final GroupCommitWriter sqliteWriter;
  private final WalCheckpointer checkpointer;
  private final PlannerStatistics statistics;
  private final StatementCache statements;
  private final StatementCounts statementCounts = new StatementCounts();
  /** Handles of PostgreSQL writes a pipeline is committing ({@link Pipeline#finish}), until the write returns. */
  private final Set<Handle> finished = ConcurrentHashMap.newKeySet();
  private NodeLink link;
  /** Closed before the database itself ({@link #closeWith}), last added first. */
  private final List<AutoCloseable> closeFirst = new CopyOnWriteArrayList<>();

  /**
   * Off only in KillNineTest's server: its simulated power cut cuts the log back to what was synced, which a
   * checkpoint that copied later frames into the database file meanwhile would make inconsistent.
   */
  static volatile boolean checkpointInBackground = true;

  /**
   * SQL text parsed into statements with named parameters, kept once for the process: JDBI keeps one cache per
   * {@link Jdbi}, and a process that opens databases one after another (the test suite starts over a hundred servers,
   * the benchmarks several) parsed every statement again for each, about 7% of the suite's CPU.
   */
  private static final ColonPrefixSqlParser PARSED_SQL = new ColonPrefixSqlParser();
  private volatile BatchObserver batchObserver = (writer, size) -> {};

  /** Told the size of every batch a writer commits together, for metrics. */
  @FunctionalInterface
  public interface BatchObserver {
    void batch(String writer, int size);
  }

  private Database(HikariDataSource pool, Dialect dialect, Path sqliteLog) {
    this.pool = pool;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(pool);
    jdbi.getConfig(SqlStatements.class).setSqlParser(PARSED_SQL);
    this.statements = dialect == Dialect.SQLITE ? new StatementCache() : null;
    if (statements != null) jdbi.setStatementBuilderFactory(statements);
    jdbi.setSqlLogger(statementCounts);
    this.checkpointer = dialect == Dialect.SQLITE && checkpointInBackground ? new WalCheckpointer(jdbi) : null;
    this.statistics = dialect == Dialect.POSTGRESQL ? new PlannerStatistics(jdbi) : null;
    this.sqliteWriter = dialect == Dialect.SQLITE ? new GroupCommitWriter(jdbi, sqliteLog, this::committed) : null;
    if (sqliteWriter != null) sqliteWriter.observeBatchSizes(size -> batchObserver.batch(GROUP_COMMIT, size));
  }

  /**
   * Large values (a digest's HTML and text, the mail queued with it, long posts) are compressed by PostgreSQL with
   * lz4 rather than its default pglz, on every connection of the pool. pglz was the largest part of composing the
   * morning digests: writing 100,000 digests and their mails took 58 s of PostgreSQL's 98 s of CPU, 19 s with lz4
   * ({@code ./longhand bench digests}, 2026-12-06). A server built without lz4 refuses the setting; it then keeps
   * its default, as before.
   */
  static final String LZ4_VALUES =
      "DO $$ BEGIN SET default_toast_compression = 'lz4'; EXCEPTION WHEN invalid_parameter_value THEN NULL; END $$";

  public static Database open(String jdbcUrl) {
    Dialect dialect = dialectOf(jdbcUrl);
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    hc.setPoolName("longhand");
    Path sqliteLog = null;
    if (dialect == Dialect.SQLITE) {
      Path file = sqliteFile(jdbcUrl);
      sqliteLog = file == null ? null : Path.of(file + "-wal");
      hc.setMaximumPoolSize(8);
      // Durability first: every acknowledged write is on disk, so it survives kill -9 and power
      // loss, as with synchronous=FULL. SQLite's commit only writes the log (NORMAL); the
      // GroupCommitWriter fsyncs it before it tells anyone, overlapped with the next batch.
      // A database in memory has no log: FULL there costs nothing and keeps SQLite's default.
      hc.addDataSourceProperty("journal_mode", "WAL");
      hc.addDataSourceProperty("synchronous", sqliteLog == null ? "FULL" : "NORMAL");
      hc.addDataSourceProperty("busy_timeout", "10000");
      hc.addDataSourceProperty("foreign_keys", "true");
      // Keep hot pages in memory (64 MB per connection at most).
      hc.addDataSourceProperty("cache_size", "-65536");
      // Temporary files in memory: above all the statement journal that every savepoint of the
      // group-commit writer needs (the original of each page a write touches first). On disk that
      // was two pwrite calls per page, about 40% of the writer's system calls; it only serves a
      // rollback to a savepoint inside an open transaction, so durability does not depend on it.
      hc.addDataSourceProperty("temp_store", "MEMORY");
      // The log is checkpointed by WalCheckpointer on its own thread; a commit checkpoints only
      // as a backstop, once the log passes 10,000 pages (40 MB).
      hc.addDataSourceProperty("wal_autocheckpoint", "10000");
    } else {
      hc.setMaximumPoolSize(16);
      // Connections are opened as work needs them and idle ones above two closed after ten minutes: with several
      // nodes (and a test run's many servers) on one PostgreSQL, sixteen held by each idle pool ran out of
      // max_connections.
      hc.setMinimumIdle(2);
      // With PostgreSQL out of reach (restarting, failing over to a standby), a request waits this long for a
      // connection and is then answered 503 with Retry-After, rather than hanging for the pool's default 30 s.
      hc.setConnectionTimeout(5_000);
      hc.setConnectionInitSql(LZ4_VALUES);
    }
    return new Database(new HikariDataSource(hc), dialect, sqliteLog);
  }

  public static Dialect dialectOf(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) return Dialect.SQLITE;
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return Dialect.POSTGRESQL;
    throw new IllegalArgumentException(
        "LONGHAND_DATABASE_URL must be a jdbc:postgresql:// URL (or empty for embedded SQLite), not " + jdbcUrl);
  }

  /** PostgreSQL: analyzes the tables whose planner statistics fell far behind now ({@link PlannerStatistics}); their names. */
  List<String> analyzeStale() {
    return statistics == null ? List.of() : statistics.analyzeStale();
  }

  /** Runs the portable migrations plus the vendor's own folder. */
  public void migrate() {
    String vendor = dialect == Dialect.SQLITE ? "sqlite" : "postgresql";
    Flyway.configure()
        .dataSource(pool)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
        .group(true) // a new database's migrations in one transaction: one commit (one fsync) rather than one each
        .load()
        .migrate();
  }

  public Dialect dialect() {
    return dialect;
  }

  public <T> T read(HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (RuntimeException e) {
      throw lostConnections(e);
    }
  }

  /** Runs {@code work} in one transaction; returns once it is durably committed. */
  public <T> T write(HandleCallback<T, RuntimeException> work) {
    HandleCallback<T, RuntimeException> counted = statementCounts.forCaller(work);
    if (sqliteWriter != null) return sqliteWriter.write(counted);
    T result;
    try {
      result = jdbi.inTransaction(h -> {
        try {
          T r = counted.withHandle(h);
          if (finished.contains(h) && inTransaction(h)) {
            throw new IllegalStateException("the write ran statements after its pipeline had committed it (Pipeline.finish)");
          }
          return r;
        } finally {
          finished.remove(h);
        }
      });
    } catch (RuntimeException e) {
      throw lostConnections(e);
    }
    committed();
    return result;
  }

  /**
   * A failure that shows PostgreSQL's connections were cut (it restarted, or a standby took over) retires every idle
   * connection of the pool at once, rather than let each following request find another dead one (after a failover
   * every pooled connection is dead); the pool opens new ones as they are needed.
   */
  private RuntimeException lostConnections(RuntimeException e) {
    if (dialect == Dialect.POSTGRESQL && StorageUnavailable.databaseOutOfReach(e) && pool.getHikariPoolMXBean() != null) {
      pool.getHikariPoolMXBean().softEvictConnections();
    }
    return e;
  }

  private void committed() {
    if (checkpointer != null) checkpointer.committed();
    for (Runnable listener : commitListeners) listener.run();
  }

  /** Whether PostgreSQL has a transaction open on the handle's connection, as its driver last heard. */
  private static boolean inTransaction(Handle h) {
    try {
      return h.getConnection().unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
    } catch (SQLException e) {
      throw new IllegalStateException("a PostgreSQL write's connection is not PostgreSQL's", e);
    }
  }

  /** A pipeline of writes on {@code h}, a handle of a write: one round trip on PostgreSQL when flushed. */
  public Pipeline pipeline(Handle h) {
    return new Pipeline(h, dialect == Dialect.POSTGRESQL, finished::add);
  }

  public void writeAll(java.util.function.Consumer<Handle> work) {
    write(h -> {
      work.accept(h);
      return null;
    });
  }

  /**
   * A {@link BatchWriter} for concurrent writes of one kind, at most {@code maxBatch} items a transaction; closed
   * with the database, before its connections.
   */
  public <T, R> BatchWriter<T, R> batchWriter(String name, int maxBatch, BatchWriter.Together<T, R> together,
                                              BatchWriter.Alone<T, R> alone) {
    return batchWriter(name, maxBatch, null, together, alone);
  }

  /**
   * {@link #batchWriter(String, int, BatchWriter.Together, BatchWriter.Alone)} whose items each lock a row
   * ({@code lockKey}): on PostgreSQL a batch leaves out the items whose row the batch being written holds, for the
   * next; SQLite, whose one writer takes batches one at a time, takes them as they come.
   */
  public <T, R> BatchWriter<T, R> batchWriter(String name, int maxBatch, Function<T, Object> lockKey,
                                              BatchWriter.Together<T, R> together, BatchWriter.Alone<T, R> alone) {
    BatchWriter<T, R> writer = new BatchWriter<>(name, maxBatch, BatchWriter.IN_FLIGHT,
        dialect == Dialect.POSTGRESQL ? lockKey : null, together, alone);
    writer.observeBatchSizes(size -> batchObserver.batch(name, size));
    batchWriters.add(writer);
    return writer;
  }

  /** Reports batch sizes of the group-commit writer and every {@link BatchWriter} to {@code observer}. */
  public void observeBatches(BatchObserver observer) {
    this.batchObserver = observer;
  }

  /** Reports the connection pool's figures (HikariCP's own metrics) through {@code factory}; once. */
  public void trackPool(MetricsTrackerFactory factory) {
    pool.setMetricsTrackerFactory(factory);
  }

  /** Whether the database answers a trivial query within {@code timeout}. */
  public boolean answers(java.time.Duration timeout) {
    java.util.concurrent.CompletableFuture<Boolean> answer = new java.util.concurrent.CompletableFuture<>();
    Thread.ofVirtual().name("database-ping").start(() -> {
      try {
        answer.complete(read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1);
      } catch (RuntimeException e) {
        answer.complete(false);
      }
    });
    try {
      return answer.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * This node's line to the other nodes on this database ({@link NodeLink}): opened on first use, so that tools that
   * open the database hold no listening connection; closed with the database.
   */
  public synchronized NodeLink link() {
    if (link == null) link = new NodeLink(this, dialect == Dialect.POSTGRESQL ? pool.getJdbcUrl() : null);
    return link;
  }

  public void onCommit(Runnable listener) {
    commitListeners.add(listener);
  }

  /** SQLite statements compiled and kept for reuse, over all connections; for tests. */
  int statementsCached() {
    return statements == null ? 0 : statements.size();
  }

  /** The statements sent, counted when a test turns counting on. */
  public StatementCounts statementCounts() {
    return statementCounts;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Closes {@code resource} first when the database closes: something that needs the database to let go (a lease). */
  public void closeWith(AutoCloseable resource) {
    closeFirst.add(resource);
  }

  @Override
  public void close() {
    for (AutoCloseable r : closeFirst.reversed()) {
      try {
        r.close();
      } catch (Exception e) {
        LoggerFactory.getLogger(Database.class).warn("could not close {} with the database", r, e);
      }
    }
    closeFirst.clear();
    synchronized (this) {
      if (link != null) link.close();
    }
    batchWriters.forEach(BatchWriter::close);
    if (sqliteWriter != null) sqliteWriter.close();
    if (checkpointer != null) checkpointer.close();
    if (statistics != null) statistics.close();
    pool.close();
  }

  /** The database file of a SQLite URL, its directory created; {@code null} for a database in memory. */
  private static Path sqliteFile(String jdbcUrl) {
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    if (file.contains("mode=memory")) return null;
    int query = file.indexOf('?');
    if (query >= 0) file = file.substring(0, query);
    if (file.startsWith("file:")) file = file.substring("file:".length());
    if (file.isEmpty() || file.startsWith(":memory:")) return null;
    try {
      Path path = Path.of(file).toAbsolutePath();
      if (path.getParent() != null) Files.createDirectories(path.getParent());
      return path;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create the data directory for " + file, e);
    }
  }
}
