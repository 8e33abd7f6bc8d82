package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Notices;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Links to a reply open the page of its thread that holds it, however long the thread: a thread of 120 replies is
 * read in pages of 50, and a notice, an ask or a sent reply lands on the reply it is about, not on the page a reader
 * would open the thread at.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ReplyLinksTest {
  private static final int REPLIES = 120;
  @Parameter Db db;
  Longhand server;
  Team team;
  String thread;
  List<String> replies;

  @BeforeEach
  void aThreadOfMoreThanTwoPages() {
    server = TestServers.get(db);
    team = Team.of(db);
    String space = team.createSpace(team.ana, "Product", "public");
    var started = team.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Long one", "body", "Let us talk."));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    thread = started.text("id");
    replies = new ArrayList<>();
    for (int i = 1; i <= REPLIES; i++) {
      Object body = switch (i) {
        case 70 -> Map.of("body", "Reply 70 for @" + team.ana.handle());
        case 100 -> Map.of("body", "Reply 100, could you check?", "ask", Map.of("assignee", team.ana.id(), "within", "P1D"));
        default -> Map.of("body", "Reply " + i);
      };
      var r = team.cy.api().post("/api/v1/threads/" + thread + "/replies", body);
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      replies.add(r.text("id"));
    }
  }

  @Test
  void aMentionsAndAnAsksNoticeOpenThePageHoldingTheirReply() {
    List<JsonNode> notices = Notices.of(server, team.ana);
    assertThat(notices).extracting(n -> n.get("kind").asText()).contains("mention", "ask");
    for (JsonNode n : notices) {
      String reply = switch (n.get("kind").asText()) {
        case "mention" -> replies.get(69);
        case "ask" -> replies.get(99);
        default -> null;
      };
      if (reply == null) continue;
      String link = n.get("link").asText();
      assertThat(follow(team.ana.api(), link)).as(link).contains("id=\"reply-" + reply + "\"");
      assertThat(link).isEqualTo("/threads/" + thread + "/replies/" + reply);
    }
  }

  @Test
  void aRepliesNoticeAndItsCentreEntryLeadToTheReply() {
    List<JsonNode> bos = Notices.of(server, team.bo);
    // The centre lists the newest 100 delivered notices: when Bo's hours (Seoul) have begun, those of the first 20
    // replies are past it, and when they have not, all 120 wait among the held ones. The earliest listed is on the
    // thread's first page (replies 1 to 50) either way.
    int earliest = bos.stream().mapToInt(n -> replies.indexOf(n.get("link").asText().replaceAll(".*/replies/", "")))
        .filter(i -> i >= 0).min().orElseThrow();
    assertThat(earliest).as("the earliest reply with a notice").isLessThan(50);
    String firstReply = replies.get(earliest);
    JsonNode first = bos.stream().filter(n -> n.get("link").asText().endsWith("/replies/" + firstReply)).findFirst().orElseThrow();
    JsonNode last = bos.stream().filter(n -> n.get("link").asText().endsWith("/replies/" + replies.getLast())).findFirst().orElseThrow();
    assertThat(follow(team.bo.api(), first.get("link").asText())).contains("id=\"reply-" + firstReply + "\"");
    String page = follow(team.bo.api(), last.get("link").asText());
    assertThat(page).contains("id=\"reply-" + replies.getLast() + "\"").doesNotContain("id=\"reply-" + firstReply + "\"");
  }

  @Test
  void aReplySentFromThePageLandsOnThePageHoldingIt() {
    var sent = team.bo.api().send("POST", "/threads/" + thread + "/replies",
        "body=" + URLEncoder.encode("Thanks, all.", StandardCharsets.UTF_8), "application/x-www-form-urlencoded", "Accept", "text/html");
    assertThat(sent.status()).isEqualTo(303);
    String location = sent.headers().firstValue("Location").orElseThrow();
    String reply = location.substring(location.lastIndexOf('/') + 1);
    assertThat(location).isEqualTo("/threads/" + thread + "/replies/" + reply);
    assertThat(follow(team.bo.api(), location)).contains("id=\"reply-" + reply + "\"", "Thanks, all.");
  }

  @Test
  void aThreadWhoseRepliesFitOnePageOpensWholeAtTheReplyPassingOnANoticeAndAnEdit() {
    String space = team.createSpace(team.ana, "Short", "public");
    String shortOne = team.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Short one", "body", "Quick?")).text("id");
    String first = team.cy.api().post("/api/v1/threads/" + shortOne + "/replies", Map.of("body", "Yes.")).text("id");
    String last = team.cy.api().post("/api/v1/threads/" + shortOne + "/replies", Map.of("body", "Done.")).text("id");
    var at = team.cy.api().get("/threads/" + shortOne + "/replies/" + last + "?notice=Saved.&edit=" + last);
    assertThat(at.status()).isEqualTo(303);
    assertThat(at.headers().firstValue("Location").orElseThrow())
        .isEqualTo("/threads/" + shortOne + "?notice=Saved.&edit=" + last + "#reply-" + last);
    assertThat(follow(team.cy.api(), "/threads/" + shortOne + "/replies/" + last))
        .contains("id=\"reply-" + first + "\"", "id=\"reply-" + last + "\"");
    var paged = team.ana.api().get("/threads/" + thread + "/replies/" + replies.get(59) + "?notice=Saved.");
    assertThat(paged.headers().firstValue("Location").orElseThrow())
        .isEqualTo("/threads/" + thread + "?after=" + (Long.parseLong(replies.get(59)) - 1) + "&notice=Saved.#reply-" + replies.get(59));
  }

  @Test
  void aReplysAddressIsNotFoundForADeletedReplyOrOneOfAnotherThread() {
    String other = team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "gone soon")).text("id");
    assertThat(team.bo.api().delete("/api/v1/replies/" + other).status()).isEqualTo(204);
    assertThat(team.ana.api().get("/threads/" + thread + "/replies/" + other).status()).isEqualTo(404);
    assertThat(team.ana.api().get("/threads/" + replies.getFirst() + "/replies/" + replies.get(1)).status()).isEqualTo(404);
    assertThat(team.eve.api().get("/threads/" + thread + "/replies/" + replies.getFirst()).status()).isEqualTo(404);
  }

  /** Follows a link as a browser would (redirects, the fragment not sent) and answers the page it ends on. */
  private static String follow(Api api, String link) {
    String at = link;
    for (int hops = 0; hops < 5; hops++) {
      int hash = at.indexOf('#');
      var r = api.get(hash < 0 ? at : at.substring(0, hash));
      if (r.status() / 100 != 3) {
        assertThat(r.status()).as(at).isEqualTo(200);
        return r.body();
      }
      at = r.headers().firstValue("Location").orElseThrow();
    }
    throw new AssertionError("too many redirects from " + link);
  }
}
