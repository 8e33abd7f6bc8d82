package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Scheduling threads and replies through the API (posting them when due is in DeliveryWeekTest, on a test clock). */
@ParameterizedClass
@EnumSource(Db.class)
class ScheduledPostsApiTest {
  @Parameter Db db;
  Team team;
  String space;
  String thread;

  @BeforeEach
  void team() {
    team = Team.of(db);
    space = team.createSpace(team.ana, "Launch", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Plan", "body", "Draft")).text("id");
  }

  private static String inHours(int h) {
    return Instant.now().plus(Duration.ofHours(h)).toString();
  }

  @Test
  void scheduledPostsWaitAndCanBeCancelled() {
    var reply = team.bo.api().post("/api/v1/threads/" + thread + "/scheduled-replies", Map.of("body", "Morning update", "sendAt", inHours(10)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.text("state")).isEqualTo("scheduled");
    var newThread = team.bo.api().post("/api/v1/spaces/" + space + "/scheduled-threads",
        Map.of("title", "Weekly notes", "body", "Notes", "sendAt", inHours(20)));
    assertThat(newThread.status()).as(newThread.body()).isEqualTo(201);
    assertThat(team.bo.api().get("/api/v1/scheduled-posts").json().get("scheduled").size()).isEqualTo(2);
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().get("replies").size()).isZero(); // not posted yet
    assertThat(team.ana.api().delete("/api/v1/scheduled-posts/" + reply.text("id")).status()).isEqualTo(404); // not hers
    assertThat(team.bo.api().delete("/api/v1/scheduled-posts/" + reply.text("id")).status()).isEqualTo(204);
    assertThat(team.bo.api().get("/api/v1/scheduled-posts").json().get("scheduled").findValuesAsText("title")).containsExactly("Weekly notes");
  }

  @Test
  void badSchedulesAreRefusedAndChangeNothing() {
    var past = team.bo.api().post("/api/v1/threads/" + thread + "/scheduled-replies", Map.of("body", "x", "sendAt", "2020-01-01T00:00:00Z"));
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.text("field")).isEqualTo("sendAt");
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/scheduled-replies", Map.of("body", "x", "sendAt", "tomorrow"))
        .text("field")).isEqualTo("sendAt");
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/scheduled-replies", Map.of("sendAt", inHours(2))).text("field"))
        .isEqualTo("body");
    assertThat(team.bo.api().post("/api/v1/spaces/" + space + "/scheduled-threads", Map.of("body", "x", "sendAt", inHours(2)))
        .text("field")).isEqualTo("title");
    assertThat(team.eve.api().post("/api/v1/threads/" + thread + "/scheduled-replies", Map.of("body", "x", "sendAt", inHours(2)))
        .status()).isEqualTo(404);
    assertThat(team.bo.api().get("/api/v1/scheduled-posts").json().get("scheduled").size()).isZero();
  }
}
