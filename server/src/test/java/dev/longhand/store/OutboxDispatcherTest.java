package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.ThreadAcknowledged;
import dev.longhand.event.ThreadRead;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing the dispatcher: what the consumers write to (the search index, the database) is closed
 * right after, so a consumer must not be left in the middle of a batch.
 */
class OutboxDispatcherTest {
  private String url;
  private Database db;
  private Outbox outbox;

  @BeforeEach
  void open() {
    url = Databases.freshUrl(Db.SQLITE);
    db = Databases.open(url);
    outbox = new Outbox(new Ids(Clock.systemUTC(), 0), Clock.systemUTC(), new ObjectMapper());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void closeWaitsForTheBatchInHandAndCheckpointsIt() throws InterruptedException {
    CountDownLatch inBatch = new CountDownLatch(1);
    AtomicBoolean busy = new AtomicBoolean();
    AtomicInteger checkpoints = new AtomicInteger();
    OutboxConsumer slow = new OutboxConsumer() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public Set<Class<? extends DomainEvent>> consumes() {
        return Set.of(ThreadRead.class);
      }

      @Override
      public void accept(List<OutboxEvent> events) {
        busy.set(true);
        inBatch.countDown();
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        busy.set(false);
      }

      @Override
      public void checkpoint() {
        checkpoints.incrementAndGet();
      }
    };
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, outbox);
    dispatcher.register(slow);
    dispatcher.start();
    db.writeAll(h -> outbox.append(h, 1, new ThreadRead(7, 8)));
    assertThat(inBatch.await(5, TimeUnit.SECONDS)).isTrue();

    dispatcher.close();

