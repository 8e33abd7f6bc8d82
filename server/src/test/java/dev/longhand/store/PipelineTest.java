package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/** Pipelined writes: sent together (one round trip on PostgreSQL), in order, atomically with their transaction. */
@ParameterizedClass
@EnumSource(Db.class)
class PipelineTest {
  private static final Map<Db, String> URLS = new EnumMap<>(Db.class);

  @Parameter Db dbKind;
  Database db;

  @BeforeEach
  void open() {
    db = Databases.open(URLS.computeIfAbsent(dbKind, Databases::freshUrl));
    db.writeAll(h -> {
      h.execute("CREATE TABLE IF NOT EXISTS pipeline_notes (id BIGINT PRIMARY KEY, text VARCHAR(100) NOT NULL, n INTEGER NOT NULL, due BIGINT)");
      h.execute("DELETE FROM pipeline_notes");
    });
  }

  @AfterEach
  void close() {
    db.close();
  }

  @AfterAll
  static void dropDatabases() {
    URLS.values().forEach(Databases::drop);
    URLS.clear();
  }

  @Test
  void queuedWritesRunInOrderOnlyWhenFlushed() {
    int[] seen = new int[2];
    db.writeAll(h -> {
      Pipeline p = db.pipeline(h);
      p.add("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 1L, "one", 1);
      p.add("UPDATE pipeline_notes SET n = n + 10 WHERE id = ?", 1L);
      p.add("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 2L, "two", 2);
      seen[0] = h.createQuery("SELECT COUNT(*) FROM pipeline_notes").mapTo(Integer.class).one();
      p.flush();
      seen[1] = h.createQuery("SELECT COUNT(*) FROM pipeline_notes").mapTo(Integer.class).one();
    });
    assertThat(seen).containsExactly(0, 2);
    assertThat(n(1)).isEqualTo(11);
    assertThat(n(2)).isEqualTo(2);
  }

  @Test
  void queuedQueriesAnswerTheirRowsInOrderWithTheWritesInOneRoundTripOnPostgresql() {
    db.writeAll(h -> h.execute("INSERT INTO pipeline_notes (id, text, n) VALUES (1, 'one', 1), (2, 'two', 2)"));
    StatementCounts counts = db.statementCounts();
    List<List<String>> answered = new ArrayList<>();
    long[] sent = new long[1];
    db.writeAll(h -> {
      Pipeline p = db.pipeline(h);
      Pipeline.Answer<String> bumped = p.query("UPDATE pipeline_notes SET n = n + 10 WHERE id <= ? RETURNING text", rs -> rs.getString(1), 2L);
      p.add("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 3L, "three", 3);
      Pipeline.Answer<String> after = p.query("SELECT text || '=' || n FROM pipeline_notes ORDER BY id", rs -> rs.getString(1));
      Pipeline.Answer<String> none = p.query("DELETE FROM pipeline_notes WHERE id = ? RETURNING text", rs -> rs.getString(1), 99L);
      assertThatThrownBy(bumped::rows).as("not sent yet").isInstanceOf(IllegalStateException.class);
      counts.start();
      p.flush();
      counts.stop();
      sent[0] = counts.count(t -> true);
      answered.add(bumped.rows().stream().sorted().toList());
      answered.add(after.rows());
      answered.add(none.rows());
    });
    assertThat(answered).containsExactly(List.of("one", "two"), List.of("one=11", "two=12", "three=3"), List.of());
    assertThat(sent[0]).as("statements sent").isEqualTo(dbKind == Db.POSTGRESQL ? 1 : 4);
  }

  @Test
  void aFailingStatementFailsTheFlushAndTheWholeWriteRollsBack() {
    assertThatThrownBy(() -> writeWithARepeatedId(Pipeline::flush)).isInstanceOf(RuntimeException.class);
    assertThat(count()).isZero();
  }

  /** A write of one row at once and three queued, the second of which repeats the first's id; {@code send} sends them. */
  private void writeWithARepeatedId(Consumer<Pipeline> send) {
    db.writeAll(h -> {
      h.execute("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 5L, "written at once", 5);
      Pipeline p = db.pipeline(h);
      p.add("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 6L, "queued", 6);
      p.add("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 5L, "the same id again", 7);
      p.add("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 8L, "after the failure", 8);
      send.accept(p);
    });
  }

  @Test
  void finishSendsTheWritesLastStatementsWithItsCommitOnPostgresql() {
    boolean[] openAfter = new boolean[1];
    db.writeAll(h -> {
      h.execute("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 1L, "written at once", 1);
      Pipeline p = db.pipeline(h);
      p.add("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 2L, "queued", 2);
      p.add("UPDATE pipeline_notes SET n = n + 10 WHERE id = ?", 1L);
      p.finish();
      openAfter[0] = dbKind == Db.POSTGRESQL && transactionOpen(h);
    });
    assertThat(openAfter[0]).as("a transaction left for the driver to commit").isFalse();
    assertThat(count()).isEqualTo(2);
    assertThat(n(1)).isEqualTo(11);
  }

  @Test
  void aFailingStatementInTheLastFlushRollsTheWholeWriteBack() {
    assertThatThrownBy(() -> writeWithARepeatedId(Pipeline::finish)).isInstanceOf(RuntimeException.class);
    assertThat(count()).isZero();
    db.writeAll(h -> h.execute("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 9L, "the connection is usable", 9));
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void aStatementAfterFinishFailsTheWriteOnPostgresql() {
    Runnable write = () -> db.writeAll(h -> {
      Pipeline p = db.pipeline(h);
      p.add("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 1L, "finished", 1);
      p.finish();
      h.execute("INSERT INTO pipeline_notes (id, text, n) VALUES (?, ?, ?)", 2L, "too late", 2);
    });
    if (dbKind == Db.POSTGRESQL) {
      assertThatThrownBy(write::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("after its pipeline had committed");
      assertThat(count()).as("the finished part was committed, the rest rolled back").isEqualTo(1);
    } else {
      write.run(); // SQLite commits the whole write as it returns
      assertThat(count()).isEqualTo(2);
    }
  }

  private static boolean transactionOpen(Handle h) {
    try {
      return h.getConnection().unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void manyRowsAreSplitIntoStatementsOfBoundedSize() {
    List<Object[]> rows = new ArrayList<>();
    for (long i = 1; i <= Pipeline.ROWS_PER_STATEMENT * 2L + 34; i++) rows.add(new Object[] {i, "note " + i, (int) i});
    db.writeAll(h -> {
      Pipeline p = db.pipeline(h);
      p.addRows("INSERT INTO pipeline_notes (id, text, n)", "(?, ?, ?)", "", rows);
      p.add("UPDATE pipeline_notes SET n = 0 WHERE id = ?", 7L);
      p.flush();
    });
    assertThat(count()).isEqualTo(rows.size());
    assertThat(n(7)).isZero();
    assertThat(n(rows.size())).isEqualTo(rows.size());
  }

  @Test
  void nullIsWrittenAsSqlNull() {
    db.writeAll(h -> {
      Pipeline p = db.pipeline(h);
      p.add("INSERT INTO pipeline_notes (id, text, n, due) VALUES (?, ?, ?, ?)", 1L, "no due date", 1, null);
      p.add("INSERT INTO pipeline_notes (id, text, n, due) VALUES (?, ?, ?, ?)", 2L, "due", 2, 1_700_000_000_000L);
      p.add("UPDATE pipeline_notes SET due = ? WHERE id = ?", null, 2L);
      p.flush();
    });
    int withoutDue = db.read(h -> h.createQuery("SELECT COUNT(*) FROM pipeline_notes WHERE due IS NULL").mapTo(Integer.class).one());
    assertThat(withoutDue).isEqualTo(2);
  }

  private int count() {
    return db.read(h -> h.createQuery("SELECT COUNT(*) FROM pipeline_notes").mapTo(Integer.class).one());
  }

  private int n(long id) {
    return db.read(h -> h.createQuery("SELECT n FROM pipeline_notes WHERE id = ?").bind(0, id).mapTo(Integer.class).one());
  }
}
