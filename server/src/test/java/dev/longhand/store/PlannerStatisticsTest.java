package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL's planner statistics are brought up to date for tables that doubled or halved since their last analyze. */
class PlannerStatisticsTest {
  String url;
  Database database;

  @BeforeEach
  void open() {
    url = Databases.freshUrl(Db.POSTGRESQL);
    database = Databases.open(url);
  }

  @AfterEach
  void close() {
    database.close();
    Databases.drop(url);
  }

  @Test
  void aTableThatGrewFromEmptyIsAnalyzedAndThenLeftAlone() throws InterruptedException {
    database.analyzeStale(); // whatever the migrations changed
    database.writeAll(h -> h.execute("""
        INSERT INTO node_leases (node_id, holder, expires_at)
        SELECT g, 'test', 0 FROM generate_series(100, 100 + 1500) g"""));
    awaitAnalyzed("node_leases");
    Boolean recorded = database.read(h -> h.createQuery(
        "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'node_leases'").mapTo(Boolean.class).one());
    assertThat(recorded).isTrue();
    assertThat(database.analyzeStale()).as("analyzed: nothing changed since").doesNotContain("node_leases");
  }

  @Test
  void rowsChangedInPlaceAreNotAnalyzedAgainButATableThatShrankIs() throws InterruptedException {
    database.writeAll(h -> h.execute("""
        INSERT INTO node_leases (node_id, holder, expires_at)
        SELECT g, 'test', 0 FROM generate_series(100, 100 + 1500) g"""));
    awaitAnalyzed("node_leases");
    // every row changed three times, and as many deleted as made: three times the rows, and the same size
    for (int round = 1; round <= 3; round++) {
      int r = round;
      database.writeAll(h -> h.execute("UPDATE node_leases SET expires_at = ?", r));
    }
    database.writeAll(h -> {
      h.execute("DELETE FROM node_leases WHERE node_id BETWEEN 100 AND 399");
      h.execute("INSERT INTO node_leases (node_id, holder, expires_at) SELECT g, 'test', 0 FROM generate_series(5000, 5299) g");
    });
    awaitCounted("node_leases", 3 * 1501 + 600);
    assertThat(database.analyzeStale()).as("the same size: its statistics still hold").doesNotContain("node_leases");
    database.writeAll(h -> h.execute("DELETE FROM node_leases WHERE node_id >= 500"));
    awaitAnalyzed("node_leases");
  }

  /** Waits until the statistics views count this many changes since the table's last analyze. */
  private void awaitCounted(String table, long changes) throws InterruptedException {
    long counted = 0;
    for (int i = 0; i < 100 && counted < changes; i++) {
      Thread.sleep(100);
      counted = database.read(h -> h.createQuery("SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = :t")
          .bind("t", table).mapTo(Long.class).one());
    }
    assertThat(counted).as("changes counted since the last analyze").isGreaterThanOrEqualTo(changes);
  }

  /** A backend reports its counts when it goes idle, within a second or so: asks until the table is analyzed. */
  private void awaitAnalyzed(String table) throws InterruptedException {
    List<String> analyzed = List.of();
    for (int i = 0; i < 100 && !analyzed.contains(table); i++) {
      Thread.sleep(100);
      analyzed = database.analyzeStale();
    }
    assertThat(analyzed).as("analyzed").contains(table);
  }

  @Test
  void sqliteHasNothingToAnalyze() {
    String file = Databases.freshUrl(Db.SQLITE);
    Database sqlite = Databases.open(file);
    try {
      assertThat(sqlite.analyzeStale()).isEqualTo(List.of());
    } finally {
      sqlite.close();
      Databases.drop(file);
    }
  }
}
