package dev.longhand.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.Main;
import dev.longhand.config.Config;
import dev.longhand.store.Database;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** The index is disposable: each test runs its own servers on one data directory and database. */
@ParameterizedClass
@EnumSource(Db.class)
class SearchRecoveryTest {
  @Parameter Db db;
  Config config;
  String token;
  String workspaceId;
  String spaceId;
  String accountId;

  @BeforeEach
  void firstServerWithAThreadAndAReply() {
    config = TestServers.config(db);
    try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
      Api anonymous = new Api(server.baseUrl(), null);
      String email = "ana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
      accountId = anonymous.post("/api/v1/accounts", Map.of("email", email, "name", "Ana", "password", "correct horse battery")).text("id");
      token = anonymous.post("/api/v1/tokens", Map.of("email", email, "password", "correct horse battery", "label", "t")).text("token");
      Api ana = anonymous.as(token);
      workspaceId = ana.post("/api/v1/workspaces", Map.of("name", "Acme")).text("id");
      spaceId = ana.post("/api/v1/workspaces/" + workspaceId + "/spaces", Map.of("name", "General")).text("id");
      Posts posts = new Posts(server.database());
      long thread = posts.thread(workspaceId, spaceId, accountId, "Lighthouse", "The lighthouse keeper's log.");
      posts.reply(thread, accountId, "The beacon was repaired.");
      Posts.indexed(server.dispatcher());
      assertThat(titles(server, "lighthouse")).containsExactly("thread");
    }
  }

  @Test
  void eventsWrittenWhileTheServerWasDownAreIndexedOnRestart() {
    try (Database database = Database.open(config.jdbcUrl())) {
      Posts posts = new Posts(database);
      long thread = posts.thread(workspaceId, spaceId, accountId, "Harbour", "Fog over the harbour tonight.");
      posts.reply(thread, accountId, "The ferry waits for the fog to lift.");
    }
    try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
      Posts.indexed(server.dispatcher());
      assertThat(titles(server, "fog")).containsExactlyInAnyOrder("thread", "reply");
      assertThat(titles(server, "beacon")).containsExactly("reply");
    }
  }

  @Test
  void aMissingIndexIsRebuiltWhenTheServerStarts() throws IOException {
    deleteIndex();
    try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
      assertThat(titles(server, "lighthouse")).containsExactly("thread");
      assertThat(titles(server, "beacon")).containsExactly("reply");
    }
  }

  @Test
  void reindexCommandRebuildsTheIndexFromTheDatabase() throws IOException {
    deleteIndex();
    List<String> args = new ArrayList<>(List.of("reindex", "--data-dir", config.dataDir().toString()));
    config.databaseUrl().ifPresent(url -> args.addAll(List.of("--database-url", url)));
    assertThat(new CommandLine(new Main()).execute(args.toArray(String[]::new))).isZero();

    try (SearchIndex index = SearchIndex.openIn(config.dataDir())) {
      assertThat(index.isComplete()).isTrue();
    }
    try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
      assertThat(titles(server, "lighthouse")).containsExactly("thread");
      assertThat(titles(server, "beacon")).containsExactly("reply");
    }
  }

  @Test
  void rebuildReplacesWhateverTheIndexHeld() {
    try (Database database = Database.open(config.jdbcUrl()); SearchIndex index = SearchIndex.openIn(config.dataDir())) {
      index.write(Map.of("thread:42", List.of(new Indexed("thread", 42, 42, 42, Long.parseLong(spaceId), Long.parseLong(workspaceId),
          Long.parseLong(accountId), "Stale", "Stale", "A stale lighthouse that is no longer in the database.", 0, "/threads/42"))));
      assertThat(SearchIndexer.rebuild(database, index, Longhand.searchSources())).isEqualTo(2);
    }
    try (Longhand server = Longhand.start(config, Clock.systemUTC())) {
      assertThat(titles(server, "lighthouse")).containsExactly("thread");
    }
  }

  private List<String> titles(Longhand server, String q) {
    var r = new Api(server.baseUrl(), token).get("/api/v1/search?q=" + q);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> kinds = new ArrayList<>();
    r.json().get("hits").forEach(h -> kinds.add(h.get("kind").asText()));
    return kinds;
  }

  private void deleteIndex() throws IOException {
    Path dir = config.dataDir().resolve("search-index");
    assertThat(dir).isDirectory();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
