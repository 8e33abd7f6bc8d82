package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A batch of digests reads everyone's new threads in one query: each person must get exactly what the one-person
 * query gives them, across a public space, a private one with a guest let in, a muted thread, a muted space, a
 * followed thread in a muted space, a thread of one's own, a deleted thread, and someone from another workspace.
 */
@ParameterizedClass
@EnumSource(Db.class)
class NewThreadsForABatchTest {
  @Parameter Db db;

  @Test
  void theBatchGivesEachPersonWhatTheirOwnQueryGives() {
    Team team = Team.of(db);
    Longhand server = TestServers.get(db);
    long since = System.currentTimeMillis() - 1;
    String open = team.createSpace(team.ana, "Open", "public");
    String closed = team.createSpace(team.ana, "Closed", "private");
    assertThat(team.ana.api().post("/api/v1/spaces/" + closed + "/members", Map.of("accountId", team.gil.id())).status()).isLessThan(300);
    assertThat(team.ana.api().post("/api/v1/spaces/" + closed + "/members", Map.of("accountId", team.bo.id())).status()).isLessThan(300);
    String quiet = team.createSpace(team.ana, "Quiet", "public");
    List<String> threads = new ArrayList<>();
    for (var who : List.of(team.ana, team.bo, team.cy)) {
      threads.add(thread(who, open, "Open by " + who.name()));
      threads.add(thread(team.ana, closed, "Closed, for " + who.name()));
      threads.add(thread(who, quiet, "Quiet by " + who.name()));
    }
    String gone = thread(team.bo, open, "Soon deleted");
    assertThat(team.bo.api().delete("/api/v1/threads/" + gone).status()).isLessThan(300);
    subscribe(team.cy, "threads", threads.getFirst(), "mute");
    subscribe(team.cy, "spaces", quiet, "mute");
    subscribe(team.cy, "threads", threads.get(5), "follow"); // Ana's in the muted space: the thread's own level wins
    subscribe(team.gil, "spaces", closed, "mute");
    long now = System.currentTimeMillis() + 1;

    List<Long> people = new ArrayList<>();
    for (var p : List.of(team.ana, team.bo, team.cy, team.gil, team.eve)) people.add(Long.parseLong(p.id()));
    ThreadDigestStore store = new ThreadDigestStore();
    Map<Long, List<Long>> batch = new HashMap<>();
    server.database().read(h -> store.newThreadsFor(h, people, since, now))
        .forEach(seen -> batch.computeIfAbsent(seen.person(), k -> new ArrayList<>()).add(seen.thread().id()));
    int seenBySomeone = 0;
    for (long person : people) {
      List<Long> own = server.database().read(h -> store.newThreads(h, person, since, now)).stream()
          .map(ThreadDigestStore.NewThread::id).toList();
      assertThat(batch.getOrDefault(person, List.of())).as("person " + person).containsExactlyInAnyOrderElementsOf(own);
      seenBySomeone += own.size();
    }
    assertThat(seenBySomeone).as("the rules left something to compare").isGreaterThan(10);
    assertThat(batch.getOrDefault(Long.parseLong(team.eve.id()), List.of())).isEmpty();
  }

  private static String thread(Team.Person who, String space, String title) {
    var r = who.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", title + "."));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private static void subscribe(Team.Person who, String what, String id, String level) {
    var r = who.api().put("/api/v1/" + what + "/" + id + "/subscription", Map.of("level", level));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }
}
