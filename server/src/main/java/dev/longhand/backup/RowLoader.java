package dev.longhand.backup;

import com.fasterxml.jackson.core.JsonParser;
import dev.longhand.store.Database.Dialect;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import me.tongfei.progressbar.ProgressBar;

/**
 * Loads the archive's tables into a migrated, empty database: tables in the order of their foreign keys (a table after
 * those it refers to), a column that refers to its own table set once all its rows are in; each table in one
 * transaction, its bytes checked against the manifest again as they are read.
 */
final class RowLoader {
  private static final int BATCH = 1000;

  private RowLoader() {}

  static long load(ZipFile zip, Manifest m, String url, Dialect dialect, ProgressBar bar) throws IOException, SQLException {
    Map<String, Manifest.Entry> entries = new HashMap<>();
    for (Manifest.Entry e : m.entries()) entries.put(e.name(), e);
    long rows = 0;
    try (Connection c = BackupStore.connect(url)) {
      List<String> present = BackupStore.tables(c, dialect);
      for (Manifest.Table t : m.tables()) {
        if (!present.contains(t.name())) throw new IllegalStateException("the archive's table " + t.name() + " is not in this Longhand's schema");
      }
      List<BackupStore.ForeignKey> keys = BackupStore.foreignKeys(c, dialect, present);
      c.setAutoCommit(false);
      for (Manifest.Table t : ordered(m.tables(), keys)) {
        Set<String> targetColumns = new HashSet<>();
        for (Manifest.Column col : BackupStore.columns(c, dialect, t.name())) targetColumns.add(col.name());
        Set<Integer> deferred = new TreeSet<>();
        for (int i = 0; i < t.columns().size(); i++) {
          String name = t.columns().get(i).name();
          if (!targetColumns.contains(name)) throw new IllegalStateException("column " + t.name() + "." + name + " is not in this Longhand's schema");
          for (BackupStore.ForeignKey k : keys) if (k.table().equals(t.name()) && k.references().equals(t.name()) && k.column().equals(name)) deferred.add(i);
        }
        rows += table(c, zip, t, entries.get(t.entry()), deferred, dialect, bar);
        c.commit();
      }
      if (dialect == Dialect.POSTGRESQL) {
        BackupStore.placeRestoredEvents(c);
        c.commit();
      }
      if (dialect == Dialect.SQLITE) {
        c.setAutoCommit(true);
        BackupStore.checkpoint(c);
      }
    }
    return rows;
  }

  private static long table(Connection c, ZipFile zip, Manifest.Table t, Manifest.Entry entry, Set<Integer> deferred, Dialect dialect,
      ProgressBar bar) throws IOException, SQLException {
    List<Object[]> later = new ArrayList<>();
    long n = 0;
    try (InputStream raw = zip.getInputStream(zip.getEntry(entry.name()));
         PreparedStatement insert = BackupStore.insert(c, t.name(), t.columns())) {
      Digests.In in = new Digests.In(new BufferedInputStream(raw, 1 << 16));
      try (JsonParser p = Backup.JSON.getFactory().createParser(in)) {
        for (Object[] row; (row = Rows.read(p, t.name(), t.columns())) != null; ) {
          boolean refers = false;
          for (int i = 0; i < row.length; i++) {
            boolean defer = deferred.contains(i) && row[i] != null;
            refers |= defer;
            BackupStore.bind(insert, i + 1, t.columns().get(i).type(), defer ? null : row[i]);
          }
          if (refers) later.add(row);
          insert.addBatch();
          if (++n % BATCH == 0) insert.executeBatch();
          bar.step();
        }
        insert.executeBatch();
      }
      Manifest.Entry read = in.drain(entry.name());
      if (!read.sha256().equals(entry.sha256()) || n != t.rows()) {
        throw new ArchiveCheck.Refused("the archive changed while it was restored: entry " + entry.name() + " no longer matches its checksum");
      }
    }
    if (!later.isEmpty()) selfReferences(c, t, deferred, later, dialect);
    return n;
  }

  /** Sets the columns that refer to rows of their own table, now that every row is in. */
  private static void selfReferences(Connection c, Manifest.Table t, Set<Integer> deferred, List<Object[]> rows, Dialect dialect)
      throws SQLException {
    List<String> key = BackupStore.primaryKey(c, dialect, t.name());
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < t.columns().size(); i++) index.put(t.columns().get(i).name(), i);
    for (int col : deferred) {
      try (PreparedStatement update = BackupStore.update(c, t.name(), t.columns().get(col).name(), key)) {
        for (Object[] row : rows) {
          if (row[col] == null) continue;
          BackupStore.bind(update, 1, t.columns().get(col).type(), row[col]);
          for (int k = 0; k < key.size(); k++) {
            int at = index.get(key.get(k));
            BackupStore.bind(update, k + 2, t.columns().get(at).type(), row[at]);
          }
          update.addBatch();
        }
        update.executeBatch();
      }
    }
  }

  /** Tables after the tables they refer to (a reference to itself aside), by name among those free to go. */
  static List<Manifest.Table> ordered(List<Manifest.Table> tables, List<BackupStore.ForeignKey> keys) {
    Map<String, Manifest.Table> byName = new LinkedHashMap<>();
    for (Manifest.Table t : tables) byName.put(t.name(), t);
    Map<String, Set<String>> needs = new HashMap<>();
    for (String name : byName.keySet()) needs.put(name, new HashSet<>());
    for (BackupStore.ForeignKey k : keys) {
      if (byName.containsKey(k.table()) && byName.containsKey(k.references()) && !k.table().equals(k.references())) {
        needs.get(k.table()).add(k.references());
      }
    }
    List<Manifest.Table> order = new ArrayList<>();
    TreeSet<String> free = new TreeSet<>();
    needs.forEach((t, n) -> {
      if (n.isEmpty()) free.add(t);
    });
    while (!free.isEmpty()) {
      String next = free.pollFirst();
      order.add(byName.get(next));
      for (var e : needs.entrySet()) {
        if (e.getValue().remove(next) && e.getValue().isEmpty()) free.add(e.getKey());
      }
    }
    if (order.size() != byName.size()) throw new IllegalStateException("the schema's foreign keys go round in a circle; cannot order the tables");
    return order;
  }
}
