package dev.longhand.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class InboxApiTest {
  @Parameter Db db;
  Team team;
  String product;

  @BeforeEach
  void team() {
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
  }

  private String startThread(Team.Person who, String space, String title, String body) {
    var r = who.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private void reply(Team.Person who, String thread, String body) {
    assertThat(who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body)).status()).isEqualTo(201);
  }

  private List<JsonNode> inbox(Team.Person who) {
    var r = who.api().get("/api/v1/inbox");
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("items").valueStream().toList();
  }

  private Optional<JsonNode> item(Team.Person who, String thread) {
    return inbox(who).stream().filter(i -> i.path("threadId").asText().equals(thread)).findFirst();
  }

  private static List<String> reasons(JsonNode item) {
    return item.get("reasons").valueStream().map(JsonNode::asText).toList();
  }

  @Test
  void aNewThreadReachesEveryReaderButItsAuthor() {
    String thread = startThread(team.ana, product, "Kickoff", "Hello all");
    JsonNode forBo = item(team.bo, thread).orElseThrow();
    assertThat(forBo.path("title").asText()).isEqualTo("Kickoff");
    assertThat(forBo.path("spaceId").asText()).isEqualTo(product);
    assertThat(forBo.path("spaceName").asText()).isEqualTo("Product");
    assertThat(forBo.path("unreadCount").asInt()).isEqualTo(1);
    assertThat(forBo.path("lastActivityAt").asText()).endsWith("Z");
    assertThat(reasons(forBo)).containsExactly("new_thread");
    assertThat(item(team.cy, thread)).isPresent();
    assertThat(item(team.ana, thread)).isEmpty();
    assertThat(item(team.gil, thread)).isEmpty();
    assertThat(item(team.eve, thread)).isEmpty();
  }

  @Test
  void repliesCountAsUnreadUntilReadAndMarkingUnreadBringsTheThreadBack() {
    String thread = startThread(team.ana, product, "Budget", "Numbers inside");
    reply(team.bo, thread, "First thought");
    reply(team.bo, thread, "Second thought");

    JsonNode forAna = item(team.ana, thread).orElseThrow();
    assertThat(forAna.path("unreadCount").asInt()).isEqualTo(2);
    assertThat(reasons(forAna)).containsExactly("reply");
    assertThat(item(team.cy, thread).orElseThrow().path("unreadCount").asInt()).isEqualTo(3);
    assertThat(reasons(item(team.cy, thread).orElseThrow())).containsExactly("new_thread", "reply");

    assertThat(team.ana.api().post("/api/v1/threads/" + thread + "/read", Map.of()).status()).isEqualTo(204);
    assertThat(item(team.ana, thread)).isEmpty();
    assertThat(team.ana.api().post("/api/v1/threads/" + thread + "/read", Map.of()).status()).isEqualTo(204);

    assertThat(team.ana.api().post("/api/v1/threads/" + thread + "/unread", Map.of()).status()).isEqualTo(204);
    JsonNode back = item(team.ana, thread).orElseThrow();
    assertThat(back.path("unreadCount").asInt()).isEqualTo(1);
    assertThat(reasons(back)).containsExactly("marked_unread");

    reply(team.cy, thread, "Third");
    JsonNode after = item(team.ana, thread).orElseThrow();
    assertThat(after.path("unreadCount").asInt()).isEqualTo(2);
    assertThat(reasons(after)).containsExactly("reply", "marked_unread");
  }

  @Test
  void ownPostsAreNeverUnread() {
    String thread = startThread(team.ana, product, "Retro", "What went well?");
    assertThat(item(team.bo, thread)).isPresent();
    reply(team.bo, thread, "Shipping on time");
    assertThat(item(team.bo, thread)).isEmpty();
    reply(team.bo, thread, "And the docs");
    assertThat(item(team.bo, thread)).isEmpty();
    assertThat(item(team.ana, thread).orElseThrow().path("unreadCount").asInt()).isEqualTo(2);
  }

  @Test
  void mentionsShowAsTheReasonAndAreRecorded() {
    String thread = startThread(team.ana, product, "Review", "@" + team.cy.handle() + " could you look?");
    assertThat(reasons(item(team.cy, thread).orElseThrow())).containsExactly("new_thread", "mention");
    assertThat(reasons(item(team.bo, thread).orElseThrow())).containsExactly("new_thread");
    team.cy.api().post("/api/v1/threads/" + thread + "/read", Map.of());
    reply(team.bo, thread, "cc @" + team.cy.handle() + " and @" + team.ana.handle());
    assertThat(reasons(item(team.cy, thread).orElseThrow())).containsExactly("reply", "mention");
    assertThat(reasons(item(team.ana, thread).orElseThrow())).containsExactly("reply", "mention");
    assertThat(mentionedAccounts(thread)).containsExactlyInAnyOrder(team.cy.id(), team.cy.id(), team.ana.id());
  }

  @Test
  void mentioningSomeoneWhoCannotReadTheSpaceLeaksNothing() {
    String secret = team.createSpace(team.ana, "Leadership", "private");
    String thread = startThread(team.ana, secret, "Reorg", "Not yet, @" + team.bo.handle() + " must not know; nor @" + team.gil.handle());
    reply(team.ana, thread, "@" + team.bo.handle() + " still not");
    assertThat(item(team.bo, thread)).isEmpty();
    assertThat(item(team.gil, thread)).isEmpty();
    assertThat(mentionedAccounts(thread)).isEmpty();
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/read", Map.of()).status()).isEqualTo(404);
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/unread", Map.of()).status()).isEqualTo(404);
    assertThat(team.eve.api().post("/api/v1/threads/" + thread + "/unread", Map.of()).status()).isEqualTo(404);
    assertThat(item(team.bo, thread)).isEmpty();
    assertThat(team.anonymous.get("/api/v1/inbox").status()).isEqualTo(401);
  }

  @Test
  void theInboxListsNewestActivityFirst() {
    String first = startThread(team.ana, product, "First", "1");
    String second = startThread(team.ana, product, "Second", "2");
    String third = startThread(team.ana, product, "Third", "3");
    reply(team.cy, first, "bump");
    List<String> order = inbox(team.bo).stream().map(i -> i.path("threadId").asText()).toList();
    assertThat(order).containsExactly(first, third, second);
    assertThat(team.bo.api().get("/api/v1/inbox?limit=2").json().get("items")).hasSize(2);
    assertThat(team.bo.api().get("/api/v1/inbox?limit=x").text("field")).isEqualTo("limit");
  }

  @Test
  void aReplyWritesRowsOnlyForThoseWhoHadReadTheThread() {
    String thread = startThread(team.ana, product, "Busy", "Opening");
    reply(team.bo, thread, "One");
    Map<Long, String> before = rowVersions(thread);
    reply(team.bo, thread, "Two");
    assertThat(rowVersions(thread)).as("Ana and Cy had something unread: their rows are not written again").isEqualTo(before);
    assertThat(item(team.ana, thread).orElseThrow().path("unreadCount").asInt()).isEqualTo(2);
    assertThat(item(team.cy, thread).orElseThrow().path("unreadCount").asInt()).isEqualTo(3);

    reply(team.cy, thread, "Three, cc @" + team.ana.handle());
    assertThat(item(team.cy, thread)).isEmpty();
    JsonNode bo = item(team.bo, thread).orElseThrow();
    assertThat(bo.path("unreadCount").asInt()).as("only what came after Bo's own reply").isEqualTo(1);
    assertThat(reasons(bo)).containsExactly("reply");
    JsonNode ana = item(team.ana, thread).orElseThrow();
    assertThat(ana.path("unreadCount").asInt()).isEqualTo(3);
    assertThat(reasons(ana)).containsExactly("reply", "mention");
  }

  @Test
  void aLongInboxReadsTheSameWalkedNewestFirstAsSortedWhole() {
    List<String> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) threads.add(startThread(team.ana, product, "Topic " + i, "Body " + i));
    reply(team.cy, threads.get(3), "bumps an old one");
    reply(team.cy, threads.get(10), "and another");
    long oldest = Long.parseLong(threads.getFirst());
    var database = TestServers.get(db).database();
    database.writeAll(h -> new InboxStore().remind(h, Long.parseLong(team.bo.id()), new InboxStore().place(h, oldest).orElseThrow(),
        System.currentTimeMillis() + 60_000));

    List<String> whole = ids(team.bo, 50); // 24 rows: sorted whole
    assertThat(whole).hasSize(24).startsWith(threads.getFirst(), threads.get(10), threads.get(3), threads.get(23));
    assertThat(ids(team.bo, 5)).as("24 rows for a page of 5: walked").containsExactlyElementsOf(whole.subList(0, 5));
    assertThat(ids(team.bo, 5)).as("walked again, first, without counting the rows").containsExactlyElementsOf(whole.subList(0, 5));

    for (String read : whole.subList(0, 8)) team.bo.api().post("/api/v1/threads/" + read + "/read", Map.of());
    List<String> rest = whole.subList(8, 24);
    assertThat(ids(team.bo, 50)).containsExactlyElementsOf(rest);
    assertThat(ids(team.bo, 2)).as("of the 8 newest threads 7 are read: the walk falls short and all 16 rows are sorted")
        .containsExactlyElementsOf(rest.subList(0, 2));
  }

  @Test
  void anInboxOverTwoWorkspacesWalksBothOrSortsWhole() {
    String code = team.eve.api().post("/api/v1/workspaces/" + team.otherWorkspaceId + "/invitations", Map.of("role", "member")).text("code");
    assertThat(team.bo.api().post("/api/v1/invitations/" + code + "/accept", Map.of()).status()).isLessThan(300);
    String elsewhere = team.eve.api().post("/api/v1/workspaces/" + team.otherWorkspaceId + "/spaces",
        Map.of("name", "Elsewhere", "visibility", "public")).text("id");
    List<String> acme = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) acme.add(startThread(team.ana, product, "Acme " + i, "Body " + i));
    List<String> other = new java.util.ArrayList<>();
    for (int i = 0; i < 9; i++) other.add(startThread(team.eve, elsewhere, "Elsewhere " + i, "Body " + i));
    for (String read : other.subList(1, 9)) team.bo.api().post("/api/v1/threads/" + read + "/read", Map.of());

    List<String> whole = ids(team.bo, 50);
    assertThat(whole).hasSize(13).startsWith(other.getFirst(), acme.getLast());
    assertThat(ids(team.bo, 2)).as("13 rows for a page of 2: walked, but the other workspace's 8 newest threads are read,"
        + " so sorted whole").containsExactly(other.getFirst(), acme.getLast());

    for (int i = 0; i < 12; i++) {
      other.add(startThread(team.eve, elsewhere, "Later " + i, "Body " + i));
      if (i % 3 == 0) reply(team.cy, acme.get(i), "keeps Acme among the newest");
    }
    whole = ids(team.bo, 50);
    assertThat(whole).hasSize(25).contains(other.getLast(), acme.get(9));
    assertThat(ids(team.bo, 3)).as("both workspaces' walks fill the page: merged newest first")
        .containsExactlyElementsOf(whole.subList(0, 3));
    assertThat(ids(team.bo, 3)).as("walked again, first").containsExactlyElementsOf(whole.subList(0, 3));
    assertThat(ids(team.bo, 5)).containsExactlyElementsOf(whole.subList(0, 5));
  }

  private List<String> ids(Team.Person who, int limit) {
    var r = who.api().get("/api/v1/inbox?limit=" + limit);
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("items").valueStream().map(i -> i.path("threadId").asText()).toList();
  }

  /**
   * Each reader's row of the thread with, on PostgreSQL, the transaction that last wrote it ({@code xmin}), which
   * changes when the row is written again; on SQLite, which keeps no such thing, the row's stored counts.
   */
  private Map<Long, String> rowVersions(String thread) {
    String version = db == Db.POSTGRESQL ? "xmin::text" : "seen_posts || '/' || noted_posts || '/' || reasons";
    return TestServers.get(db).database().read(h -> h.createQuery("SELECT account_id, " + version + " FROM inbox_items WHERE thread_id = ?")
        .bind(0, Long.parseLong(thread)).map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).list())
        .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private List<String> mentionedAccounts(String thread) {
    return TestServers.get(db).database().read(h -> h.createQuery("SELECT account_id FROM mentions WHERE thread_id = ?")
        .bind(0, Long.parseLong(thread)).mapTo(Long.class).list()).stream().map(String::valueOf).toList();
  }
}
