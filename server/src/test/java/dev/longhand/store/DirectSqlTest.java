package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statements sent straight through JDBC bind as JDBI did, reuse SQLite's compiled statements and are counted. */
class DirectSqlTest {
  Database db;

  @BeforeEach
  void open() throws Exception {
    Path dir = Files.createTempDirectory("longhand-direct");
    db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"));
    db.writeAll(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT, n INTEGER, done INTEGER)"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void writesAndReadsEveryBoundTypeIncludingNull() {
    db.writeAll(h -> {
      DirectSql.update(h, "INSERT INTO notes (id, text, n, done) VALUES (?, ?, ?, ?)", 1L, "one", 7, true);
      DirectSql.update(h, "INSERT INTO notes (id, text, n, done) VALUES (?, ?, ?, ?)", 2L, null, null, false);
    });
    List<String> rows = db.read(h -> DirectSql.query(h, "SELECT id, text, n, done FROM notes WHERE id IN (" + DirectSql.placeholders(2) + ") ORDER BY id",
        rs -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getObject(3) + ":" + rs.getInt(4), 1L, 2L));
    assertThat(rows).containsExactly("1:one:7:1", "2:null:null:0");
    String text = db.read(h -> h.createQuery("SELECT text FROM notes WHERE id = 1").mapTo(String.class).one());
    assertThat(text).isEqualTo("one");
  }

  @Test
  void theSameStatementIsCompiledOnceAndEachRunIsCounted() {
    db.writeAll(h -> DirectSql.update(h, "INSERT INTO notes (id, text) VALUES (?, ?)", 1L, "one"));
    int cached = db.statementsCached();
    db.statementCounts().start();
    for (int i = 0; i < 50; i++) db.read(h -> DirectSql.query(h, "SELECT text FROM notes WHERE id = ?", rs -> rs.getString(1), 1L));
    db.statementCounts().stop();
    assertThat(db.statementsCached()).isLessThanOrEqualTo(cached + 1).isGreaterThan(0);
    assertThat(db.statementCounts().count(thread -> true)).isEqualTo(50);
  }

  @Test
  void aFailureIsJdbisExceptionAndAnUnknownTypeIsRefused() {
    assertThatThrownBy(() -> db.read(h -> DirectSql.query(h, "SELECT nothing FROM nowhere", rs -> 1)))
        .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("nowhere");
    assertThatThrownBy(() -> db.read(h -> DirectSql.query(h, "SELECT ?", rs -> 1, java.time.Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
    assertThat(DirectSql.placeholders(3)).isEqualTo("?, ?, ?");
  }
}
