package dev.longhand.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reply offers inbox rows only to those who read its thread since its last post, unless the thread's readers may
 * have changed since a post last reached them all: then to everyone (InboxService). Each case where someone could
 * lack a row without having read the thread: they joined, they unmuted, the thread moved to them.
 */
@ParameterizedClass
@EnumSource(Db.class)
class InboxReachTest {
  @Parameter Db db;
  Team team;
  String product;

  @BeforeEach
  void team() {
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
  }

  @Test
  void aReplyOffersRowsToThoseWhoReadTheThreadSinceItsLastPostAndNotesItsWriter() {
    String thread = startThread(team.ana, product, "Plan");
    assertThat(caughtUp(thread)).as("the opening post's writer has read it").containsExactly(team.ana.id());
    reply(team.bo, thread, "One");
    assertThat(caughtUp(thread)).as("Ana got a row; Bo read the thread by posting").containsExactly(team.bo.id());
    assertThat(team.cy.api().post("/api/v1/threads/" + thread + "/read", Map.of()).status()).isEqualTo(204);
    assertThat(caughtUp(thread)).containsExactlyInAnyOrder(team.bo.id(), team.cy.id());

    reply(team.ana, thread, "Two");
    assertThat(caughtUp(thread)).containsExactly(team.ana.id());
    assertThat(item(team.bo, thread).orElseThrow().path("unreadCount").asInt()).isEqualTo(1);
    assertThat(item(team.cy, thread).orElseThrow().path("unreadCount").asInt()).as("only what came after reading").isEqualTo(1);
    assertThat(item(team.ana, thread)).isEmpty();

    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/read", Map.of()).status()).isEqualTo(204);
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/unread", Map.of()).status()).isEqualTo(204);
    assertThat(caughtUp(thread)).as("marked unread, Bo has a row again").containsExactly(team.ana.id());
  }

  @Test
  void someoneWhoJoinsAfterAThreadBeganFindsItsNextReply() {
    String thread = startThread(team.ana, product, "Onboarding");
    reply(team.bo, thread, "Welcome");
    assertThat(team.cy.api().post("/api/v1/threads/" + thread + "/read", Map.of()).status()).isEqualTo(204);
    Team.Person dee = team.extraMember("Dee", "member");
    assertThat(item(dee, thread)).isEmpty();
    reply(team.bo, thread, "Dee, see above");
    assertThat(item(dee, thread).orElseThrow().path("unreadCount").asInt()).isEqualTo(1);
    assertThat(item(team.cy, thread).orElseThrow().path("unreadCount").asInt()).isEqualTo(1);
    assertThat(caughtUp(thread)).as("a reply to everyone leaves no one noted but its writer").containsExactly(team.bo.id());

    String leadership = team.createSpace(team.ana, "Leadership", "private");
    String secret = startThread(team.ana, leadership, "Plans");
    reply(team.ana, secret, "More plans");
    assertThat(team.ana.api().post("/api/v1/spaces/" + leadership + "/members", Map.of("accountId", team.cy.id())).status())
        .isEqualTo(201);
    reply(team.ana, secret, "Cy, read this");
    assertThat(item(team.cy, secret).orElseThrow().path("unreadCount").asInt()).isEqualTo(1);
  }

  @Test
  void unmutingASpaceOrAThreadBringsItsNextReplyBack() {
    subscribe(team.bo, "spaces", product, "mute");
    String thread = startThread(team.ana, product, "Quiet");
    reply(team.cy, thread, "Still quiet");
    assertThat(item(team.bo, thread)).isEmpty();
    subscribe(team.bo, "spaces", product, "normal");
    reply(team.cy, thread, "Loud again");
    assertThat(item(team.bo, thread).orElseThrow().path("unreadCount").asInt()).isEqualTo(1);

    subscribe(team.bo, "threads", thread, "mute");
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/read", Map.of()).status()).isEqualTo(204);
    reply(team.cy, thread, "Muted by Bo");
    assertThat(item(team.bo, thread)).isEmpty();
    subscribe(team.bo, "threads", thread, "follow");
    reply(team.cy, thread, "Followed by Bo");
    assertThat(item(team.bo, thread).orElseThrow().path("unreadCount").asInt()).isEqualTo(1);
  }

  @Test
  void aThreadMovedToAnotherSpaceReachesThatSpacesReaders() {
    String leadership = team.createSpace(team.ana, "Leadership", "private");
    assertThat(team.ana.api().post("/api/v1/spaces/" + leadership + "/members", Map.of("accountId", team.bo.id())).status())
        .isEqualTo(201);
    String thread = startThread(team.ana, leadership, "Draft");
    reply(team.bo, thread, "Looks fine");
    var moved = team.ana.api().put("/api/v1/threads/" + thread, Map.of("spaceId", product));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    reply(team.bo, thread, "Now for everyone");
    JsonNode cy = item(team.cy, thread).orElseThrow();
    assertThat(cy.path("unreadCount").asInt()).isEqualTo(1);
    assertThat(cy.path("spaceId").asText()).isEqualTo(product);
  }

  private String startThread(Team.Person who, String space, String title) {
    var r = who.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", title + ", opened"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private void reply(Team.Person who, String thread, String body) {
    var r = who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private void subscribe(Team.Person who, String what, String id, String level) {
    var r = who.api().put("/api/v1/" + what + "/" + id + "/subscription", Map.of("level", level));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private Optional<JsonNode> item(Team.Person who, String thread) {
    var r = who.api().get("/api/v1/inbox");
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("items").valueStream().filter(i -> i.path("threadId").asText().equals(thread)).findFirst();
  }

  /** Who the thread's next post will offer a row to, besides everyone when its readers changed. */
  private Set<String> caughtUp(String thread) {
    return TestServers.get(db).database().read(h -> h.createQuery("SELECT account_id FROM inbox_catchups WHERE thread_id = ?")
        .bind(0, Long.parseLong(thread)).mapTo(Long.class).list()).stream().map(String::valueOf).collect(Collectors.toSet());
  }
}
