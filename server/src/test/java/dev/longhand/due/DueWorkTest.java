package dev.longhand.due;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Due work on a bare database: items run once, only when due by the clock, failures roll back and back off, and
 * nothing is lost or repeated across a restart or between two nodes.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DueWorkTest {
  private static final Map<Db, String> URLS = new EnumMap<>(Db.class);

  @Parameter Db dbKind;
  String url;
  TestClock clock;
  Database db;
  DueWork due;
  final AtomicLong order = new AtomicLong();

  @BeforeEach
  void openAnEmptyQueue() {
    url = URLS.computeIfAbsent(dbKind, Databases::freshUrl);
    clock = new TestClock();
    db = Databases.open(url);
    db.writeAll(h -> {
      h.execute("CREATE TABLE IF NOT EXISTS due_test_effects (item_id BIGINT NOT NULL, note VARCHAR(100), seq BIGINT)");
      h.execute("DELETE FROM due_test_effects");
      h.execute("DELETE FROM due_work");
    });
    due = new DueWork(db, new Ids(clock, 1), clock);
  }

  @AfterEach
  void close() {
    due.close();
    db.close();
  }

  @AfterAll
  static void dropDatabases() {
    URLS.values().forEach(Databases::drop);
    URLS.clear();
  }

  @Test
  void anItemRunsOnceWhenItFallsDueAndNotBefore() {
    due.register("note", this::recordEffect);
    schedule("note", 7, clock.instant().plus(Duration.ofMinutes(10)), "hello");

    assertThat(due.runDue()).isZero();
    clock.advance(Duration.ofMinutes(9).plusSeconds(59));
    assertThat(due.runDue()).isZero();
    assertThat(effects()).isZero();

    clock.advance(Duration.ofSeconds(1));
    assertThat(due.runDue()).isEqualTo(1);
    assertThat(due.runDue()).isZero();
    assertThat(effects()).isEqualTo(1);
    assertThat(notes()).containsExactly("hello");
    assertThat(pending()).isZero();
  }

  /**
   * On PostgreSQL a pass runs first without a savepoint per item; when an item fails, the pass is rolled back and
   * runs again with them, so a failing handler is called twice in its pass. {@code attempts} counts passes.
   */
  @Test
  void aFailingHandlerIsRolledBackAndRetriedWithBackoff() {
    int callsAFailedPass = dbKind == Db.POSTGRESQL ? 2 : 1;
    AtomicInteger calls = new AtomicInteger();
    due.register("flaky", (h, item, now) -> {
      recordEffect(h, item, now); // written, then undone by the failure
      if (calls.incrementAndGet() <= 2 * callsAFailedPass) throw new IllegalStateException("the far end is down");
    });
    long id = schedule("flaky", 1, clock.instant(), null);

    assertThat(due.runDue()).isZero();
    assertThat(effects()).isZero();
    assertThat(row(id)).containsEntry("attempts", 1).containsEntry("last_error", "IllegalStateException: the far end is down");
    assertThat(dueAt(id)).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

    clock.advance(Duration.ofSeconds(59));
    assertThat(due.runDue()).isZero();
    assertThat(calls).hasValue(callsAFailedPass);

    clock.advance(Duration.ofSeconds(1));
    assertThat(due.runDue()).isZero();
    assertThat(calls).hasValue(2 * callsAFailedPass);
    assertThat(row(id)).containsEntry("attempts", 2);
    assertThat(dueAt(id)).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

    clock.advance(Duration.ofMinutes(2));
    assertThat(due.runDue()).isEqualTo(1);
    assertThat(effects()).isEqualTo(1);
    assertThat(pending()).isZero();
  }

  @Test
  void backoffDoublesFromAMinuteUpToAnHour() {
    assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 30, Integer.MAX_VALUE).stream().map(DueWork::backoff).map(Duration::toMinutes))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
  }

  @Test
  void oneFailingItemDoesNotHoldBackTheOthersInItsBatch() {
    due.register("note", (h, item, now) -> {
      recordEffect(h, item, now);
      if ("bad".equals(item.payload())) throw new IllegalArgumentException("refused");
    });
    Instant now = clock.instant();
    schedule("note", 1, now.minusSeconds(3), "good");
    long bad = schedule("note", 2, now.minusSeconds(2), "bad");
    schedule("note", 3, now.minusSeconds(1), "good");

    assertThat(due.runDue()).isEqualTo(2);
    assertThat(notes()).containsExactly("good", "good");
    assertThat(pending()).isEqualTo(1);
    assertThat(row(bad)).containsEntry("attempts", 1);
  }

  @Test
  void aFailingSqlStatementInAHandlerOnlyUndoesThatItem() {
    due.register("note", (h, item, now) -> {
      recordEffect(h, item, now);
      if ("bad".equals(item.payload())) h.execute("INSERT INTO no_such_table VALUES (1)"); // aborts the statement
    });
    schedule("note", 1, clock.instant(), "bad");
    schedule("note", 2, clock.instant(), "good");

    assertThat(due.runDue()).isEqualTo(1);
    assertThat(notes()).containsExactly("good");
    assertThat(pending()).isEqualTo(1);
  }

  @Test
  void anItemWithoutAHandlerIsKeptAndBackedOff() {
    long id = schedule("from-a-newer-version", 1, clock.instant(), "{}");

    assertThat(due.runDue()).isZero();
    assertThat(pending()).isEqualTo(1);
    assertThat(row(id)).containsEntry("attempts", 1);
    assertThat((String) row(id).get("last_error")).contains("no handler", "from-a-newer-version");
    assertThat(dueAt(id)).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
  }

  @Test
  void cancelRemovesOnlyTheSubjectsPendingItemsOfThatKind() {
    due.register("nudge", this::recordEffect);
    due.register("note", this::recordEffect);
    Instant later = clock.instant().plus(Duration.ofHours(1));
    schedule("nudge", 10, later, "a");
    schedule("nudge", 10, later, "b");
    schedule("nudge", 11, later, "other subject");
    schedule("note", 10, later, "other kind");

    int cancelled = db.write(h -> due.cancel(h, "nudge", 10));
    assertThat(cancelled).isEqualTo(2);
    clock.advance(Duration.ofHours(1));
    assertThat(due.runDue()).isEqualTo(2);
    assertThat(notes()).containsExactlyInAnyOrder("other subject", "other kind");
  }

  @Test
  void anItemScheduledInARolledBackTransactionNeverRuns() {
    due.register("note", this::recordEffect);
    try {
      db.writeAll(h -> {
        due.schedule(h, "note", 1, clock.instant(), "never");
        throw new IllegalStateException("the write failed");
      });
    } catch (IllegalStateException expected) {
      // the schedule went with it
    }
    assertThat(due.runDue()).isZero();
    assertThat(pending()).isZero();
  }

  @Test
  void moreThanABatchRunsInDueOrder() {
    due.register("note", this::recordEffect);
    Instant start = clock.instant().minus(Duration.ofHours(1));
    List<Long> expected = new ArrayList<>();
    db.writeAll(h -> {
      for (int i = 249; i >= 0; i--) due.schedule(h, "note", i, start.plusSeconds(i), null); // scheduled backwards
    });
    for (int i = 0; i < 250; i++) expected.add((long) i);

    assertThat(due.runDue()).isEqualTo(250);
    assertThat(notes()).containsExactlyElementsOf(expected.stream().map(String::valueOf).toList());
  }

  @Test
  void whatFellDueWhileDownRunsOnceAfterRestart() {
    due.register("note", this::recordEffect);
    due.start();
    Instant in1h = clock.instant().plus(Duration.ofHours(1));
    schedule("note", 1, in1h, "one");
    schedule("note", 2, in1h.plusSeconds(60), "two");
    schedule("note", 3, in1h.plus(Duration.ofDays(1)), "tomorrow");
    due.close();
    db.close();

    clock.advance(Duration.ofHours(3)); // the server was down meanwhile
    db = Databases.open(url);
    due = new DueWork(db, new Ids(clock, 1), clock);
    due.register("note", this::recordEffect);

    assertThat(due.runDue()).isEqualTo(2);
    assertThat(due.runDue()).isZero();
    assertThat(notes()).containsExactlyInAnyOrder("one", "two");
    assertThat(pending()).isEqualTo(1);
  }

  @Test
  void theTickerRunsWhatFallsDueUntilItIsClosed() throws InterruptedException {
    due.register("note", this::recordEffect);
    due.start();

    schedule("note", 1, clock.instant(), "now"); // wakes the ticker after commit
    awaitEffects(1);

    schedule("note", 2, clock.instant().plus(Duration.ofMinutes(5)), "in five minutes");
    Thread.sleep(300);
    assertThat(effects()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(5)); // the ticker reads the clock on its next tick
    awaitEffects(2);

    due.close();
    schedule("note", 3, clock.instant(), "after close");
    Thread.sleep(1500);
    assertThat(effects()).isEqualTo(2);
    assertThat(pending()).isEqualTo(1);
  }

  @Test
  void anExternalHandlerRunsAfterCommitUnderALease() {
    List<Long> dueAtWhileRunning = new ArrayList<>();
    due.registerExternal("send", (item, now) -> {
      dueAtWhileRunning.add(dueAt(item.id()).toEpochMilli()); // the claim has committed: its lease is visible
      db.writeAll(h -> recordEffect(h, item, now)); // outside any transaction, so it may write on its own
    });
    long id = schedule("send", 1, clock.instant(), "mail");

    assertThat(due.runDue()).isEqualTo(1);
    assertThat(dueAtWhileRunning).containsExactly(clock.instant().plus(DueWork.LEASE).toEpochMilli());
    assertThat(notes()).containsExactly("mail");
    assertThat(pending()).isZero();
    assertThat(row(id)).isEmpty();
  }

  @Test
  void aFailingExternalHandlerIsBackedOffAndRetried() {
    AtomicInteger calls = new AtomicInteger();
    due.registerExternal("send", (item, now) -> {
      if (calls.incrementAndGet() == 1) throw new java.io.IOException("connection refused");
    });
    long id = schedule("send", 1, clock.instant(), null);

    assertThat(due.runDue()).isZero();
    assertThat(row(id)).containsEntry("attempts", 1).containsEntry("last_error", "IOException: connection refused");
    assertThat(dueAt(id)).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

    clock.advance(Duration.ofMinutes(1));
    assertThat(due.runDue()).isEqualTo(1);
    assertThat(calls).hasValue(2);
    assertThat(pending()).isZero();
  }

  /**
   * A composing handler reads first and writes after. On SQLite it composes on a reader beside the writer, so the
   * item may be cancelled between the two: then nothing is written for it.
   */
  @Test
  void aComposingHandlerWritesWhatItComposedUnlessTheItemWasCancelledMeanwhile() {
    boolean besideTheWriter = dbKind == Db.SQLITE;
    due.register("digest", new ComposingHandler<Void, String>() {
      @Override
      public String compose(Handle h, DueWork.Item item, Void prepared, Instant now) {
        if (item.subjectId() == 2 && besideTheWriter) db.writeAll(w -> due.cancel(w, "digest", 2));
        return "composed for " + item.subjectId();
      }

      @Override
      public void apply(Handle h, DueWork.Item item, String composed, Instant now) {
        recordEffect(h, new DueWork.Item(item.id(), item.kind(), item.subjectId(), item.dueAt(), composed, item.attempts()), now);
      }
    });
    schedule("digest", 1, clock.instant(), null);
    schedule("digest", 2, clock.instant(), null);

    assertThat(due.runDue()).isEqualTo(besideTheWriter ? 1 : 2);
    assertThat(notes()).containsExactlyElementsOf(besideTheWriter ? List.of("composed for 1") : List.of("composed for 1", "composed for 2"));
    assertThat(pending()).isZero();
  }

  /** What a batch's items share is read once for them all: 150 items, two batches, two reads. */
  @Test
  void aComposingHandlerPreparesOncePerBatchOfItsKind() {
    List<Integer> prepared = java.util.Collections.synchronizedList(new ArrayList<>());
    due.register("digest", new ComposingHandler<Integer, String>() {
      @Override
      public Integer prepare(Handle h, List<DueWork.Item> items, Instant now) {
        prepared.add(items.size());
        return items.size();
      }

      @Override
      public String compose(Handle h, DueWork.Item item, Integer batchSize, Instant now) {
        return "of " + batchSize;
      }

      @Override
      public void apply(Handle h, DueWork.Item item, String composed, Instant now) {
        recordEffect(h, new DueWork.Item(item.id(), item.kind(), item.subjectId(), item.dueAt(), composed, item.attempts()), now);
      }
    });
    due.register("note", this::recordEffect);
    db.writeAll(h -> {
      for (int i = 0; i < 150; i++) due.schedule(h, "digest", i, clock.instant().minusMillis(i), null);
    });

    assertThat(due.runDue()).isEqualTo(150);
    assertThat(prepared).containsExactly(100, 50);
    assertThat(notes()).filteredOn("of 100"::equals).hasSize(100);
    assertThat(notes()).filteredOn("of 50"::equals).hasSize(50);
  }

  @Test
  void aComposeThatThrowsIsBackedOffLikeAFailingHandler() {
    due.register("digest", new ComposingHandler<Void, String>() {
      @Override
      public String compose(Handle h, DueWork.Item item, Void prepared, Instant now) {
        throw new IllegalStateException("cannot read");
      }

      @Override
      public void apply(Handle h, DueWork.Item item, String composed, Instant now) {
        recordEffect(h, item, now);
      }
    });
    long id = schedule("digest", 1, clock.instant(), null);

    assertThat(due.runDue()).isZero();
    assertThat(row(id)).containsEntry("attempts", 1).containsEntry("last_error", "IllegalStateException: cannot read");
    assertThat(effects()).isZero();
  }

  /** Mail to a server that hangs must not hold up the morning's digests: external items have a loop of their own. */
  @Test
  void aHangingExternalHandlerDoesNotHoldUpWorkInTheDatabase() throws InterruptedException {
    CountDownLatch sending = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    due.registerExternal("send", (item, now) -> {
      sending.countDown();
      release.await(); // a mail server that never answers
    });
    due.register("note", this::recordEffect);
    due.start();
    try {
      schedule("send", 1, clock.instant().minusSeconds(1), "mail");
      assertThat(sending.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the mail is being sent").isTrue();
      schedule("note", 2, clock.instant(), "digest");
      awaitEffects(1);
      assertThat(notes()).containsExactly("digest");
    } finally {
      release.countDown();
    }
  }

  /**
   * On PostgreSQL, while full batches are due, helper loops claim the next batches beside the first (each pass waits
   * mostly on round trips): there each item waits until another runs at the same time, which only a second pass can
   * provide. SQLite's one writer runs one pass at a time.
   */
  @Test
  void fullBatchesRunInSeveralPassesAtOnceOnPostgresqlAndOneAtATimeOnSqlite() throws InterruptedException {
    boolean several = dbKind == Db.POSTGRESQL;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    due.register("note", (h, item, now) -> {
      int atOnce = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(atOnce, Math::max);
      try {
        long deadline = System.nanoTime() + Duration.ofMillis(200).toNanos();
        while (several && mostAtOnce.get() < 2 && System.nanoTime() < deadline) Thread.onSpinWait();
        recordEffect(h, item, now);
      } finally {
        running.decrementAndGet();
      }
    });
    db.writeAll(h -> {
      for (int i = 0; i < 3 * DueWork.BATCH; i++) due.schedule(h, "note", i, clock.instant().minusMillis(i), null);
    });
    due.start();
    awaitEffects(3 * DueWork.BATCH);
    if (several) assertThat(mostAtOnce.get()).as("items running at once").isGreaterThanOrEqualTo(2);
    else assertThat(mostAtOnce.get()).as("items running at once").isEqualTo(1);
    assertThat(pending()).isZero();
  }

  /** On PostgreSQL two nodes with their own connections; on SQLite, which has one writer, two tickers on it. */
  @Test
  void twoNodesRacingOverAThousandItemsRunEachOnce() throws Exception {
    Database otherDb = dbKind == Db.POSTGRESQL ? Databases.open(url) : db;
    try (DueWork other = new DueWork(otherDb, new Ids(clock, 2), clock)) {
      due.register("note", this::recordEffect);
      other.register("note", this::recordEffect);
      db.writeAll(h -> {
        for (int i = 0; i < 1000; i++) due.schedule(h, "note", i, clock.instant().minusMillis(i % 37), null);
      });

      CountDownLatch go = new CountDownLatch(1);
      try (ExecutorService nodes = Executors.newFixedThreadPool(4)) {
        List<Future<Integer>> runs = new ArrayList<>();
        for (DueWork node : List.of(due, other, due, other)) {
          runs.add(nodes.submit(() -> {
            go.await();
            return node.runDue();
          }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> run : runs) total += run.get();
        assertThat(total).isEqualTo(1000);
      }
    } finally {
      if (otherDb != db) otherDb.close();
    }
    assertThat(effects()).isEqualTo(1000);
    int distinct = db.read(h -> h.createQuery("SELECT COUNT(DISTINCT item_id) FROM due_test_effects").mapTo(Integer.class).one());
    assertThat(distinct).isEqualTo(1000);
    assertThat(pending()).isZero();
  }

  private void recordEffect(Handle h, DueWork.Item item, Instant now) {
    h.execute("INSERT INTO due_test_effects (item_id, note, seq) VALUES (?, ?, ?)",
        item.id(), item.payload() != null ? item.payload() : String.valueOf(item.subjectId()), order.incrementAndGet());
  }

  private long schedule(String kind, long subject, Instant at, String payload) {
    return db.write(h -> due.schedule(h, kind, subject, at, payload));
  }

  private int effects() {
    return db.read(h -> h.createQuery("SELECT COUNT(*) FROM due_test_effects").mapTo(Integer.class).one());
  }

  private List<String> notes() {
    return db.read(h -> h.createQuery("SELECT note FROM due_test_effects ORDER BY seq").mapTo(String.class).list());
  }

  private int pending() {
    return db.read(h -> h.createQuery("SELECT COUNT(*) FROM due_work").mapTo(Integer.class).one());
  }

  private Map<String, Object> row(long id) {
    return db.read(h -> h.createQuery("SELECT attempts, last_error FROM due_work WHERE id = ?").bind(0, id)
        .map((rs, ctx) -> Map.<String, Object>of("attempts", rs.getInt(1), "last_error", String.valueOf(rs.getString(2))))
        .findOne().orElse(Map.of()));
  }

  private Instant dueAt(long id) {
    return Instant.ofEpochMilli(db.read(h -> h.createQuery("SELECT due_at FROM due_work WHERE id = ?").bind(0, id)
        .mapTo(Long.class).one()));
  }

  private void awaitEffects(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (effects() < count && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(effects()).isEqualTo(count);
  }
}
