package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQLite's compiled statements are kept per connection, and reusing them changes no result. */
class StatementCacheTest {
  Database db;

  @BeforeEach
  void open() throws Exception {
    Path dir = Files.createTempDirectory("longhand-cache");
    db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"));
    db.writeAll(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"));
    for (int i = 1; i <= 5; i++) {
      int n = i;
      db.writeAll(h -> h.execute("INSERT INTO notes (id, text) VALUES (?, ?)", n, "note " + n));
    }
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void theSameQueryRunManyTimesIsCompiledOncePerConnection() {
    for (int i = 1; i <= 5; i++) {
      int n = i;
      String text = db.read(h -> h.createQuery("SELECT text FROM notes WHERE id = ?").bind(0, n).mapTo(String.class).one());
      assertThat(text).isEqualTo("note " + n);
    }
    int cached = db.statementsCached();
    for (int i = 0; i < 100; i++) db.read(h -> h.createQuery("SELECT text FROM notes WHERE id = ?").bind(0, 1).mapTo(String.class).one());
    assertThat(db.statementsCached()).isEqualTo(cached).isGreaterThan(0);
  }

  @Test
  void aQueryRunWhileTheSameQueryIsStillBeingReadGetsItsOwnStatement() {
    String sql = "SELECT id, text FROM notes WHERE id >= ? ORDER BY id";
    List<String> pairs = db.read(h -> {
      List<String> out = new ArrayList<>();
      try (var outer = h.createQuery(sql).bind(0, 1).mapToMap().iterator()) {
        while (outer.hasNext()) {
          Map<String, Object> row = outer.next();
          long id = ((Number) row.get("id")).longValue();
          int after = h.createQuery(sql).bind(0, id).mapToMap().list().size();
          out.add(id + ":" + after);
        }
      }
      return out;
    });
    assertThat(pairs).containsExactly("1:5", "2:4", "3:3", "4:2", "5:1");
  }

  @Test
  void aFailedStatementCanRunAgain() {
    String sql = "INSERT INTO notes (id, text) VALUES (?, ?)";
    assertThatThrownBy(() -> db.writeAll(h -> h.execute(sql, 1, "taken"))).hasMessageContaining("UNIQUE");
    db.writeAll(h -> h.execute(sql, 6, "six"));
    int count = db.read(h -> h.createQuery("SELECT COUNT(*) FROM notes").mapTo(Integer.class).one());
    assertThat(count).isEqualTo(6);
  }

  @Test
  void cachedQueriesHoldNoReadTransactionOpen() {
    for (int i = 0; i < 20; i++) {
      db.read(h -> h.createQuery("SELECT text FROM notes ORDER BY id").mapTo(String.class).first());
      db.read(h -> h.createQuery("SELECT id FROM notes WHERE id > ?").bind(0, 2).mapTo(Long.class).findFirst());
    }
    db.writeAll(h -> h.execute("INSERT INTO notes (id, text) VALUES (?, ?)", 7, "seven"));
    // A statement left stepping would pin an old snapshot and keep the log from being checkpointed: busy = 1.
    Map<String, Object> result = db.read(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().one());
    assertThat(((Number) result.get("busy")).intValue()).isZero();
  }
}
