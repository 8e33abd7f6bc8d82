package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.ThreadRead;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two nodes on one PostgreSQL database, each with its own pool, outbox and dispatcher, as two servers have: what one
 * writes, consumers on the other hear, once and in order, even when its transaction commits after later ones.
 */
@Timeout(90)
class SeveralNodesOutboxTest {
  private String url;
  private Node a;
  private Node b;

  /** One node: its database pool, the ids it leased, its outbox and dispatcher. */
  private record Node(Database db, NodeLease lease, Outbox outbox, OutboxDispatcher dispatcher) {
    static Node on(String url) {
      Database db = Database.open(url);
      NodeLease lease = NodeLease.take(db, Clock.systemUTC());
      db.closeWith(lease);
      Outbox outbox = new Outbox(lease.ids(), Clock.systemUTC(), new ObjectMapper());
      return new Node(db, lease, outbox, new OutboxDispatcher(db, outbox));
    }

    long append(long threadId) {
      db.writeAll(h -> outbox.append(h, 1, new ThreadRead(threadId, 1)));
      return db.read(h -> h.createQuery("SELECT id FROM outbox WHERE payload LIKE ?").bind(0, "%\"threadId\":" + threadId + ",%")
          .mapTo(Long.class).one());
    }

    void close() {
      dispatcher.close();
      db.close();
    }
  }

  @BeforeEach
  void open() {
    url = Databases.freshUrl(Db.POSTGRESQL);
    Databases.open(url).close(); // migrated
    a = Node.on(url);
    b = Node.on(url);
  }

  @AfterEach
  void close() {
    if (a != null) a.close();
    if (b != null) b.close();
    Databases.drop(url);
  }

  /**
   * Node A opens a transaction and appends an event, then both nodes commit later events. B's consumer (which cannot
   * see A's open transaction, nor A's process) must neither hand the held event over nor pass it: once A commits, it
   * arrives, and every event arrives exactly once. Under the in-process horizon B read past it and never saw it.
   */
  @Test
  void aConsumerOnOneNodeMissesNoEventAnotherNodeCommitsLate() throws Exception {
    List<Long> heardOnB = new CopyOnWriteArrayList<>();
    b.dispatcher().register(recorder("recorder", heardOnB));
    b.dispatcher().start();
    a.dispatcher().start();

    long first = a.append(1);
    assertThat(b.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();
    assertThat(heardOnB).containsExactly(first);

    AtomicLong heldId = new AtomicLong();
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch mayCommit = new CountDownLatch(1);
    CompletableFuture<Void> held = CompletableFuture.runAsync(() -> a.db().writeAll(h -> {
      a.outbox().append(h, 1, new ThreadRead(2, 1));
      heldId.set(h.createQuery("SELECT id FROM outbox WHERE payload LIKE '%\"threadId\":2,%'").mapTo(Long.class).one());
      appended.countDown();
      await(mayCommit);
    }));
    assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
    List<Long> later = new ArrayList<>();
    for (int i = 0; i < 4; i++) later.add((i % 2 == 0 ? a : b).append(10 + i));
    assertThat(later).allSatisfy(id -> assertThat(id).isGreaterThan(heldId.get())); // later ids: an id horizon passes the held one

    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
    while (System.nanoTime() < deadline) { // B is woken by every commit (its own, and A's by NOTIFY) and polls
      assertThat(heardOnB).as("nothing at or past the open transaction").containsExactly(first);
      Thread.sleep(50);
    }

    mayCommit.countDown();
    held.get(10, TimeUnit.SECONDS);
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (heardOnB.size() < 6 && System.nanoTime() < deadline) Thread.sleep(10);
    List<Long> expected = new ArrayList<>(List.of(first, heldId.get()));
    expected.addAll(later);
    assertThat(heardOnB).as("each once; the held one first, its transaction began first").containsExactlyElementsOf(expected);
    Thread.sleep(300);
    assertThat(heardOnB).hasSize(6);
  }

  /** An event committed on A wakes B's consumers through NOTIFY, well before B's next poll would find it. */
  @Test
  void anEventCommittedOnOneNodeReachesALiveConsumerOnAnotherAtOnce() throws Exception {
    List<Long> heardOnB = new CopyOnWriteArrayList<>();
    List<Long> heardAt = new CopyOnWriteArrayList<>();
    b.dispatcher().registerLive(new OutboxConsumer() {
      @Override
      public String name() {
        return "live";
      }

      @Override
      public Set<Class<? extends DomainEvent>> consumes() {
        return Set.of(ThreadRead.class);
      }

      @Override
      public void accept(List<OutboxEvent> events) {
        long now = System.nanoTime();
        for (OutboxEvent e : events) {
          heardAt.add(now); // first: the test reads it once it sees the id
          heardOnB.add(e.id());
        }
      }
    });
    java.util.concurrent.atomic.AtomicInteger notified = new java.util.concurrent.atomic.AtomicInteger();
    b.db().link().listen(NodeLink.OUTBOX, payload -> {
      if (payload != null) notified.incrementAndGet(); // null: B's line (re)connected, not a notification
    });
    b.dispatcher().start();
    a.dispatcher().start();
    Thread.sleep(300); // B's line to the database listens
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long before = System.nanoTime();
      a.append(100 + i);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (heardOnB.size() <= i && System.nanoTime() < deadline) Thread.sleep(1);
      assertThat(heardOnB).hasSize(i + 1);
      latencies.add(TimeUnit.NANOSECONDS.toMillis(heardAt.get(i) - before));
      Thread.sleep(60); // a random phase against B's 250 ms poll
    }
    latencies.sort(null);
    // Woken by A's NOTIFY: B's 250 ms poll is the fallback, so an event arriving well within it shows the wake-up.
    // When the outbox's horizon was the PostgreSQL cluster's, the other test JVMs' transactions (other databases) held
    // events back in full runs: six of ten waited for B's poll in one run ([3, 3, 4, 8, 254, 255, 255, 258, 258, 263]),
    // one a second in another ([3, 4, 4, 5, 5, 8, 13, 254, 255, 1009]); the bounds below still allow for a busy host.
    // The bound of a second, from a reply on one node to a live page on another, is ThreeNodesTest's.
    assertThat(notified.get()).as("NOTIFY from A heard on B").isGreaterThanOrEqualTo(1);
    assertThat(latencies.getFirst()).as("fastest ms, of %s", latencies).isLessThan(100);
    assertThat(latencies.get(latencies.size() * 9 / 10 - 1)).as("ninth of ten ms, of %s", latencies).isLessThan(1000);
    assertThat(latencies.getLast()).as("slowest ms, of %s", latencies).isLessThan(5000);
  }

