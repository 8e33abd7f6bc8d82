package dev.longhand.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Node numbers for ids are leased from the database: never the same one twice at once, given back, taken over. */
@ParameterizedClass
@EnumSource(Db.class)
class NodeLeaseTest {
  @Parameter Db db;
  String url;
  Database database;

  @BeforeEach
  void open() {
    url = Databases.freshUrl(db);
    database = Databases.open(url);
  }

  @AfterEach
  void close() {
    database.close();
    Databases.drop(url);
  }

  @Test
  void eachTakerGetsTheLowestFreeNumberAndAClosedLeaseIsFreeAgain() {
    NodeLease first = NodeLease.take(database, Clock.systemUTC());
    NodeLease second = NodeLease.take(database, Clock.systemUTC());
    NodeLease third = NodeLease.take(database, Clock.systemUTC());
    assertThat(List.of(first.node(), second.node(), third.node())).containsExactly(0, 1, 2);
    second.close();
    NodeLease again = NodeLease.take(database, Clock.systemUTC());
    assertThat(again.node()).isEqualTo(1);
    long id = again.ids().next();
    assertThat((id >> 12) & 1023).as("the id carries the leased number").isEqualTo(1);
    first.close();
    third.close();
    again.close();
  }

  @Test
  void takersAtOnceNeverShareANumber() throws Exception {
    List<Callable<Integer>> takers = new ArrayList<>();
    for (int i = 0; i < 12; i++) takers.add(() -> NodeLease.take(database, Clock.systemUTC()).node());
    List<Integer> nodes = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(6)) {
      for (Future<Integer> f : pool.invokeAll(takers)) nodes.add(f.get());
    }
    assertThat(nodes).doesNotHaveDuplicates().hasSize(12).allMatch(n -> n >= 0 && n < 12);
  }

  @Test
  void aLeaseNotRenewedForATermIsTakenOverAndItsHolderMakesNoMoreIds() {
    TestClock clock = new TestClock(Instant.parse("2027-03-22T12:00:00Z"));
    NodeLease stalled = NodeLease.take(database, clock);
    NodeLease renewing = NodeLease.take(database, clock);
    clock.advance(NodeLease.TERM.minus(Duration.ofSeconds(1)));
    renewing.renew();
    clock.advance(Duration.ofSeconds(2)); // the stalled one's term has run out, the renewed one's not
    NodeLease newcomer = NodeLease.take(database, clock);
    assertThat(newcomer.node()).as("the run-out number, not a new one").isEqualTo(stalled.node());
    stalled.renew();
    assertThat(stalled.held()).isFalse();
    assertThatThrownBy(() -> stalled.ids().next()).isInstanceOf(StorageUnavailable.class).hasMessageContaining("lost its node lease");
    renewing.renew();
    assertThat(renewing.held()).isTrue();
    assertThat(renewing.ids().next()).isPositive();
    stalled.close(); // gives back nothing: the row is the newcomer's now
    assertThat(NodeLease.take(database, clock).node()).isEqualTo(2);
  }

  @Test
  void twoServersOnOneDatabaseMakeIdsAsDifferentNodes() throws Exception {
    Config config = TestServers.config(db);
    Config beside = config.withOverrides(null, Files.createTempDirectory("longhand-beside"), config.jdbcUrl(), null);
    try (Longhand a = Longhand.start(config, Clock.systemUTC()); Longhand b = Longhand.start(beside, Clock.systemUTC())) {
      Team team = Team.on(a);
      String space = team.createSpace(team.ana, "Launch", "public");
      String onA = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "From A", "body", "x")).text("id");
      var onB = new dev.longhand.testkit.Api(b.baseUrl(), team.ana.token())
          .post("/api/v1/spaces/" + space + "/threads", Map.of("title", "From B", "body", "y"));
      assertThat(onB.status()).as(onB.body()).isEqualTo(201);
      long nodeA = (Long.parseLong(onA) >> 12) & 1023;
      long nodeB = (Long.parseLong(onB.text("id")) >> 12) & 1023;
      assertThat(nodeA).isNotEqualTo(nodeB);
    } finally {
      config.databaseUrl().ifPresent(Databases::drop);
    }
  }
}
