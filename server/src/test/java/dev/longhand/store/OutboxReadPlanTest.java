package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL keeps one generic plan for the outbox's read, which every consumer of every node runs many times a
 * second: that plan must walk the outbox's index, never the whole table, whatever the values bound. A read whose
 * "held" half was an {@code EXISTS} over both bounds was planned as a scan of the whole outbox and cost 10 ms at
 * 200,000 events, which the load benchmark showed as a third more CPU per reply on PostgreSQL.
 */
class OutboxReadPlanTest {
  @Test
  void theGenericPlanOfTheOutboxReadScansNoWholeTable() throws Exception {
    String url = Databases.freshUrl(Db.POSTGRESQL);
    try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
      s.execute("INSERT INTO outbox (id, workspace_id, kind, payload, created_at, tx) "
          + "SELECT g, 1, 'thread-read', '{}', 0, g / 3 FROM generate_series(1, 200000) AS g");
      s.execute("ANALYZE outbox");
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE outbox_read AS " + numbered(OutboxStore.READ_FINISHED));
      List<String> plan = new ArrayList<>();
      try (var rs = s.executeQuery("EXPLAIN EXECUTE outbox_read('', 60000, 60000, 500)")) {
        while (rs.next()) plan.add(rs.getString(1));
      }
      String text = String.join("\n", plan);
      assertThat(text).as("the outbox read's generic plan:\n%s", text).doesNotContain("Seq Scan");
      assertThat(text).as("the events' range").containsPattern("Index (Only )?Scan using outbox_by_tx on outbox .*\\n.*Index Cond: \\(\\(tx > \\$\\d+\\) AND \\(tx < \\$\\d+\\)\\)");
    } finally {
      Databases.drop(url);
    }
  }

  /** JDBC's {@code ?} as PostgreSQL's {@code $1}, {@code $2}...: the statement as the driver prepares it. */
  private static String numbered(String sql) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') out.append('$').append(++n);
      else out.append(ch);
    }
    return out.toString();
  }
}
