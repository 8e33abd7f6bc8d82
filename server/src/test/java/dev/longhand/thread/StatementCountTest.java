package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.store.StatementCounts;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the hot paths cost in SQL statements, so an N+1 cannot creep in: posting replies (one or ten in a batch),
 * reading the inbox (3 or 30 items) and reading a thread (3 or 30 replies) cost the same statements. Counted on a
 * server of the test's own, only for the requests' own work: the outbox consumers, the due-work ticker, the
 * checkpointer, the node's lease and its count of the other nodes (before it wakes them), PostgreSQL's statistics
 * keeper and the pool's ping run statements of their own at any time.
 */
@ParameterizedClass
@EnumSource(Db.class)
class StatementCountTest {
  private static final Map<Db, Longhand> SERVERS = new EnumMap<>(Db.class);
  /** The threads that work for nobody's request (and the test's own, which holds the writes back). */
  private static final Predicate<String> BACKGROUND =
      t -> t.startsWith("outbox-") || t.startsWith("due-work") || t.startsWith("sqlite-") || t.startsWith("test-")
          || t.startsWith("webhook-") || t.startsWith("workspace-export") || t.startsWith("mailin-")
          || t.startsWith("node-link") || t.startsWith("node-lease") || t.startsWith("postgresql-statistics")
          || t.startsWith("database-ping");
  private static final Predicate<String> REPLY_BATCHES = t -> t.startsWith("batch-replies");
  private static final Predicate<String> REQUESTS = BACKGROUND.or(REPLY_BATCHES).negate();

  @Parameter Db db;
  Longhand server;
  Team team;
  String product;

  @BeforeEach
  void team() {
    server = SERVERS.computeIfAbsent(db, d -> Longhand.start(TestServers.config(d), Clock.systemUTC()));
    team = Team.on(server);
    product = team.createSpace(team.ana, "Product", "public");
  }

  @AfterAll
  static void stopServers() {
    SERVERS.values().forEach(Longhand::close);
    SERVERS.clear();
  }

  /** Statements of the requests themselves, and of the reply batches they handed over, with the batches' number. */
  record Cost(long requests, long batches, long batchStatements) {}

  private Cost cost(Runnable action) {
    StatementCounts counts = server.database().statementCounts();
    idle();
    counts.start();
    try {
      action.run();
    } finally {
      counts.stop();
    }
    return new Cost(counts.count(REQUESTS), counts.writes(REPLY_BATCHES), counts.count(REPLY_BATCHES));
  }

