package dev.longhand.draft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A draft save still in flight when its post is sent reaches the server after the post's transaction removed the
 * draft. It says when its composer's text began ({@code basedOn}, the page's {@code data-draft-since}), so the server
 * refuses it and the sent text does not come back; a composer opened after the send saves as before.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DraftRaceTest {
  private static final Pattern SINCE = Pattern.compile("data-draft=\"([^\"]+)\"[^>]*data-draft-since=\"([^\"]+)\"");
  @Parameter Db db;
  TestClock clock;
  OwnServer own;
  Team team;
  String space;
  String thread;

  @BeforeEach
  void start() {
    clock = new TestClock(Instant.parse("2026-03-03T10:00:00Z"));
    own = OwnServer.at(db, clock, "Launch");
    team = own.team;
    space = own.space;
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch plan", "body", "Plans")).text("id");
  }

  @AfterEach
  void stop() {
    own.close();
  }

  /** The time the page gives its composer under {@code key}, as the script sends it. */
  private String since(String page, String key) {
    var r = team.bo.api().get(page);
    assertThat(r.status()).isEqualTo(200);
    Matcher m = SINCE.matcher(r.body());
    while (m.find()) if (m.group(1).equals(key)) return m.group(2);
    throw new AssertionError("no composer " + key + " on " + page);
  }

  @Test
  void aSaveArrivingAfterTheReplyWasSentDoesNotBringTheDraftBack() {
    String key = "/api/v1/drafts/reply:" + thread;
    String opened = since("/threads/" + thread, "reply:" + thread);
    assertThat(Instant.parse(opened)).isEqualTo(clock.instant());
    assertThat(team.bo.api().put(key, Map.of("body", "Agreed, let", "basedOn", opened)).status()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(3));
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Agreed, let us ship.")).status()).isEqualTo(201);
    clock.advance(Duration.ofMillis(200));
    var late = team.bo.api().put(key, Map.of("body", "Agreed, let us ship.", "basedOn", opened));
    assertThat(late.status()).as(late.body()).isEqualTo(409);
    assertThat(late.text("field")).isEqualTo("basedOn");
    assertThat(team.bo.api().get(key).status()).as("the sent text did not come back").isEqualTo(404);

    clock.advance(Duration.ofMinutes(1));
    String reopened = since("/threads/" + thread, "reply:" + thread);
    var next = team.bo.api().put(key, Map.of("body", "One more thing", "basedOn", reopened));
    assertThat(next.status()).as("a composer opened after the send saves as before").isEqualTo(200);
    assertThat(team.bo.api().put(key, Map.of("body", "Agreed, let us ship.", "basedOn", opened)).status())
        .as("the old composer's save is still refused").isEqualTo(409);
    assertThat(team.bo.api().get(key).text("body")).isEqualTo("One more thing");
  }

  @Test
  void theFirstSaveInFlightWhenANewThreadIsSentIsRefusedToo() {
    String key = "/api/v1/drafts/thread:" + space;
    String opened = since("/spaces/" + space, "thread:" + space);
    clock.advance(Duration.ofSeconds(5));
    assertThat(team.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Venue", "body", "Where?")).status()).isEqualTo(201);
    var late = team.bo.api().put(key, Map.of("title", "Venue", "body", "Where?", "basedOn", opened));
    assertThat(late.status()).as("no draft was saved before the send, and none comes after it").isEqualTo(409);
    assertThat(team.bo.api().get(key).status()).isEqualTo(404);
  }

  @Test
  void aCommentsDraftAndAScheduledReplyFollowTheSameRule() {
    String key = "/api/v1/drafts/reply:" + thread;
    String opened = since("/threads/" + thread, "reply:" + thread);
    clock.advance(Duration.ofSeconds(5));
    var scheduled = team.bo.api().post("/api/v1/threads/" + thread + "/scheduled-replies",
        Map.of("body", "For tomorrow", "sendAt", clock.instant().plus(Duration.ofDays(1)).toString()));
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
    assertThat(team.bo.api().put(key, Map.of("body", "For tomorrow", "basedOn", opened)).status()).isEqualTo(409);
    assertThat(team.bo.api().get(key).status()).isEqualTo(404);
  }

  @Test
  void aSaveWithoutItsTimeIsTakenAndABadTimeIsRefusedNamingTheField() {
    String key = "/api/v1/drafts/reply:" + thread;
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Sent")).status()).isEqualTo(201);
    var bad = team.bo.api().put(key, Map.of("body", "x", "basedOn", "yesterday"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text("field")).isEqualTo("basedOn");
    assertThat(team.bo.api().get(key).status()).as("nothing was written").isEqualTo(404);
    assertThat(team.bo.api().put(key, Map.of("body", "A client that keeps no time")).status()).isEqualTo(200);
    assertThat(team.bo.api().delete(key).status()).isEqualTo(204);
    assertThat(team.bo.api().get(key).status()).isEqualTo(404);
  }
}
