package dev.longhand.backup;

import dev.longhand.store.Database.Dialect;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** The versions a manifest names: Longhand's own, and the schema version this Longhand's migrations reach. */
final class Versions {
  private Versions() {}

  static String longhand() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /** The highest migration this Longhand has for a database, read from its migrations without touching any database. */
  static int schema(Dialect dialect) {
    String vendor = dialect == Dialect.SQLITE ? "sqlite" : "postgresql";
    org.sqlite.SQLiteDataSource memory = new org.sqlite.SQLiteDataSource();
    memory.setUrl("jdbc:sqlite::memory:");
    int max = 0;
    for (MigrationInfo m : Flyway.configure().dataSource(memory)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor).load().info().all()) {
      if (m.getVersion() != null) max = Math.max(max, Integer.parseInt(m.getVersion().getVersion()));
    }
    return max;
  }
}
