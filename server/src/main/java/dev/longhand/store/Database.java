package dev.longhand.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

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

  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
  private final GroupCommitWriter sqliteWriter;
  private final WalCheckpointer checkpointer;

  private Database(HikariDataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(pool);
    this.checkpointer = dialect == Dialect.SQLITE ? new WalCheckpointer(jdbi) : null;
    this.sqliteWriter = dialect == Dialect.SQLITE ? new GroupCommitWriter(jdbi, this::committed) : null;
  }

  public static Database open(String jdbcUrl) {
    Dialect dialect = dialectOf(jdbcUrl);
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    hc.setPoolName("longhand");
    if (dialect == Dialect.SQLITE) {
      createParentDirectory(jdbcUrl);
      hc.setMaximumPoolSize(8);
      // Durability first: WAL with synchronous=FULL survives kill -9 and power loss.
      hc.addDataSourceProperty("journal_mode", "WAL");
      hc.addDataSourceProperty("synchronous", "FULL");
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
    }
    return new Database(new HikariDataSource(hc), dialect);
  }

  public static Dialect dialectOf(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) return Dialect.SQLITE;
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return Dialect.POSTGRESQL;
    throw new IllegalArgumentException(
        "LONGHAND_DATABASE_URL must be a jdbc:postgresql:// URL (or empty for embedded SQLite), not " + jdbcUrl);
  }

  /** Runs the portable migrations plus the vendor's own folder. */
  public void migrate() {
    String vendor = dialect == Dialect.SQLITE ? "sqlite" : "postgresql";
    Flyway.configure()
        .dataSource(pool)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
        .load()
        .migrate();
  }

  public Dialect dialect() {
    return dialect;
  }

  public <T> T read(HandleCallback<T, RuntimeException> work) {
    return jdbi.withHandle(work);
  }

  /** Runs {@code work} in one transaction; returns once it is durably committed. */
  public <T> T write(HandleCallback<T, RuntimeException> work) {
    if (sqliteWriter != null) return sqliteWriter.write(work);
    T result = jdbi.inTransaction(work);
    committed();
    return result;
  }

  private void committed() {
    if (checkpointer != null) checkpointer.committed();
    for (Runnable listener : commitListeners) listener.run();
  }

  public void writeAll(java.util.function.Consumer<Handle> work) {
    write(h -> {
      work.accept(h);
      return null;
    });
  }

  public void onCommit(Runnable listener) {
    commitListeners.add(listener);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public void close() {
    if (sqliteWriter != null) sqliteWriter.close();
    if (checkpointer != null) checkpointer.close();
    pool.close();
  }

  private static void createParentDirectory(String jdbcUrl) {
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    if (query >= 0) file = file.substring(0, query);
    if (file.isEmpty() || file.startsWith(":memory:")) return;
    try {
      Path parent = Path.of(file).toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create the data directory for " + file, e);
    }
  }
}
