package dev.longhand.draft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Drafts on the server: saved and read back by their author alone, gone once sent; refused submits keep the text. */
@ParameterizedClass
@EnumSource(Db.class)
class DraftsTest {
  @Parameter Db db;
  Team team;
  String space;
  String thread;

  @BeforeEach
  void team() {
    team = Team.of(db);
    space = team.createSpace(team.ana, "Launch", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch plan", "body", "Plans")).text("id");
  }

  private WebSession web(Team.Person p) {
    return WebSession.signedIn(TestServers.get(db).baseUrl(), p.email(), "correct horse battery");
  }

  @Test
  void aDraftIsSavedAndReadBackByItsAuthorAlone() {
    String key = "/api/v1/drafts/reply:" + thread;
    var saved = team.bo.api().put(key, Map.of("body", "Half a thought,\n  indented  "));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.text("key")).isEqualTo("reply:" + thread);
    var read = team.bo.api().get(key);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.text("body")).as("kept exactly as typed").isEqualTo("Half a thought,\n  indented  ");
    assertThat(read.text("updatedAt")).isNotBlank();

    for (Team.Person other : new Team.Person[] {team.ana, team.cy, team.eve}) {
      var r = other.api().get(key);
      assertThat(r.status()).as(other.name()).isEqualTo(404);
      assertThat(r.body()).doesNotContain("Half a thought");
    }
    assertThat(team.cy.api().put(key, Map.of("body", "Cy's own")).status()).isEqualTo(200);
    assertThat(team.bo.api().get(key).text("body")).as("each person has their own").startsWith("Half a thought");
    assertThat(team.eve.api().put(key, Map.of("body", "Eve cannot read the thread")).status()).isEqualTo(404);
    assertThat(team.anonymous.get(key).status()).isEqualTo(401);

    var emptied = team.bo.api().put(key, Map.of("body", "  "));
    assertThat(emptied.status()).as("an emptied composer removes its draft").isEqualTo(204);
    assertThat(team.bo.api().get(key).status()).isEqualTo(404);
  }

  @Test
  void badKeysAndFieldsAreRefusedNamingWhatIsWrong() {
    assertThat(team.bo.api().get("/api/v1/drafts/nonsense").status()).isEqualTo(404);
    assertThat(team.bo.api().put("/api/v1/drafts/reply:12345", Map.of("body", "x")).status()).as("no such thread").isEqualTo(404);
    var titled = team.bo.api().put("/api/v1/drafts/reply:" + thread, Map.of("title", "Replies have none", "body", "x"));
    assertThat(titled.status()).isEqualTo(400);
    assertThat(titled.text("field")).isEqualTo("title");
    var long_ = team.bo.api().put("/api/v1/drafts/thread:" + space, Map.of("title", "t".repeat(201), "body", "x"));
    assertThat(long_.status()).isEqualTo(400);
    assertThat(long_.text("field")).isEqualTo("title");
    assertThat(team.bo.api().get("/api/v1/drafts/thread:" + space).status()).as("nothing was written").isEqualTo(404);
  }

  @Test
  void sendingThePostRemovesItsDraft() {
    String reply = "/api/v1/drafts/reply:" + thread;
    String start = "/api/v1/drafts/thread:" + space;
    team.bo.api().put(reply, Map.of("body", "Agreed"));
    team.bo.api().put(start, Map.of("title", "Venue", "body", "Where?"));
    team.cy.api().put(reply, Map.of("body", "Cy still writing"));

    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Agreed")).status()).isEqualTo(201);
    assertThat(team.bo.api().get(reply).status()).isEqualTo(404);
    assertThat(team.bo.api().get(start).status()).as("only that composer's draft").isEqualTo(200);
    assertThat(team.cy.api().get(reply).status()).as("only its author's").isEqualTo(200);

    assertThat(team.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Venue", "body", "Where?")).status()).isEqualTo(201);
    assertThat(team.bo.api().get(start).status()).isEqualTo(404);

    // From the page's form, and "Send later": scheduling is sending.
    WebSession cy = web(team.cy);
    assertThat(cy.postForm("/threads/" + thread + "/replies", Map.of("body", "Cy's reply")).statusCode()).isEqualTo(303);
    assertThat(team.cy.api().get(reply).status()).isEqualTo(404);
    team.cy.api().put(reply, Map.of("body", "For tomorrow"));
    var scheduled = team.cy.api().post("/api/v1/threads/" + thread + "/scheduled-replies",
        Map.of("body", "For tomorrow", "sendAt", Instant.now().plus(Duration.ofDays(1)).toString()));
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
    assertThat(team.cy.api().get(reply).status()).isEqualTo(404);
  }

  @Test
  void aRefusedSendLaterKeepsTheTextWithTheErrorBesideTheTime() {
    WebSession bo = web(team.bo);
    var past = bo.postForm("/threads/" + thread + "/schedule", Map.of("body", "Keep every word of this", "sendAt", "2001-02-03T09:00"));
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(past.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(past.body()).contains(">Keep every word of this</textarea>")
        .contains("value=\"2001-02-03T09:00\"")
        .contains("id=\"reply-send-at-error\"")
        .contains("aria-describedby=\"reply-send-at-error\"")
        .contains("must be in the future")
        .contains("<details class=\"send-later\" open>");

    var noTime = bo.postForm("/threads/" + thread + "/schedule", Map.of("body", "Still here"));
    assertThat(noTime.statusCode()).isEqualTo(400);
    assertThat(noTime.body()).contains(">Still here</textarea>").contains("Choose when to send it.");
  }

  @Test
  void aRefusedNewThreadKeepsTitleAndTextWithTheErrorBesideTheField() {
    WebSession bo = web(team.bo);
    Map<String, String> noTitle = new HashMap<>(Map.of("title", "", "body", "A body worth keeping",
        "sendAt", java.time.LocalDateTime.now().plusDays(2).withNano(0).withSecond(0).toString().substring(0, 16)));
    var later = bo.postForm("/spaces/" + space + "/schedule", noTitle);
    assertThat(later.statusCode()).isEqualTo(400);
    String html = later.body();
    assertThat(html).contains(">A body worth keeping</textarea>");
    int error = html.indexOf("id=\"start-error\"");
    assertThat(error).as("the error is shown").isPositive();
    assertThat(html.indexOf("id=\"thread-title\"")).as("just above the title it names").isGreaterThan(error);
    assertThat(html.indexOf("<label for=\"thread-title\">")).isLessThan(error);
    assertThat(html).contains("aria-invalid=\"true\" aria-describedby=\"start-error\"");

    var noBody = bo.postForm("/spaces/" + space + "/threads", Map.of("title", "A title worth keeping", "body", ""));
    assertThat(noBody.statusCode()).isEqualTo(400);
    assertThat(noBody.body()).contains("value=\"A title worth keeping\"");
    int bodyError = noBody.body().indexOf("id=\"start-error\"");
    assertThat(noBody.body().indexOf("id=\"thread-body\"")).as("beside the text it names").isGreaterThan(bodyError);
    assertThat(noBody.body().indexOf("id=\"thread-title\"")).isLessThan(bodyError);

    var emptyReply = bo.postForm("/threads/" + thread + "/replies", Map.of("body", "   "));
    assertThat(emptyReply.statusCode()).isEqualTo(400);
    assertThat(emptyReply.body()).contains("id=\"reply-error\"").contains("data-draft=\"reply:" + thread + "\"");
  }
}
