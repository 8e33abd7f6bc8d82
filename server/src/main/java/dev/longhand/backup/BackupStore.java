package dev.longhand.backup;

import dev.longhand.store.Database.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Every statement of backup and restore, on plain JDBC connections of their own (neither command starts the server's
 * pool or writer): the snapshot ({@code VACUUM INTO} on SQLite, one REPEATABLE READ READ ONLY transaction on
 * PostgreSQL), the tables and columns of a schema, rows read and inserted by column type, the schema version, and the
 * restore marker table of a PostgreSQL target.
 */
final class BackupStore {
  /**
   * A PostgreSQL target being restored has this schema until the restore ends, and a database with it counts as empty.
   * A schema of its own, not a table: Flyway refuses to migrate a schema that has tables but no history of its own.
   */
  static final String MARKER_SCHEMA = "longhand_restore_in_progress";
  private static final String HISTORY = "flyway_schema_history";

  private BackupStore() {}

  /** A connection to {@code jdbcUrl}, outside any pool; SQLite with foreign keys checked and a patient busy timeout. */
  static Connection connect(String jdbcUrl) throws SQLException {
    Properties p = new Properties();
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      p.setProperty("busy_timeout", "30000");
      p.setProperty("foreign_keys", "true");
    } else {
      p.setProperty("reWriteBatchedInserts", "true");
    }
    return DriverManager.getConnection(jdbcUrl, p);
  }

  /** Copies the live SQLite database into {@code target} in one read transaction, while its server keeps writing. */
  static void vacuumInto(Connection live, java.nio.file.Path target) throws SQLException {
    try (Statement s = live.createStatement()) {
      s.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
    }
  }

  /** Starts the one transaction every table of a PostgreSQL snapshot is read in. */
  static void beginSnapshot(Connection c) throws SQLException {
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setReadOnly(true);
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }
  }

  /** Longhand's tables (not Flyway's history, not the restore marker), by name. */
  static List<String> tables(Connection c, Dialect dialect) throws SQLException {
    String sql = dialect == Dialect.SQLITE
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
    TreeSet<String> names = new TreeSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) names.add(rs.getString(1));
    }
    names.remove(HISTORY);
    return List.copyOf(names);
  }

  /** Whether the database has any table at all (Flyway's history counts), and whether it carries the restore marker. */
  record State(boolean anyTable, boolean marked) {}

  static State state(Connection c, Dialect dialect) throws SQLException {
    boolean any = !tables(c, dialect).isEmpty() || hasHistory(c, dialect);
    if (dialect == Dialect.SQLITE) return new State(any, false);
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
      s.setString(1, MARKER_SCHEMA);
      try (ResultSet rs = s.executeQuery()) {
        return new State(any, rs.next());
      }
    }
  }

  private static boolean hasHistory(Connection c, Dialect dialect) throws SQLException {
    String sql = dialect == Dialect.SQLITE
        ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + HISTORY + "'"
        : "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '" + HISTORY + "'";
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next();
    }
  }

  /** Marks a PostgreSQL database as being restored into (autocommit). */
  static void mark(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + MARKER_SCHEMA);
    }
  }

  static void unmark(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + MARKER_SCHEMA + " CASCADE");
    }
  }

  /** Drops every table of the current schema: what an interrupted restore of a PostgreSQL target left behind. */
  static void dropAll(Connection c, Dialect dialect) throws SQLException {
    List<String> all = new ArrayList<>(tables(c, dialect));
    all.add(HISTORY);
    try (Statement s = c.createStatement()) {
      for (String t : all) s.execute("DROP TABLE IF EXISTS " + quote(t) + (dialect == Dialect.POSTGRESQL ? " CASCADE" : ""));
    }
  }

  /** The columns of a table in their order, with their archive types. */
  static List<Manifest.Column> columns(Connection c, Dialect dialect, String table) throws SQLException {
    List<Manifest.Column> columns = new ArrayList<>();
    if (dialect == Dialect.SQLITE) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
        while (rs.next()) columns.add(new Manifest.Column(rs.getString("name"), ColumnType.of(table, rs.getString("name"), rs.getString("type"))));
      }
    } else {
      try (PreparedStatement s = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
          + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
        s.setString(1, table);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) columns.add(new Manifest.Column(rs.getString(1), ColumnType.of(table, rs.getString(1), rs.getString(2))));
        }
      }
    }
    return columns;
  }

  static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The highest successful migration of the database. */
  static int appliedSchemaVersion(Connection c) throws SQLException {
    int max = 0;
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL")) {
      while (rs.next()) max = Math.max(max, Integer.parseInt(rs.getString(1)));
    }
    return max;
  }

  /** One row of a table as the archive writes it: values by column type, null where the database has none. */
  @FunctionalInterface
  interface RowSink {
    void row(Object[] values) throws java.io.IOException;
  }

  /**
   * Columns that say where this database is rather than what it holds, left out of archives: PostgreSQL's outbox
   * transaction ids ({@code outbox.tx}), which mean nothing in another cluster (or in SQLite).
   */
  static boolean placeOnly(String table, String column) {
    return table.equals("outbox") && column.equals("tx");
  }

  /**
   * What a column is archived as. A PostgreSQL outbox cursor is a transaction position ({@code tx}); archives carry
   * event ids, as SQLite's cursors are: the event just before the oldest the consumer has not handled, so that a
   * restore repeats at most a few events (consumers take repeats) and never skips one.
   */
  private static String archived(String table, String column, Dialect dialect) {
    if (dialect == Dialect.POSTGRESQL && table.equals("outbox_cursors") && column.equals("position")) {
      return "COALESCE((SELECT MIN(o.id) - 1 FROM outbox o WHERE o.tx > outbox_cursors.position), "
          + "(SELECT MAX(o.id) FROM outbox o), 0) AS position";
    }
    return quote(column);
  }

  /**
   * On PostgreSQL, after a restore: the restored events, which took the restoring transactions' ids, are placed below
   * every transaction to come in their id order (the oldest at minus their count, the newest at -1), and each
   * consumer's cursor (an event id in the archive) at the same place among them, as migration V40 placed the events
   * stored before it. Events written from now on follow them; none is passed.
   */
  static void placeRestoredEvents(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE outbox_cursors SET position = -1 - (SELECT COUNT(*) FROM outbox o WHERE o.id > outbox_cursors.position)");
      s.executeUpdate("UPDATE outbox SET tx = ranked.tx FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id DESC) * -1 AS tx FROM outbox) ranked "
          + "WHERE outbox.id = ranked.id");
    }
  }

  static void eachRow(Connection c, Dialect dialect, String table, List<Manifest.Column> columns, RowSink sink)
      throws SQLException, java.io.IOException {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) sql.append(i == 0 ? "" : ", ").append(archived(table, columns.get(i).name(), dialect));
    sql.append(" FROM ").append(quote(table));
    try (Statement s = c.createStatement()) {
      s.setFetchSize(1000);
      try (ResultSet rs = s.executeQuery(sql.toString())) {
        Object[] values = new Object[columns.size()];
        while (rs.next()) {
          for (int i = 0; i < values.length; i++) {
            Object v = switch (columns.get(i).type()) {
              case ColumnType.INTEGER -> rs.getLong(i + 1);
              case ColumnType.REAL -> rs.getDouble(i + 1);
              case ColumnType.BYTES -> rs.getBytes(i + 1);
              default -> rs.getString(i + 1);
            };
            values[i] = rs.wasNull() ? null : v;
          }
          sink.row(values);
        }
      }
    }
  }

  /** Foreign keys of the target schema: for each table, the tables it references (itself included) and by which column. */
  record ForeignKey(String table, String column, String references) {}

  static List<ForeignKey> foreignKeys(Connection c, Dialect dialect, List<String> tables) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String schema = dialect == Dialect.POSTGRESQL ? c.getSchema() : null;
    List<ForeignKey> keys = new ArrayList<>();
    for (String t : tables) {
      try (ResultSet rs = meta.getImportedKeys(null, schema, t)) {
        while (rs.next()) keys.add(new ForeignKey(t, rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME")));
      }
    }
    return keys;
  }

  static List<String> primaryKey(Connection c, Dialect dialect, String table) throws SQLException {
    Map<Integer, String> byPosition = new java.util.TreeMap<>();
    try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, dialect == Dialect.POSTGRESQL ? c.getSchema() : null, table)) {
      while (rs.next()) byPosition.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
    }
    return List.copyOf(byPosition.values());
  }

  /** An insert of whole rows into one table, batched; values bound by their archive type. */
  static PreparedStatement insert(Connection c, String table, List<Manifest.Column> columns) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table)).append(" (");
    for (int i = 0; i < columns.size(); i++) sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i).name()));
    sql.append(") VALUES (").append("?, ".repeat(columns.size() - 1)).append("?)");
    return c.prepareStatement(sql.toString());
  }

  /** {@code UPDATE table SET column = ? WHERE key = ?...}: a column that refers to its own table, set once all rows are in. */
  static PreparedStatement update(Connection c, String table, String column, List<String> key) throws SQLException {
    StringBuilder sql = new StringBuilder("UPDATE ").append(quote(table)).append(" SET ").append(quote(column)).append(" = ? WHERE ");
    for (int i = 0; i < key.size(); i++) sql.append(i == 0 ? "" : " AND ").append(quote(key.get(i))).append(" = ?");
    return c.prepareStatement(sql.toString());
  }

  static void bind(PreparedStatement s, int index, String type, Object value) throws SQLException {
    switch (type) {
      case ColumnType.INTEGER -> {
        if (value == null) s.setNull(index, java.sql.Types.BIGINT);
        else s.setLong(index, (Long) value);
      }
      case ColumnType.REAL -> {
        if (value == null) s.setNull(index, java.sql.Types.DOUBLE);
        else s.setDouble(index, (Double) value);
      }
      case ColumnType.BYTES -> {
        if (value == null) s.setNull(index, java.sql.Types.BINARY);
        else s.setBytes(index, (byte[]) value);
      }
      default -> {
        if (value == null) s.setNull(index, java.sql.Types.VARCHAR);
        else s.setString(index, (String) value);
      }
    }
  }

  /** Moves SQLite's write-ahead log into the database file, so the restored file stands alone. */
  static void checkpoint(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
