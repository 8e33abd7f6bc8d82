package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Follow and mute: who hears of a post (notices) and whose inbox it reaches, for threads and spaces. */
@ParameterizedClass
@EnumSource(Db.class)
class SubscriptionsTest {
  @Parameter Db db;
  Team team;
  String space;

  @BeforeEach
  void team() {
    team = Team.of(db);
    space = team.createSpace(team.ana, "Launch", "public");
    for (Team.Person p : List.of(team.ana, team.bo, team.cy)) workingNow(p);
  }

  /** Working hours around now (UTC), so that direct notices are delivered at once. */
  private static void workingNow(Team.Person p) {
    LocalDateTime s = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofHours(6)), ZoneOffset.UTC);
    LocalDateTime e = s.plusHours(12);
    var r = p.api().put("/api/v1/me/schedule", Map.of("timeZone", "UTC", "workingHours", List.of(Map.of(
        "day", s.getDayOfWeek().name(), "start", s.toLocalTime().toString().substring(0, 5), "end", e.toLocalTime().toString().substring(0, 5)))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private String thread(Team.Person who, String title, String body) {
    var r = who.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  private void reply(Team.Person who, String thread, String body) {
    var r = who.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private JsonNode set(Team.Person who, String what, String id, String level) {
    var r = who.api().put("/api/v1/" + what + "/" + id + "/subscription", Map.of("level", level));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** The kinds of the person's delivered notices about a thread. */
  private List<String> kinds(Team.Person who, String thread) throws InterruptedException {
    TestServers.get(db).dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    List<String> kinds = new ArrayList<>();
    for (JsonNode n : who.api().get("/api/v1/notifications").json().get("delivered")) {
      if (thread.equals(n.path("threadId").asText())) kinds.add(n.get("kind").asText());
    }
    return kinds;
  }

  private List<String> inbox(Team.Person who) {
    List<String> threads = new ArrayList<>();
    for (JsonNode i : who.api().get("/api/v1/inbox").json().get("items")) threads.add(i.get("threadId").asText());
    return threads;
  }

  @Test
  void followingAThreadBringsANoticeForEveryReply() throws InterruptedException {
    String t = thread(team.ana, "Launch plan", "Plans");
    reply(team.bo, t, "Before Cy follows");
    assertThat(kinds(team.cy, t)).isEmpty();
    assertThat(team.cy.api().get("/api/v1/threads/" + t + "/subscription").json().get("level").asText()).isEqualTo("normal");

    JsonNode s = set(team.cy, "threads", t, "follow");
    assertThat(s.get("level").asText()).isEqualTo("follow");
    assertThat(s.get("source").asText()).isEqualTo("thread");
    reply(team.bo, t, "One");
    reply(team.ana, t, "Two");
    reply(team.cy, t, "Cy's own reply tells Cy nothing");
    assertThat(kinds(team.cy, t)).containsExactly("followed-reply", "followed-reply");
    assertThat(kinds(team.bo, t)).as("Bo follows nothing").isEmpty();
    JsonNode n = team.cy.api().get("/api/v1/notifications").json().get("delivered").get(0);
    assertThat(n.get("link").asText()).startsWith("/threads/" + t + "/replies/");
    assertThat(n.get("text").asText()).isEqualTo(team.ana.name() + " replied in “Launch plan”");

    set(team.cy, "threads", t, "normal");
    reply(team.bo, t, "Three");
    assertThat(kinds(team.cy, t)).hasSize(2);
  }

  @Test
  void followingASpaceTellsOfEveryNewThread() throws InterruptedException {
    JsonNode s = set(team.cy, "spaces", space, "follow");
    assertThat(s.get("source").asText()).isEqualTo("space");
    String t = thread(team.ana, "Budget", "Numbers");
    assertThat(kinds(team.cy, t)).containsExactly("followed-thread");
    assertThat(team.cy.api().get("/api/v1/threads/" + t + "/subscription").json().get("source").asText()).isEqualTo("space");
    assertThat(kinds(team.bo, t)).isEmpty();
  }

  @Test
  void mutingKeepsPostsOutOfTheInboxAndNoticesUnlessTheyMentionYou() throws InterruptedException {
    String bos = thread(team.bo, "Bo's question", "Anyone?");
    set(team.bo, "spaces", space, "mute");
    String quiet = thread(team.ana, "Quiet", "Nothing for Bo");
    reply(team.ana, bos, "An answer Bo muted");
    team.ana.api().post("/api/v1/threads/" + bos + "/acknowledgements", Map.of());
    assertThat(kinds(team.bo, bos)).as("no reply or acknowledgement notice in a muted space").isEmpty();
    assertThat(inbox(team.bo)).doesNotContain(quiet, bos);
    assertThat(inbox(team.cy)).as("Cy muted nothing").contains(quiet, bos);

    String loud = thread(team.ana, "Loud", "@" + team.bo.handle() + " this one is for you");
    assertThat(inbox(team.bo)).contains(loud);
    assertThat(kinds(team.bo, loud)).containsExactly("mention");

    // A thread's own level wins over its space's.
    JsonNode s = set(team.bo, "threads", bos, "follow");
    assertThat(s.get("source").asText()).isEqualTo("thread");
    reply(team.cy, bos, "Cy answers too");
    assertThat(kinds(team.bo, bos)).containsExactly("reply");
    assertThat(inbox(team.bo)).contains(bos);

    set(team.bo, "spaces", space, "normal");
    assertThat(team.bo.api().get("/api/v1/spaces/" + space + "/subscription").json().get("source").asText()).isEqualTo("default");
  }

  /**
   * Reply batches take the levels from memory while the space's readers version stands (LevelMemory): muting a thread
   * and moving one into a space count a version of the space, so the next reply reads them again. Without the count
   * of the mute, the reply below reached Bo's inbox; without the count of the move back, the unmute was not seen.
   */
  @Test
  void aLevelSetBetweenRepliesDecidesTheNextReply() {
    String t = thread(team.ana, "Busy", "Talk here");
    reply(team.cy, t, "First");
    assertThat(inbox(team.bo)).contains(t);
    set(team.bo, "threads", t, "mute");
    assertThat(team.bo.api().post("/api/v1/threads/" + t + "/read", Map.of()).status()).isEqualTo(204);
    reply(team.cy, t, "Second, muted for Bo");
    assertThat(inbox(team.bo)).as("muted after the first reply").doesNotContain(t);

    String other = team.createSpace(team.ana, "Other", "public");
    assertThat(team.ana.api().put("/api/v1/threads/" + t, Map.of("spaceId", other)).status()).isEqualTo(200);
    set(team.bo, "threads", t, "normal");
    assertThat(team.ana.api().put("/api/v1/threads/" + t, Map.of("spaceId", space)).status()).isEqualTo(200);
    reply(team.cy, t, "Third, back home");
    assertThat(inbox(team.bo)).as("unmuted while it was away").contains(t);
  }

  @Test
  void levelsAreCheckedAndOnlyReadersMaySetThem() {
    String t = thread(team.ana, "Launch plan", "Plans");
    var bad = team.bo.api().put("/api/v1/threads/" + t + "/subscription", Map.of("level", "loud"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text("field")).isEqualTo("level");
    assertThat(team.bo.api().put("/api/v1/threads/" + t + "/subscription", Map.of()).text("field")).isEqualTo("level");
    assertThat(team.eve.api().put("/api/v1/threads/" + t + "/subscription", Map.of("level", "follow")).status()).isEqualTo(404);
    assertThat(team.eve.api().get("/api/v1/spaces/" + space + "/subscription").status()).isEqualTo(404);
    assertThat(team.gil.api().put("/api/v1/spaces/" + space + "/subscription", Map.of("level", "mute")).status())
        .as("a guest not added to the space").isEqualTo(404);
    assertThat(team.bo.api().get("/api/v1/threads/" + t + "/subscription").json().get("level").asText()).isEqualTo("normal");
  }

  @Test
  void theThreadPageOffersFollowAndMuteAndSaysWhatIsChosen() {
    String t = thread(team.ana, "Launch plan", "Plans");
    WebSession web = WebSession.signedIn(TestServers.get(db).baseUrl(), team.bo.email(), "correct horse battery");
    var posted = web.postForm("/threads/" + t + "/subscription", Map.of("level", "mute"));
    assertThat(posted.statusCode()).isEqualTo(303);
    assertThat(posted.headers().firstValue("Location").orElse("")).startsWith("/threads/" + t + "?notice=Muted");
    String page = web.get("/threads/" + t).body();
    assertThat(page).contains("Notifications for this thread:").contains("value=\"mute\" class=\"chosen\" aria-pressed=\"true\"");
    assertThat(web.postForm("/spaces/" + space + "/subscription", Map.of("level", "follow")).statusCode()).isEqualTo(303);
    assertThat(web.get("/spaces/" + space).body()).contains("value=\"follow\" class=\"chosen\" aria-pressed=\"true\"");
  }
}