  /**
   * A transaction open in this database and ended without a NOTIFY (a hand-run session: Longhand's own writes announce
   * their events) holds the horizon: node B, woken by A's NOTIFY, finds A's event held above it. Its end wakes nobody,
   * so B used to wait for its next poll (up to 250 ms, about 240 here); now, while events are held, it reads again
   * within 50 ms.
   */
  @Test
  void anEventHeldByAnOpenTransactionArrivesSoonAfterItEnds() throws Exception {
    List<Long> heardOnB = liveOnB();
    try (var session = DriverManager.getConnection(url)) {
      openTransaction(session); // the horizon stays here
      long id = a.append(7);
      Thread.sleep(260); // past B's read on A's NOTIFY and its first poll after it
      assertThat(heardOnB).as("held while the older transaction is open").isEmpty();
      session.commit();
      long ended = System.nanoTime();
      long deadline = ended + TimeUnit.SECONDS.toNanos(5);
      while (heardOnB.isEmpty() && System.nanoTime() < deadline) Thread.sleep(1);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ended);
      assertThat(heardOnB).containsExactly(id);
      System.out.printf("[outbox] held event heard %d ms after the older transaction ended%n", ms);
      assertThat(ms).as("ms after the older transaction ended").isLessThan(150);
    }
  }

  /**
   * Transaction ids are the PostgreSQL cluster's, but a transaction in another database cannot write this outbox: one
   * left open there (a migration, a bulk load, another application's session) holds nothing back. It used to hold
   * every event until it ended, which made the three-node test's reply miss its second under the full suite (the other
   * test JVMs migrate databases of their own on the same cluster).
   */
  @Test
  void anotherDatabasesOpenTransactionHoldsNothingBack() throws Exception {
    List<Long> heardOnB = liveOnB();
    try (var other = DriverManager.getConnection(TestServers.PG_ADMIN_URL)) {
      openTransaction(other); // older than every event below
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) ids.add(a.append(20 + i));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (heardOnB.size() < ids.size() && System.nanoTime() < deadline) Thread.sleep(1);
      assertThat(heardOnB).as("heard while the other database's transaction is open").containsExactlyElementsOf(ids);
      other.rollback();
    }
  }

  /** The lookup names the open transactions of other databases, and never one of this database's. */
  @Test
  void theLookupNamesAnotherDatabasesTransactionAndNoneOfThisOnes() throws Exception {
    try (var other = DriverManager.getConnection(TestServers.PG_ADMIN_URL); var session = DriverManager.getConnection(url)) {
      long theirs = openTransaction(other);
      long ours = openTransaction(session);
      a.append(30); // a later commit: both now lie below the snapshot's end, among its open transactions
      long[] found = a.db().read(OutboxStore::otherDatabasesTransactions);
      assertThat(found).as("other databases' open transactions").contains(theirs).doesNotContain(ours);
      other.rollback();
      session.rollback();
    }
  }

  /** Begins a transaction on the connection and gives it an id, which it holds until it ends; the id. */
  private static long openTransaction(java.sql.Connection c) throws java.sql.SQLException {
    c.setAutoCommit(false);
    try (var rs = c.createStatement().executeQuery("SELECT pg_current_xact_id()::text::bigint")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** What a live consumer on B hears, once both dispatchers run and B's line to the database listens. */
  private List<Long> liveOnB() throws InterruptedException {
    List<Long> heard = new CopyOnWriteArrayList<>();
    b.dispatcher().registerLive(recorder("live", heard));
    b.dispatcher().start();
    a.dispatcher().start();
    Thread.sleep(300);
    return heard;
  }

  /**
   * A consumer that runs once per cluster runs on one node only; when that node goes, the other takes it over from the
   * cursor it saved, and every event is handled (once, but for what followed the last checkpoint).
   */
  @Test
  void aOncePerClusterConsumerRunsOnOneNodeAndTheOtherTakesOverWhenItGoes() throws Exception {
    List<Long> heardOnA = new CopyOnWriteArrayList<>();
    List<Long> heardOnB = new CopyOnWriteArrayList<>();
    a.dispatcher().register(recorder("nudges", heardOnA));
    a.dispatcher().start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Long> written = new ArrayList<>();
    written.add(a.append(1));
    while (heardOnA.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(heardOnA).as("A took the claim").containsExactlyElementsOf(written);

    b.dispatcher().register(recorder("nudges", heardOnB));
    b.dispatcher().start();
    for (int i = 0; i < 5; i++) written.add((i % 2 == 0 ? b : a).append(10 + i));
    assertThat(a.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();
    assertThat(b.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).as("B waits on the cursor A saves").isTrue();
    Thread.sleep(1500); // B tries the claim every second
    assertThat(heardOnA).containsExactlyElementsOf(written);
    assertThat(heardOnB).as("A holds the claim; B idles").isEmpty();

    a.close(); // checkpoints, lets go of the claim, closes its line
    a = null;
    for (int i = 0; i < 3; i++) written.add(b.append(20 + i));
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (heardOnB.size() < 3 && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(heardOnB).as("B took over from A's cursor").containsExactlyElementsOf(written.subList(6, 9));
    assertThat(b.dispatcher().awaitIdle(10, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * A dozen idle consumers on B share one poll of the database instead of each asking four times a second, and that
   * poll still finds an event nobody announced to B (written on A with plain SQL: no NOTIFY, no wake on B).
   */
  @Test
  void idleConsumersShareOnePollThatStillFindsAnUnannouncedEvent() throws Exception {
    List<List<Long>> heard = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      heard.add(new CopyOnWriteArrayList<>());
      b.dispatcher().register(recorder("idle-" + i, heard.get(i)));
    }
    b.dispatcher().start();
    Thread.sleep(500); // started, caught up, checkpointed
    StatementCounts counts = b.db().statementCounts();
    counts.start();
    Thread.sleep(2000);
    counts.stop();
    // each on its own: 12 consumers x 8 polls = 96; shared, about one ask per half poll whatever their number (16),
    // those polling while a read is in flight waiting for its answer (before they did not: 36 and 56 in full runs on
    // a loaded machine)
    long asked = counts.count(thread -> thread.startsWith("outbox-"));
    System.out.printf("[statements] 12 idle consumers in 2 s: %d%n", asked);
    assertThat(asked).as("statements of 12 idle consumers in 2 s").isBetween(4L, 32L);

    long id = a.lease().ids().next();
    long before = System.nanoTime();
    a.db().writeAll(h -> h.execute("INSERT INTO outbox (id, workspace_id, kind, payload, created_at) VALUES (?, 1, 'ThreadRead', ?, ?)",
        id, "{\"threadId\":5,\"accountId\":1,\"v\":1}", System.currentTimeMillis()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (heard.stream().anyMatch(List::isEmpty) && System.nanoTime() < deadline) Thread.sleep(5);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
    assertThat(heard).as("every consumer found it by polling").allSatisfy(h -> assertThat(h).containsExactly(id));
    assertThat(tookMs).as("within a poll and a half, and some slack").isLessThan(1000);
  }

  private static OutboxConsumer recorder(String name, List<Long> heard) {
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
        events.forEach(e -> heard.add(e.id()));
      }
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the test never let the transaction commit");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