  private void idle() {
    try {
      assertThat(server.dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private String startThread(Team.Person who, String title) {
    var r = who.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", title, "body", "Let us talk."));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private void reply(Team.Person who, String thread, String body) {
    var r = who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void tenRepliesInABatchCostWhatOneReplyCosts() throws Exception {
    // Mentioned in every reply and writing none: each batch merges a mention into a row, as the one reply did (a
    // writer mentioned earlier in a batch reads the thread by posting later in it, and needs no row).
    Team.Person reader = team.extraMember("dee", "member");
    String thread = startThread(team.ana, "Launch");
    for (Team.Person writer : List.of(team.ana, team.bo, team.cy)) reply(writer, thread, "warming the caches");

    Cost one = cost(() -> reply(team.bo, thread, "One reply, for @" + reader.handle()));
    assertThat(one.batches()).isEqualTo(1);

    List<Team.Person> writers = List.of(team.ana, team.bo, team.cy);
    Cost ten = cost(() -> {
      CountDownLatch go = new CountDownLatch(1);
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // Hold the thread's writes back until all ten have arrived, so that they queue up and are written together.
      java.lang.Thread holder = java.lang.Thread.ofPlatform().name("test-holder").start(() -> server.database().writeAll(h -> {
        if (db == Db.POSTGRESQL) h.execute("SELECT id FROM threads WHERE id = ? FOR UPDATE", Long.parseLong(thread));
        holding.countDown();
        await(release);
      }));
      try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
        await(holding);
        List<Future<?>> posted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          Team.Person who = writers.get(i % writers.size());
          int n = i;
          posted.add(clients.submit(() -> {
            go.await();
            reply(who, thread, "Reply " + n + ", for @" + reader.handle());
            return null;
          }));
        }
        go.countDown();
        java.lang.Thread.sleep(500);
        release.countDown();
        for (Future<?> f : posted) f.get();
        holder.join();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    System.out.printf("[statements %s] one reply: %s; ten replies: %s%n", db, one, ten);
    assertThat(ten.batches()).as("ten concurrent replies were written in fewer batches").isLessThanOrEqualTo(4);
    // A batch whose every reader has a row already (the one who read the thread since its last post wrote it) inserts
    // none: one statement fewer.
    assertThat(ten.batchStatements()).as("each batch costs what one reply's batch costs, or one statement less")
        .isBetween(ten.batches() * (one.batchStatements() - 1), ten.batches() * one.batchStatements());
    assertThat(ten.requests()).as("each request costs what one costs").isEqualTo(10 * one.requests());
    // Issue 14: a reply no longer reads whether it answers its writer's asks (they mark it): one fewer; the levels
    // people chose (follow/mute) are read beside the audience, and, on SQLite, the sent draft is removed (on
    // PostgreSQL it goes in the same round trip as the reply's other writes).
    // Issue 17: unread state no longer fans out; the rows of those a reply mentions are merged by a statement of
    // their own (on PostgreSQL in the same round trip). A reply takes who read its thread since the last post (a round
    // trip of its own), and notes its writer as caught up (on PostgreSQL in the same round trip as the other writes).
    // The space's readers and the levels bearing on the thread come from memory while the space's readers version
    // stands (WorkspaceService.readersAt, LevelMemory): two fewer. On PostgreSQL, who read the thread since its last
    // post is taken in the same round trip as the count of its replies (Pipeline.query): one fewer.
    assertThat(one).isEqualTo(expected(new Cost(0, 1, 12), new Cost(0, 1, 4)));
  }

  @Test
  void aReplyMentioningNobodyIsFoundInItsWrite() {
    String thread = startThread(team.ana, "Plans");
    for (Team.Person writer : List.of(team.ana, team.bo, team.cy)) reply(writer, thread, "warming the caches");

    Cost plain = cost(() -> reply(team.bo, thread, "A reply that mentions nobody"));

    System.out.printf("[statements %s] a reply mentioning nobody: %s%n", db, plain);
    // Issue 17: on PostgreSQL a batch that mentions nobody, with its space's readers and levels in memory, is found in
    // its write's first round trip, with the count of its replies: then its rows and its commit, two in all.
    assertThat(plain).isEqualTo(expected(new Cost(0, 1, 9), new Cost(0, 1, 2)));
  }

  @Test
  void readingTheInboxCostsTheSameForThreeItemsAndThirty() {
    String firstTopic = startThread(team.ana, "Topic 0");
    for (int i = 1; i < 3; i++) startThread(team.ana, "Topic " + i);
    team.bo.api().get("/api/v1/inbox"); // the token is cached from here on
    Cost three = cost(() -> assertThat(team.bo.api().get("/api/v1/inbox").json().get("items")).hasSize(3));
    for (int i = 3; i < 30; i++) startThread(i % 2 == 0 ? team.ana : team.cy, "Topic " + i);
    Cost thirty = cost(() -> assertThat(team.bo.api().get("/api/v1/inbox").json().get("items")).hasSize(30));

    // Issue 17: five of thirty is read by walking the newest threads, not by sorting all thirty rows; the first such
    // read finds more rows than a page's few first, the next walks at once
    Cost found = cost(() -> assertThat(team.bo.api().get("/api/v1/inbox?limit=5").json().get("items")).hasSize(5));
    Cost walked = cost(() -> assertThat(team.bo.api().get("/api/v1/inbox?limit=5").json().get("items")).hasSize(5));

    System.out.printf("[statements %s] inbox of 3: %s; of 30: %s; 5 of 30: %s, then %s%n", db, three, thirty, found, walked);
    assertThat(thirty).isEqualTo(three);
    // the person's rows, sorted, with how many there were; or, with many, the walk: on PostgreSQL one statement over
    // every workspace with the rows reminders bumped, on SQLite the workspaces (and whether a reminder bumped any
    // rows), then a statement per workspace, and the bumped rows only when there are some
    assertThat(three).isEqualTo(expected(new Cost(1, 0, 0), new Cost(1, 0, 0)));
    assertThat(found).isEqualTo(expected(new Cost(3, 0, 0), new Cost(2, 0, 0)));
    assertThat(walked).isEqualTo(expected(new Cost(2, 0, 0), new Cost(1, 0, 0)));
    long oldest = Long.parseLong(firstTopic);
    server.database().writeAll(h -> dev.longhand.inbox.InboxTesting.remind(h, Long.parseLong(team.bo.id()), oldest, System.currentTimeMillis() + 60_000));
    Cost bumped = cost(() -> assertThat(team.bo.api().get("/api/v1/inbox?limit=5").json().get("items").get(0).path("threadId").asText())
        .isEqualTo(firstTopic));
    assertThat(bumped).isEqualTo(expected(new Cost(3, 0, 0), new Cost(1, 0, 0)));
  }

  @Test
  void readingAThreadCostsTheSameWithThreeRepliesAndThirty() {
    String thread = startThread(team.ana, "Launch");
    List<Team.Person> writers = List.of(team.ana, team.bo, team.cy);
    for (int i = 0; i < 3; i++) reply(writers.get(i % writers.size()), thread, "Reply " + i + " to @" + team.ana.handle());
    team.bo.api().get("/api/v1/threads/" + thread);
    Cost three = cost(() -> assertThat(team.bo.api().get("/api/v1/threads/" + thread).json().get("replies")).hasSize(3));
    for (int i = 3; i < 30; i++) reply(writers.get(i % writers.size()), thread, "Reply " + i + " to @" + team.bo.handle());
    Cost thirty = cost(() -> assertThat(team.bo.api().get("/api/v1/threads/" + thread).json().get("replies")).hasSize(30));

    System.out.printf("[statements %s] thread of 3: %s; of 30: %s%n", db, three, thirty);
    assertThat(thirty).isEqualTo(three);
    // 11 since posts keep their rendered HTML: a read no longer asks for the workspace's handles to render mentions
    assertThat(three).isEqualTo(expected(new Cost(11, 0, 0), new Cost(11, 0, 0)));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private Cost expected(Cost onSqlite, Cost onPostgres) {
    return db == Db.SQLITE ? onSqlite : onPostgres;
  }
}
