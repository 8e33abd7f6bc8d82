package dev.longhand.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What people add to a recording: captions (WebVTT or pasted), chapters and comments pinned to a moment, by API and page. */
@ParameterizedClass
@EnumSource(Db.class)
class RecordingNotesTest {
  private static final String VTT = """
      WEBVTT - standup

      NOTE written by hand

      intro
      00:00.000 --> 00:04.000 align:start
      <v Ana>Welcome, everyone &amp; guests.</v>

      00:00:04.000 --> 00:00:09.500
      First, the roadmap.
      Then the budget.
      """;
  @Parameter Db db;
  Longhand server;
  Team team;
  String id;
  String base;

  @BeforeEach
  void scene() throws IOException {
    server = TestServers.get(db);
    team = Team.of(db);
    String product = team.createSpace(team.ana, "Product", "public");
    var up = Multipart.upload(server.baseUrl() + "/api/v1/spaces/" + product + "/recordings", team.ana.token(), "title", "Standup",
        "standup.webm", "video/webm", Files.readAllBytes(TestMedia.webm()));
    id = up.text("id");
    base = "/api/v1/recordings/" + id;
  }

  @Test
  void webVttCaptionsBecomeTheTranscriptAndThePlayersTrack() {
    var put = team.bo.api().send("PUT", base + "/captions", VTT, "text/vtt");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    JsonNode cues = team.cy.api().get(base + "/captions").json().path("cues");
    assertThat(cues).hasSize(2);
    assertThat(cues.get(0).path("text").asText()).isEqualTo("Welcome, everyone & guests.");
    assertThat(cues.get(0).path("start").asInt()).isZero();
    assertThat(cues.get(1).path("start").asInt()).isEqualTo(4);
    assertThat(cues.get(1).path("end").asDouble()).isEqualTo(9.5);
    assertThat(cues.get(1).path("text").asText()).isEqualTo("First, the roadmap. Then the budget.");
    assertThat(team.ana.api().get(base).json().path("hasCaptions").asBoolean()).isTrue();

    var vtt = team.cy.api().send("GET", base + "/captions", null, null, "Accept", "text/vtt");
    assertThat(vtt.headers().firstValue("Content-Type").orElse("")).startsWith("text/vtt");
    assertThat(vtt.body()).isEqualTo(VTT);
    WebSession cy = WebSession.signedIn(server.baseUrl(), team.cy.email(), "correct horse battery");
    var track = cy.get("/recordings/" + id + "/captions.vtt");
    assertThat(track.statusCode()).isEqualTo(200);
    assertThat(track.body()).isEqualTo(VTT);
    String page = cy.get("/recordings/" + id).body();
    assertThat(page).contains("<track kind=\"captions\" src=\"/recordings/" + id + "/captions.vtt\"");
    assertThat(page).contains("data-seek=\"4\" data-end=\"9.500\"").contains("First, the roadmap. Then the budget.");
    assertThat(page).as("the form holds the file as given, to correct in place").contains("NOTE written by hand\n\nintro\n00:00.000 --&gt; 00:04.000");
  }

