package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQLite's group commit: many writers share commits, and each write still stands or falls alone. */
class GroupCommitWriterTest {
  Database db;
  Path file;

  @BeforeEach
  void open() throws Exception {
    Path dir = Files.createTempDirectory("longhand-gc");
    file = dir.resolve("t.db");
    db = Database.open("jdbc:sqlite:" + file);
    db.writeAll(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void concurrentWritesAllCommit() throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        int n = i;
        done.add(pool.submit(() -> db.writeAll(h -> h.execute("INSERT INTO notes (id, text) VALUES (?, ?)", n, "note " + n))));
      }
      for (Future<?> f : done) f.get();
    }
    assertThat(count()).isEqualTo(500);
  }

  /**
   * Writers that keep writing while the database closes are each answered: a write told it was kept is on disk, the
   * rest are refused, and none waits forever (a write queued after the writer's last look at its queue used to).
   */
  @Test
  void writesUnderWayWhenTheDatabaseClosesAreKeptOrRefusedAndNoneIsLeftWaiting() throws Exception {
    java.util.Set<Integer> kept = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.CountDownLatch underWay = new java.util.concurrent.CountDownLatch(200);
    List<Future<RuntimeException>> writers = new ArrayList<>();
    // Not closed by try-with-resources: closing waits for every writer, and one left waiting would hang the test.
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (int w = 0; w < 8; w++) {
        int first = w * 1_000_000;
        writers.add(pool.submit(() -> {
          for (int n = first; ; n++) {
            int id = n;
            try {
              db.writeAll(h -> h.execute("INSERT INTO notes (id, text) VALUES (?, ?)", id, "note"));
            } catch (RuntimeException refused) {
              return refused;
            }
            kept.add(id);
            underWay.countDown();
          }
        }));
      }
      underWay.await();
      db.close();
      for (Future<RuntimeException> writer : writers) {
        assertThat(writer.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("each writer is refused once closed").isNotNull();
      }
    } finally {
      pool.shutdownNow();
    }
    db = Database.open("jdbc:sqlite:" + file);
    List<Integer> onDisk = db.read(h -> h.createQuery("SELECT id FROM notes").mapTo(Integer.class).list());
    assertThat(onDisk).as("every write told it was kept").containsAll(kept);
    assertThat(kept).hasSizeGreaterThanOrEqualTo(200);
  }

  @Test
  void aFailedWriteLeavesNothingAndOthersInTheBatchCommit() throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> good = new ArrayList<>();
      List<Future<?>> bad = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        if (n % 10 == 0) {
          bad.add(pool.submit(() -> db.writeAll(h -> {
            h.execute("INSERT INTO notes (id, text) VALUES (?, ?)", 10_000 + n, "half-written");
            throw new IllegalArgumentException("refused " + n);
          })));
        } else {
          good.add(pool.submit(() -> db.writeAll(h -> h.execute("INSERT INTO notes (id, text) VALUES (?, ?)", n, "ok"))));
        }
      }
      for (Future<?> f : good) f.get();
      for (Future<?> f : bad) assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalArgumentException.class);
    }
    assertThat(count()).isEqualTo(180);
    int halfWritten = db.read(h -> h.createQuery("SELECT COUNT(*) FROM notes WHERE text = 'half-written'").mapTo(Integer.class).one());
    assertThat(halfWritten).isZero();
  }

  @Test
  void aWriteReturnsItsResult() {
    int inserted = db.write(h -> h.execute("INSERT INTO notes (id, text) VALUES (1, 'one')"));
    assertThat(inserted).isEqualTo(1);
  }

  /** A writer over its own SQLite file in WAL mode, syncing through {@code sync}. */
  private static GroupCommitWriter writerWith(Path dir, GroupCommitWriter.LogSync sync) {
    org.jdbi.v3.core.Jdbi jdbi = org.jdbi.v3.core.Jdbi.create("jdbc:sqlite:" + dir.resolve("w.db"));
    jdbi.useHandle(h -> {
      h.execute("PRAGMA journal_mode=WAL");
      h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    });
    return new GroupCommitWriter(jdbi, dir.resolve("w.db-wal"), () -> {}, sync);
  }

  @Test
  void afterAFailedSyncEveryWriteIsRefusedUntilRestart() throws Exception {
    Path dir = Files.createTempDirectory("longhand-gc-fail");
    java.util.concurrent.atomic.AtomicInteger fileSyncs = new java.util.concurrent.atomic.AtomicInteger();
    try (GroupCommitWriter writer = writerWith(dir, (path, directory) -> {
      if (!directory && fileSyncs.getAndIncrement() == 0) throw new java.io.IOException("EIO: the disk went away");
    })) {
      assertThatThrownBy(() -> writer.write(h -> h.execute("INSERT INTO notes (id, text) VALUES (1, 'lost')")))
          .isInstanceOfSatisfying(StorageUnavailable.class, p -> {
            assertThat(p.getMessage()).contains("takes none until it is restarted");
          });
      java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
      for (int i = 0; i < 3; i++) {
        int n = i;
        assertThatThrownBy(() -> writer.write(h -> {
          ran.set(true);
          return h.execute("INSERT INTO notes (id, text) VALUES (?, 'later')", 10 + n);
        })).isInstanceOf(StorageUnavailable.class);
      }
      assertThat(ran).as("a later write never runs").isFalse();
      assertThat(fileSyncs).as("nothing is synced again, so nothing is reported kept").hasValue(1);
    }
  }

  @Test
  void theLogsDirectoryIsSyncedOnceTheLogAppears() throws Exception {
    Path dir = Files.createTempDirectory("longhand-gc-dir");
    List<String> syncs = java.util.Collections.synchronizedList(new ArrayList<>());
    try (GroupCommitWriter writer = writerWith(dir, (path, directory) -> syncs.add((directory ? "dir " : "file ") + path.getFileName()))) {
      writer.write(h -> h.execute("INSERT INTO notes (id, text) VALUES (1, 'one')"));
      writer.write(h -> h.execute("INSERT INTO notes (id, text) VALUES (2, 'two')"));
    }
    // The directory right after the log first appears; again only if SQLite made the log anew in between (it may
    // delete and recreate it when its last connection closes), never more often than the log itself is synced.
    assertThat(syncs.subList(0, 2)).containsExactly("file w.db-wal", "dir " + dir.getFileName());
    assertThat(syncs).filteredOn(s -> s.startsWith("file ")).containsExactly("file w.db-wal", "file w.db-wal");
    assertThat(syncs.stream().filter(s -> s.startsWith("dir ")).count()).isBetween(1L, 2L);
  }

  private int count() {
    return db.read(h -> h.createQuery("SELECT COUNT(*) FROM notes").mapTo(Integer.class).one());
  }

  /**
   * A second writer on the same file (another server, or a command beside this one) commits while this writer's
   * transaction is between its read and its write: the write waits for the lock instead of failing at once with
   * SQLITE_BUSY, and both commit.
   */
  @Test
  void anotherWriterOnTheSameFileIsWaitedForNotFailed() throws Exception {
    try (Database beside = Database.open("jdbc:sqlite:" + file); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var read = new java.util.concurrent.CountDownLatch(1);
      Future<?> mine = pool.submit(() -> db.writeAll(h -> {
        h.createQuery("SELECT COUNT(*) FROM notes").mapTo(Long.class).one();
        read.countDown();
        try {
          Thread.sleep(300); // the other writer's turn, were this transaction not holding the lock
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        h.execute("INSERT INTO notes (id, text) VALUES (1, 'mine')");
      }));
      read.await();
      Future<?> theirs = pool.submit(() -> beside.writeAll(h -> h.execute("INSERT INTO notes (id, text) VALUES (2, 'theirs')")));
      mine.get();
      theirs.get();
    }
    assertThat(count()).isEqualTo(2);
  }
}