    assertThat(busy).as("the consumer finished its batch before close returned").isFalse();
    assertThat(checkpoints).hasValue(1);
    long saved = db.read(h -> h.createQuery("SELECT position FROM outbox_cursors WHERE consumer = 'slow'").mapTo(Long.class).one());
    assertThat(saved).isEqualTo(OutboxCursors.newestEventId(db));
  }

  @Test
  void anEventThatDoesNotDecodeIsCountedOnceAndPassedByWhileTheRestArrive() throws InterruptedException {
    List<OutboxEvent> heard = new CopyOnWriteArrayList<>();
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, outbox);
    dispatcher.register(listener("first", heard));
    dispatcher.register(listener("second", new CopyOnWriteArrayList<>()));
    dispatcher.start();
    try {
      db.writeAll(h -> {
        outbox.append(h, 1, new ThreadRead(1, 2));
        stored(h, 2, "ThreadRead", "{\"threadId\":3}"); // a field missing
        stored(h, 3, "ThreadRead", "{\"threadId\":3,\"accountId\":\"not a number\"}");
        stored(h, 4, "NoSuchKind", "{}");
        stored(h, 5, "ThreadRead", "{\"threadId\":5,\"accountId\":6,\"v\":9}"); // a version this code does not read
        stored(h, 6, "ThreadRead", "{\"threadId\":5,\"accountId\":6}"); // before versions: read as version 1
        outbox.append(h, 1, new ThreadAcknowledged(9, 10)); // not one the listeners consume
        outbox.append(h, 1, new ThreadRead(11, 12));
      });
      assertThat(dispatcher.awaitIdle(10, TimeUnit.SECONDS)).isTrue();

      assertThat(heard).extracting(OutboxEvent::event)
          .containsExactly(new ThreadRead(5, 6), new ThreadRead(1, 2), new ThreadRead(11, 12)); // in id order: hand-made ids are small
      assertThat(heard).extracting(OutboxEvent::kind).containsOnly("ThreadRead");
      assertThat(dispatcher.undecodable()).as("four bad rows, counted once though two consumers met them").isEqualTo(4);
    } finally {
      dispatcher.close();
    }
  }

  /**
   * The consumers share what they read (a window of recent events): whatever their pace, each is handed every
   * committed event exactly once and in order (id order; on PostgreSQL transaction order), none that rolled back, and
   * those stored before the start too.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Db.class)
  void consumersAtEveryPaceHearEveryCommittedEventOnceInOrder(Db which) throws Exception {
    Database shared = which == Db.SQLITE ? db : Databases.open(Databases.freshUrl(which));
    try {
      Outbox earlier = new Outbox(new Ids(Clock.systemUTC(), 0), Clock.systemUTC(), new ObjectMapper()); // an earlier run's
      for (int i = 0; i < 700; i++) shared.writeAll(h -> earlier.append(h, 1, new ThreadRead(1, 1)));
      Thread.sleep(5); // this run's ids come after the earlier run's
      List<List<OutboxEvent>> heard = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
      OutboxDispatcher dispatcher = new OutboxDispatcher(shared, outbox);
      dispatcher.register(listener("fast", heard.get(0)));
      dispatcher.register(paced("slow", heard.get(1)));
      dispatcher.register(listener("third", heard.get(2)));
      dispatcher.start();
      try {
        assertThat(dispatcher.awaitIdle(10, TimeUnit.SECONDS)).as("the earlier run's events, with nothing new written").isTrue();
        for (List<OutboxEvent> one : heard) assertThat(one).hasSize(700);
        List<Thread> writers = new java.util.ArrayList<>();
        for (int w = 0; w < 6; w++) {
          int writer = w;
          writers.add(Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 300; i++) {
              int n = i;
              try {
                shared.writeAll(h -> {
                  outbox.append(h, 1, new ThreadRead(writer, n));
                  if (n % 10 == 0) outbox.append(h, 1, new ThreadRead(writer, -n));
                  if (n % 7 == 3) throw new IllegalStateException("rolled back");
                });
              } catch (IllegalStateException rolledBack) {
                // its events never were
              }
            }
          }));
        }
        for (Thread t : writers) t.join();
        assertThat(dispatcher.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
        // PostgreSQL hands them over by writing transaction, then id (V40): a transaction that got its id later may have
        // made its event's id sooner, and an id alone cannot say which events another node has yet to commit
        String order = which == Db.POSTGRESQL ? "tx, id" : "id";
        List<Long> stored = shared.read(h -> h.createQuery("SELECT id FROM outbox ORDER BY " + order).mapTo(Long.class).list());
        assertThat(stored).hasSizeGreaterThan(700 + 6 * 250);
        for (List<OutboxEvent> one : heard) {
          assertThat(one).extracting(OutboxEvent::id).containsExactlyElementsOf(stored);
        }
      } finally {
        dispatcher.close();
      }
    } finally {
      if (shared != db) shared.close();
    }
  }

  /**
   * A consumer that lets events gather for long (signals: 30 s) still takes a backlog batch after batch: it gathers
   * only once it has caught up. On PostgreSQL a batch ends with a whole transaction, so it is short of the batch size
   * while more wait; read as caught up, the consumer gathered after every such batch and fell further behind.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Db.class)
  void aGatheringConsumerTakesABacklogWithoutGatheringBetweenBatches(Db which) throws Exception {
    Database shared = which == Db.SQLITE ? db : Databases.open(Databases.freshUrl(which));
    try {
      for (int t = 0; t < 400; t++) {
        int n = t;
        shared.writeAll(h -> { // three events a transaction, so a batch's limit falls inside one
          for (int e = 0; e < 3; e++) outbox.append(h, 1, new ThreadRead(n, e));
        });
      }
      List<OutboxEvent> heard = new CopyOnWriteArrayList<>();
      OutboxConsumer gathering = gathering(heard);
      OutboxDispatcher dispatcher = new OutboxDispatcher(shared, outbox);
      dispatcher.register(gathering);
      dispatcher.start();
      try {
        // Under the 30 s gather, with room: PostgreSQL's horizon is the whole cluster's oldest open transaction, and a
        // test in the other test JVM holds one open on purpose (SeveralNodesOutboxTest); a full run once took 12 s.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        while (heard.size() < 1200 && System.nanoTime() < until) Thread.sleep(20);
        assertThat(heard).as("the whole backlog, not a batch per 30 s").hasSize(1200);
      } finally {
        dispatcher.close();
      }
    } finally {
      if (shared != db) shared.close();
    }
  }

  /**
   * PostgreSQL: a consumer that lets events gather for long, handed part of a backlog while the rest waits above the
   * horizon (a session's transaction is open for a moment), takes the rest soon after that transaction ends.
   * It had not caught up: it used to gather its whole 30 s first.
   */
  @Test
  void aGatheringConsumerTakesWhatWaitedAboveTheHorizonSoonAfter() throws Exception {
    String url = Databases.freshUrl(Db.POSTGRESQL);
    Database shared = Databases.open(url);
    try (var other = DriverManager.getConnection(url)) {
      for (int t = 0; t < 10; t++) {
        int n = t;
        shared.writeAll(h -> outbox.append(h, 1, new ThreadRead(n, 0)));
      }
      other.setAutoCommit(false);
      other.createStatement().execute("SELECT pg_current_xact_id()"); // the horizon stays here
      for (int t = 10; t < 20; t++) {
        int n = t;
        shared.writeAll(h -> outbox.append(h, 1, new ThreadRead(n, 0)));
      }
      List<OutboxEvent> heard = new CopyOnWriteArrayList<>();
      OutboxDispatcher dispatcher = new OutboxDispatcher(shared, outbox);
      dispatcher.register(gathering(heard));
      dispatcher.start();
      try {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (heard.size() < 10 && System.nanoTime() < until) Thread.sleep(5);
        Thread.sleep(100);
        assertThat(heard).as("the events below the horizon, and none above it").hasSize(10);
        other.commit();
        long ended = System.nanoTime();
        until = ended + TimeUnit.SECONDS.toNanos(10);
        while (heard.size() < 20 && System.nanoTime() < until) Thread.sleep(5);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ended);
        System.out.printf("[outbox] the rest of a backlog heard %d ms after the transaction holding it ended%n", ms);
        assertThat(heard).hasSize(20);
        assertThat(ms).as("ms after the transaction ended, against a gather of 30 s").isLessThan(2000);
      } finally {
        dispatcher.close();
      }
    } finally {
      shared.close();
    }
  }

  /** A consumer of read marks that lets them gather for 30 s once it has caught up, as the signals consumer does. */
  private static OutboxConsumer gathering(List<OutboxEvent> heard) {
    return new OutboxConsumer() {
      @Override
      public String name() {
        return "gathering";
      }

      @Override
      public Set<Class<? extends DomainEvent>> consumes() {
        return Set.of(ThreadRead.class);
      }

      @Override
      public void accept(List<OutboxEvent> events) {
        heard.addAll(events);
      }

      @Override
      public long gatherNanos() {
        return TimeUnit.SECONDS.toNanos(30);
      }
    };
  }

  /**
   * A dozen consumers woken together by a commit: one of them reads the new event from the database, and the others
   * wait for that read and take the event from the window it filled, rather than each asking the database again.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Db.class)
  void consumersWokenTogetherReadACommitOnceBetweenThem(Db which) throws Exception {
    Database shared = which == Db.SQLITE ? db : Databases.open(Databases.freshUrl(which));
    List<List<OutboxEvent>> heard = new java.util.ArrayList<>();
    OutboxDispatcher dispatcher = new OutboxDispatcher(shared, outbox);
    try {
      for (int i = 0; i < 12; i++) {
        heard.add(new CopyOnWriteArrayList<>());
        dispatcher.register(listener("woken-" + i, heard.get(i)));
      }
      dispatcher.start();
      assertThat(dispatcher.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
      StatementCounts counts = shared.statementCounts();
      counts.start();
      long started = System.nanoTime();
      int commits = 10;
      for (int c = 1; c <= commits; c++) {
        int n = c;
        shared.writeAll(h -> outbox.append(h, 1, new ThreadRead(n, n)));
        dispatcher.wake();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (heard.stream().anyMatch(h -> h.size() < n) && System.nanoTime() < until) Thread.sleep(1);
      }
      counts.stop();
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(heard).allSatisfy(h -> assertThat(h).hasSize(commits));
      long reads = counts.count(thread -> thread.startsWith("outbox-"));
      System.out.printf("[statements %s] 12 consumers reading %d commits in %.2f s: %d%n", which, commits, seconds, reads);
      // each on its own: 24 reads a commit on SQLite and 13 on PostgreSQL (the event, then nothing after it, for each
      // consumer); together 2 to 5 a commit: the one who reads first, and those who missed its read by a hair. On
      // PostgreSQL, while another test JVM's transaction on the cluster holds a commit's event above the horizon, the
      // consumers read again after 5, 10, 20 and 40 ms (OutboxDispatcher.BEHIND_HORIZON_*): up to 4 more a commit
      // (55 in a full run, 76 beside OutboxTest, which holds a transaction open; 33 to 38 before they read again).
      long allowed = (which == Db.POSTGRESQL ? 12L : 8L) * commits;
      assertThat(reads).as("reads of 12 consumers woken by %d commits in %.2f s", commits, seconds).isLessThan(allowed);
    } finally {
      dispatcher.close();
      if (shared != db) shared.close();
    }
  }

  /** A listener that takes its time now and then, so that it falls behind the others and catches up. */
  private static OutboxConsumer paced(String name, List<OutboxEvent> heard) {
    return listener(name, events -> {
      heard.addAll(events);
      if (heard.size() % 3 != 0) return;
      try {
        Thread.sleep(15);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** A row as some other writer (an older or newer node, a hand-made fix) left it. */
  private static void stored(org.jdbi.v3.core.Handle h, long id, String kind, String payload) {
    h.execute("INSERT INTO outbox (id, workspace_id, kind, payload, created_at) VALUES (?, 1, ?, ?, 0)", id, kind, payload);
  }

  /**
   * Durable consumers are background work: each runs on a platform thread that lowered its own CPU priority, so that
   * requests go first when the CPU is short; a live consumer feeds open streams and keeps the process's priority.
   */
  @Test
  void durableConsumersRunAtALowerCpuPriorityThanLiveOnes() throws Exception {
    Integer own = BackgroundThreads.niceness();
    assertThat(own).as("a thread's nice value, read through the C library (Linux)").isNotNull();
    Map<String, Integer> niceness = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, Boolean> virtual = new java.util.concurrent.ConcurrentHashMap<>();
    OutboxDispatcher dispatcher = new OutboxDispatcher(db, outbox);
    for (String name : List.of("durable", "live")) {
      OutboxConsumer c = listener(name, events -> {
        niceness.put(name, BackgroundThreads.niceness());
        virtual.put(name, Thread.currentThread().isVirtual());
      });
      if (name.equals("durable")) dispatcher.register(c);
      else dispatcher.registerLive(c);
    }
    dispatcher.start();
    try {
      db.writeAll(h -> outbox.append(h, 1, new ThreadRead(1, 1)));
      dispatcher.wake();
      assertThat(dispatcher.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
      assertThat(niceness).containsEntry("durable", Math.min(19, own + BackgroundThreads.NICER));
      assertThat(virtual).containsEntry("durable", false).containsEntry("live", true);
    } finally {
      dispatcher.close();
    }
  }

  private static OutboxConsumer listener(String name, List<OutboxEvent> heard) {
    return listener(name, heard::addAll);
  }

  /** A consumer of ThreadRead events that hands each batch to {@code action}. */
  private static OutboxConsumer listener(String name, java.util.function.Consumer<List<OutboxEvent>> action) {
    return new OutboxConsumer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<Class<? extends DomainEvent>> consumes() {
        return Set.of(ThreadRead.class);
      }

      @Override
      public void accept(List<OutboxEvent> events) {
        action.accept(events);
      }
    };
  }
}