  @Test
  void malformedWebVttIsRefusedWithItsLineAndChangesNothing() {
    team.ana.api().send("PUT", base + "/captions", VTT, "text/vtt");
    var badTime = team.ana.api().send("PUT", base + "/captions", "WEBVTT\n\n00:01.000 --> 00:04.000\nHello\n\n00:05.000 -> 00:07.000\nBye\n", "text/vtt");
    assertThat(badTime.status()).isEqualTo(400);
    assertThat(badTime.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(badTime.text("field")).isEqualTo("captions");
    assertThat(badTime.text("detail")).startsWith("Line 6: ");
    var noHeader = team.ana.api().send("PUT", base + "/captions", "00:01.000 --> 00:04.000\nHello\n", "text/vtt");
    assertThat(noHeader.text("detail")).startsWith("Line 1: ").contains("WEBVTT");
    var backwards = team.ana.api().send("PUT", base + "/captions", "WEBVTT\n\n00:05.000 --> 00:04.000\nHello\n", "text/vtt");
    assertThat(backwards.text("detail")).isEqualTo("Line 3: a cue must end after it starts.");
    var minutes = team.ana.api().send("PUT", base + "/captions", "WEBVTT\n\n00:75.000 --> 00:80.000\nHello\n", "text/vtt");
    assertThat(minutes.text("detail")).startsWith("Line 3: '00:75.000' is not a WebVTT time");
    var json = team.ana.api().put(base + "/captions", Map.of("captions", "hello"));
    assertThat(json.status()).isEqualTo(415);
    assertThat(json.text("field")).isEqualTo("captions");
    assertThat(team.ana.api().get(base + "/captions").json().path("cues")).hasSize(2);
  }

  @Test
  void pastedTextBecomesCuesTimedOrNot() {
    var timed = team.ana.api().send("PUT", base + "/captions", "0:00 Hello and welcome.\n[01:30] Budget questions\n1:02:03 - Wrap up", "text/plain");
    assertThat(timed.status()).as(timed.body()).isEqualTo(200);
    JsonNode cues = timed.json().path("cues");
    assertThat(cues.findValuesAsText("text")).containsExactly("Hello and welcome.", "Budget questions", "Wrap up");
    assertThat(cues.get(1).path("start").asInt()).isEqualTo(90);
    assertThat(cues.get(0).path("end").asInt()).isEqualTo(90);
    assertThat(team.ana.api().send("GET", base + "/captions", null, null, "Accept", "text/vtt").body())
        .contains("00:01:30.000 --> 01:02:03.000\nBudget questions");

    WebSession ana = WebSession.signedIn(server.baseUrl(), team.ana.email(), "correct horse battery");
    var pasted = ana.postForm("/recordings/" + id + "/captions", Map.of("captions", "We agreed to ship.\n\nThen we <b>argued</b>\nabout names."));
    assertThat(pasted.statusCode()).isEqualTo(303);
    JsonNode plain = team.ana.api().get(base + "/captions").json().path("cues");
    assertThat(plain.findValuesAsText("text")).containsExactly("We agreed to ship.", "Then we <b>argued</b> about names.");
    assertThat(plain.get(0).path("start").isNull()).isTrue();
    String page = ana.get("/recordings/" + id).body();
    assertThat(page).contains("Then we &lt;b&gt;argued&lt;/b&gt; about names.");

    var empty = ana.postForm("/recordings/" + id + "/captions", Map.of("captions", "  "));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("id=\"captions-error\"").contains("'captions' is required");
  }

  @Test
  void chaptersAreCheckedAndKeptInOrder() {
    var put = team.bo.api().put(base + "/chapters", List.of(Map.of("title", "Budget", "start", "12:30"),
        Map.of("title", "Welcome", "start", 0), Map.of("title", "Questions", "start", "1:02:03")));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    JsonNode chapters = team.ana.api().get(base).json().path("chapters");
    assertThat(chapters.findValuesAsText("title")).containsExactly("Welcome", "Budget", "Questions");
    assertThat(chapters.get(1).path("start").asInt()).isEqualTo(750);
    assertThat(chapters.get(2).path("startText").asText()).isEqualTo("1:02:03");

    var badStart = team.bo.api().put(base + "/chapters", List.of(Map.of("title", "Welcome", "start", "soon")));
    assertThat(badStart.status()).isEqualTo(400);
    assertThat(badStart.text("field")).isEqualTo("chapters");
    assertThat(badStart.text("detail")).startsWith("chapters[0]: 'soon' is not a start time");
    var noTitle = team.bo.api().put(base + "/chapters", List.of(Map.of("title", "Welcome", "start", "0"), Map.of("start", "5:00")));
    assertThat(noTitle.text("detail")).isEqualTo("chapters[1]: a chapter needs a title.");
    var twice = team.bo.api().put(base + "/chapters", List.of(Map.of("title", "A", "start", "1:00"), Map.of("title", "B", "start", "60")));
    assertThat(twice.text("detail")).isEqualTo("chapters[1]: another chapter already starts at 1:00.");
    assertThat(team.bo.api().put(base + "/chapters", Map.of("title", "x")).status()).isEqualTo(400);
    assertThat(team.ana.api().get(base).json().path("chapters")).hasSize(3);

    WebSession ana = WebSession.signedIn(server.baseUrl(), team.ana.email(), "correct horse battery");
    assertThat(ana.postForm("/recordings/" + id + "/chapters", Map.of("chapters", "0:00 Hello\n\n2:00 - Demo time\n")).statusCode()).isEqualTo(303);
    assertThat(team.ana.api().get(base).json().path("chapters").findValuesAsText("title")).containsExactly("Hello", "Demo time");
    var badLine = ana.postForm("/recordings/" + id + "/chapters", Map.of("chapters", "0:00 Hello\nlater Demo"));
    assertThat(badLine.statusCode()).isEqualTo(400);
    assertThat(badLine.body()).contains("Line 2: 'later' is not a start time").contains("later Demo</textarea>");
  }

  @Test
  void commentsArePinnedToAMomentAndRepliesShareIt() {
    var c = team.bo.api().post(base + "/comments", Map.of("body", "Is this number right?", "at", "1:05"));
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    assertThat(c.json().path("at").asInt()).isEqualTo(65);
    assertThat(c.json().path("atText").asText()).isEqualTo("1:05");
    var early = team.cy.api().post(base + "/comments", Map.of("body", "Nice intro", "at", 3));
    var reply = team.ana.api().post(base + "/comments", Map.of("body", "Yes, checked it twice.", "replyTo", c.text("id")));
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().path("at").asInt()).isEqualTo(65);

    JsonNode all = team.ana.api().get(base + "/comments").json().path("comments");
    assertThat(all.findValuesAsText("body")).startsWith("Nice intro", "Is this number right?");
    assertThat(all.get(0).path("id").asText()).isEqualTo(early.text("id"));
    assertThat(all.get(1).path("replies").get(0).path("body").asText()).isEqualTo("Yes, checked it twice.");

    assertThat(team.bo.api().post(base + "/comments", Map.of("body", "When?")).text("field")).isEqualTo("at");
    assertThat(team.bo.api().post(base + "/comments", Map.of("body", "When?", "at", "soon")).text("field")).isEqualTo("at");
    assertThat(team.bo.api().post(base + "/comments", Map.of("at", "0:10")).text("field")).isEqualTo("body");
    assertThat(team.bo.api().post(base + "/comments", Map.of("body", "x".repeat(4001), "at", "0:10")).text("field")).isEqualTo("body");
    var toReply = team.bo.api().post(base + "/comments", Map.of("body", "Deeper", "replyTo", reply.text("id")));
    assertThat(toReply.status()).isEqualTo(400);
    assertThat(toReply.text("field")).isEqualTo("replyTo");
    assertThat(team.ana.api().get(base + "/comments").json().path("comments")).hasSize(2);

    WebSession bo = WebSession.signedIn(server.baseUrl(), team.bo.email(), "correct horse battery");
    var posted = bo.postForm("/recordings/" + id + "/comments", Map.of("body", "From the page", "at", "0:12"));
    assertThat(posted.statusCode()).isEqualTo(303);
    assertThat(posted.headers().firstValue("Location").orElse("")).startsWith("/recordings/" + id + "?t=12#comment-");
    var noAt = bo.postForm("/recordings/" + id + "/comments", Map.of("body", "Lost moment", "at", ""));
    assertThat(noAt.statusCode()).isEqualTo(400);
    assertThat(noAt.body()).contains("id=\"comment-error\"").contains("Lost moment</textarea>");
    var longReply = bo.postForm("/recordings/" + id + "/comments", Map.of("body", "y".repeat(4001), "replyTo", c.text("id")));
    assertThat(longReply.statusCode()).isEqualTo(400);
    assertThat(longReply.body()).contains("id=\"reply-error-" + c.text("id") + "\"").doesNotContain("id=\"comment-error\"");
  }

  @Test
  void theRecordingPageStartsWhereTheLinkSays() {
    team.ana.api().put(base + "/chapters", List.of(Map.of("title", "Budget", "start", "0:12")));
    WebSession bo = WebSession.signedIn(server.baseUrl(), team.bo.email(), "correct horse battery");
    String page = bo.get("/recordings/" + id + "?t=62").body();
    assertThat(page).contains("<video id=\"player\"").contains("src=\"/recordings/" + id + "/media#t=62\"");
    assertThat(page).contains("href=\"/recordings/" + id + "?t=12\" data-seek=\"12\"");
    String shelf = bo.get("/spaces/" + team.ana.api().get(base).text("spaceId") + "/recordings").body();
    assertThat(shelf).contains("Standup").contains("WebM video").contains("enctype=\"multipart/form-data\"")
        .contains("?_csrf=" + bo.csrf());
  }
}
