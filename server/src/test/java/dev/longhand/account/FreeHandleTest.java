package dev.longhand.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.store.Database;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A new person's handle: their first name, or the first free numbered one, asked about many at a time. */
class FreeHandleTest {
  @ParameterizedTest
  @EnumSource(Db.class)
  void theFirstFreeNumberIsFoundPastAWholeBatchOfTakenOnes(Db which) {
    String url = Databases.freshUrl(which);
    try (Database db = Databases.open(url)) {
      AccountStore store = new AccountStore();
      assertThat(free(db, store, "ana")).isEqualTo("ana");
      taken(db, "ana");
      assertThat(free(db, store, "ana")).isEqualTo("ana2");
      for (int n = 2; n <= AccountStore.HANDLES_ASKED + 3; n++) taken(db, "ana" + n);
      taken(db, "ana" + (AccountStore.HANDLES_ASKED + 5)); // a gap after the next is not the answer
      assertThat(free(db, store, "ana")).isEqualTo("ana" + (AccountStore.HANDLES_ASKED + 4));
      assertThat(free(db, store, "an")).as("a handle that only starts the same").isEqualTo("an");
    } finally {
      Databases.drop(url);
    }
  }

  private static String free(Database db, AccountStore store, String base) {
    return db.<String>read(h -> store.freeHandle(h, base));
  }

  private static void taken(Database db, String handle) {
    db.writeAll(h -> h.execute("INSERT INTO accounts (id, email, name, handle, password_hash, created_at) VALUES (?, ?, 'Ana', ?, 'x', 0)",
        (long) handle.hashCode() & 0xffffffffL, handle + "@example.test", handle));
  }
}
