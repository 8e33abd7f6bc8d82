package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import org.junit.jupiter.api.Test;

/** PostgreSQL compresses the server's large values with lz4 (see {@link Database#LZ4_VALUES}), and reads them back whole. */
class LargeValuesTest {
  @Test
  void largeValuesAreCompressedWithLz4() {
    String url = Databases.freshUrl(Db.POSTGRESQL);
    String body = "<p style=\"margin:0 0 8px\">A new thread in Product: launch plan</p>\n".repeat(400);
    try (Database db = Databases.open(url)) {
      db.writeAll(h -> {
        h.execute("CREATE TABLE large_values (id BIGINT PRIMARY KEY, body TEXT NOT NULL)");
        h.execute("INSERT INTO large_values (id, body) VALUES (1, ?)", body);
      });
      String method = db.read(h -> h.createQuery("SELECT pg_column_compression(body) FROM large_values WHERE id = 1")
          .mapTo(String.class).one());
      assertThat(method).isEqualTo("lz4");
      String read = db.read(h -> h.createQuery("SELECT body FROM large_values WHERE id = 1").mapTo(String.class).one());
      assertThat(read).isEqualTo(body);
    } finally {
      Databases.drop(url);
    }
  }
}
