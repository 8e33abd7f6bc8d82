package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The notification pages and forms, driven without JavaScript. */
@ParameterizedClass
@EnumSource(Db.class)
class NotificationPagesTest {
  @Parameter Db db;
  Team team;
  String thread;

  @BeforeEach
  void team() {
    team = Team.of(db);
    String space = team.createSpace(team.ana, "Launch", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch plan", "body", "Plans")).text("id");
  }

  private WebSession web(Team.Person p) {
    return WebSession.signedIn(TestServers.get(db).baseUrl(), p.email(), "correct horse battery");
  }

  @Test
  void settingsFocusAndTheirErrors() {
    WebSession bo = web(team.bo);
    assertThat(bo.get("/me/notifications").body()).contains("Notifications and focus").contains("09:00, 15:00")
        .contains("Email is switched off on this server");
    var bad = bo.postForm("/me/notifications", Map.of("digestTimes", "nine", "focus_MONDAY", ""));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("takes times of day such as 09:00");
    var badFocus = bo.postForm("/me/notifications", Map.of("digestTimes", "09:00", "focus_TUESDAY", "morning"));
    assertThat(badFocus.body()).contains("Focus on Tuesday must look like 09:00-11:00");
    assertThat(bo.postForm("/me/notifications", Map.of("digestTimes", "08:30", "focus_TUESDAY", "13:00-15:00")).statusCode()).isEqualTo(303);
    assertThat(team.bo.api().get("/api/v1/me/delivery").json().get("focusBlocks").get(0).get("start").asText()).isEqualTo("13:00");
    assertThat(bo.postForm("/me/focus", Map.of("minutes", "60")).statusCode()).isEqualTo(303);
    assertThat(bo.get("/me/notifications").body()).contains("You are in focus until");
    assertThat(bo.postForm("/me/focus/end", Map.of()).statusCode()).isEqualTo(303);
    assertThat(bo.get("/me/notifications").body()).doesNotContain("You are in focus until");
  }

  @Test
  void aCommentOnADocumentLeadsFromTheCentreToTheComment() throws InterruptedException {
    NotificationsApiTest.workingNow(team.ana); // delivered now, not held for her morning
    String space = team.createSpace(team.ana, "Docs", "public");
    String doc = team.ana.api().post("/api/v1/spaces/" + space + "/documents", Map.of("title", "Runbook", "body", "Step one.")).text("id");
    assertThat(web(team.bo).postForm("/documents/" + doc + "/comments", Map.of("body", "Step two is missing.")).statusCode()).isEqualTo(303);
    TestServers.get(db).dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    String centre = web(team.ana).get("/notifications").body();
    var link = java.util.regex.Pattern.compile("action=\"(/notifications/\\d+)/open\"[^>]*>.*?<button type=\"submit\" class=\"link\">"
        + team.bo.name() + " commented on your document “Runbook”</button>").matcher(centre);
    assertThat(link.find()).as(centre).isTrue();
    assertThat(centre).contains("1 unread");
    for (Team.Person other : java.util.List.of(team.bo, team.eve)) {
      assertThat(web(other).postForm(link.group(1) + "/open", Map.of()).statusCode()).as(other.name()).isEqualTo(404);
      assertThat(web(other).get(link.group(1)).statusCode()).as(other.name()).isEqualTo(404);
    }

    // Following its address (a prefetch, a crawler) changes nothing; opening it from the centre marks it read and leads to the comment.
    assertThat(web(team.ana).get(link.group(1)).statusCode()).isEqualTo(303);
    assertThat(web(team.ana).get("/notifications").body()).contains("1 unread");
    var opened = web(team.ana).postForm(link.group(1) + "/open", Map.of());
    assertThat(opened.statusCode()).isEqualTo(303);
    String to = opened.headers().firstValue("Location").orElseThrow();
    assertThat(to).matches("/documents/" + doc + "#comment-\\d+");
    assertThat(web(team.ana).get("/notifications").body()).doesNotContain("1 unread");
    assertThat(web(team.ana).get(to.replaceAll("#.*", "")).body()).contains("id=\"" + to.replaceAll(".*#", "") + "\"")
        .contains("Step two is missing.");
  }

  @Test
  void urgentFromTheThreadPageReachesTheCentreWithItsReason() throws InterruptedException {
    WebSession ana = web(team.ana);
    assertThat(ana.get("/threads/" + thread).body()).contains("Urgent: interrupt someone now").contains(team.bo.name());
    var sent = ana.postForm("/threads/" + thread + "/urgent", Map.of("to", team.bo.id(), "reason", "The build is red"));
    assertThat(sent.statusCode()).isEqualTo(303);
    TestServers.get(db).dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    String centre = web(team.bo).get("/notifications").body();
    assertThat(centre).contains("sent an urgent notification about “Launch plan”").contains("The build is red").contains("1 unread");
    assertThat(web(team.bo).postForm("/notifications/read", Map.of()).statusCode()).isEqualTo(303);
    assertThat(web(team.bo).get("/notifications").body()).doesNotContain("1 unread");
    String log = ana.get("/workspaces/" + team.workspaceId + "/urgent").body();
    assertThat(log).contains("The build is red").contains(team.bo.name());
    assertThat(web(team.cy).get("/workspaces/" + team.workspaceId + "/urgent").statusCode()).isEqualTo(403);
    var noReason = ana.postForm("/threads/" + thread + "/urgent", Map.of("to", team.bo.id(), "reason", " "));
    assertThat(noReason.statusCode()).isEqualTo(400);
  }

  @Test
  void sendLaterAndRemindMeLaterFromTheThreadPage() {
    WebSession bo = web(team.bo);
    String at = LocalDateTime.now(ZoneId.of("Asia/Seoul")).plusDays(1).withSecond(0).withNano(0).toString();
    var scheduled = bo.postForm("/threads/" + thread + "/schedule", Map.of("body", "Tomorrow's update", "sendAt", at));
    assertThat(scheduled.statusCode()).isEqualTo(303);
    assertThat(bo.get("/scheduled").body()).contains("Tomorrow's update").contains("sends ");
    var remind = bo.postForm("/threads/" + thread + "/remind", Map.of("when", "3h"));
    assertThat(remind.statusCode()).isEqualTo(303);
    assertThat(remind.headers().firstValue("Location").orElse("")).contains("will+be+back+in+your+inbox");
    assertThat(bo.get("/threads/" + thread).body()).contains("Back in your inbox").contains("Cancel reminder");
    assertThat(bo.postForm("/threads/" + thread + "/remind", Map.of("when", "someday")).statusCode()).isEqualTo(400);
  }
}
