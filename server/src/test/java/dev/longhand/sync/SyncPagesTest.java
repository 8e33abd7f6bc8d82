package dev.longhand.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The propose form, the session page and the thread panel, as a browser without JavaScript uses them. */
@ParameterizedClass
@EnumSource(Db.class)
class SyncPagesTest {
  @Parameter Db db;
  Team team;
  String thread;

  @BeforeEach
  void team() {
    team = Team.of(db);
    String space = team.createSpace(team.ana, "Launch", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Pricing", "body", "Round and round")).text("id");
  }

  private static Api.Response form(Api api, String path, List<Map.Entry<String, String>> fields) {
    String body = fields.stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return api.send("POST", path, body, "application/x-www-form-urlencoded", "Accept", "text/html");
  }

  @Test
  void aSessionCanBeProposedFromTheSpacePageWithoutAThread() {
    String spaceId = team.createSpace(team.ana, "Ops", "public");
    assertThat(team.ana.api().get("/spaces/" + spaceId).body()).contains("href=\"/spaces/" + spaceId + "/sync-sessions/new\"");
    String form = team.ana.api().get("/spaces/" + spaceId + "/sync-sessions/new").body();
    assertThat(form).contains("action=\"/spaces/" + spaceId + "/sync-sessions\"", "posted in Ops as a new thread");
    assertThat(team.eve.api().get("/spaces/" + spaceId + "/sync-sessions/new").status()).as("not in the workspace").isEqualTo(404);

    var refused = form(team.ana.api(), "/spaces/" + spaceId + "/sync-sessions", List.of(Map.entry("purpose", ""),
        Map.entry("agenda", "Rota"), Map.entry("minutes", "30")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"error-purpose\"", "value=\"\"");
    assertThat(form(team.eve.api(), "/spaces/" + spaceId + "/sync-sessions", List.of(Map.entry("purpose", "Sneak"),
        Map.entry("agenda", "Rota"), Map.entry("participants", team.eve.id()), Map.entry("minutes", "30"))).status()).isEqualTo(404);

    var created = form(team.ana.api(), "/spaces/" + spaceId + "/sync-sessions", List.of(Map.entry("purpose", "On-call rota"),
        Map.entry("agenda", "Who takes December"), Map.entry("participants", team.bo.id()), Map.entry("minutes", "30")));
    assertThat(created.status()).isEqualTo(303);
    String path = created.headers().firstValue("Location").orElseThrow().replaceAll("\\?.*", "");
    var session = team.ana.api().get("/api/v1" + path);
    assertThat(session.status()).isEqualTo(200);
    assertThat(session.text("purpose")).isEqualTo("On-call rota");
    assertThat(team.ana.api().get(path).body()).contains("On-call rota", "Who takes December");
  }

  @Test
  void anaProposesFromTheThreadPicksASlotAndBoSeesItInHisZone() {
    String page = team.ana.api().get("/threads/" + thread).body();
    assertThat(page).contains("class=\"sync-panel\"", "href=\"/threads/" + thread + "/sync-sessions/new\"", "Propose a sync session");

    String form = team.ana.api().get("/threads/" + thread + "/sync-sessions/new").body();
    assertThat(form).contains("name=\"purpose\"", "name=\"agenda\"", "name=\"participants\"", team.bo.name(), " in Seoul · ",
        "0 min of 5 h this week");

    var refused = form(team.ana.api(), "/threads/" + thread + "/sync-sessions", List.of(Map.entry("purpose", "Settle pricing"),
        Map.entry("agenda", "  "), Map.entry("participants", team.bo.id()), Map.entry("minutes", "30")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"error-agenda\"", "value=\"Settle pricing\"");

    var created = form(team.ana.api(), "/threads/" + thread + "/sync-sessions", List.of(Map.entry("purpose", "Settle pricing"),
        Map.entry("agenda", "Where we disagree\nDecide"), Map.entry("participants", team.bo.id()), Map.entry("participants", team.cy.id()),
        Map.entry("minutes", "30")));
    assertThat(created.status()).isEqualTo(303);
    String path = created.headers().firstValue("Location").orElseThrow().replaceAll("\\?.*", "");
    String session = path.substring("/sync-sessions/".length());

    String asAna = team.ana.api().get(path).body();
    assertThat(asAna).contains("<li>Where we disagree</li>", "<li>Decide</li>", "name=\"start\"", "Schedule and send invitations",
        "of 5 h this week", " in Denver", "outside their hours");
    String asBo = team.bo.api().get(path).body();
    assertThat(asBo).as("Bo may read it but not schedule it").doesNotContain("name=\"start\"", "Cancel this session", "of 5 h this week");
    assertThat(asBo).contains("Times " + team.ana.name() + " is weighing", "class=\"sync-slot view\"");

    String start = team.ana.api().get("/api/v1/sync-sessions/" + session + "/slots").json().get("slots").get(0).get("start").asText();
    var scheduled = form(team.ana.api(), path + "/schedule", List.of(Map.entry("start", start),
        Map.entry("callLink", "https://meet.example.com/pricing")));
    assertThat(scheduled.status()).isEqualTo(303);
    String after = team.bo.api().get(path).body();
    assertThat(after).contains("invite.ics", "https://meet.example.com/pricing", "status-scheduled");
    assertThat(team.bo.api().get("/threads/" + thread).body()).contains("Settle pricing", "status-scheduled");

    var badLink = form(team.ana.api(), path + "/schedule", List.of(Map.entry("start", start), Map.entry("callLink", "ftp://x")));
    assertThat(badLink.status()).isEqualTo(400);
    assertThat(badLink.body()).contains("id=\"error-callLink\"");
    assertThat(form(team.bo.api(), path + "/cancel", List.of()).status()).isEqualTo(403);
    assertThat(form(team.ana.api(), path + "/cancel", List.of()).status()).isEqualTo(303);
    assertThat(team.ana.api().get(path).body()).contains("status-cancelled").doesNotContain("name=\"start\"");
  }

  @Test
  void outsidersFindNoSessionPageAndTheBudgetIsTheirOwnSetting() {
    String id = team.ana.api().post("/api/v1/threads/" + thread + "/sync-sessions", Map.of("purpose", "Settle pricing",
        "agenda", List.of("Decide"), "participants", List.of(team.bo.id()), "minutes", 30)).text("id");
    assertThat(team.eve.api().get("/sync-sessions/" + id).status()).isEqualTo(404);
    assertThat(team.gil.api().get("/sync-sessions/" + id).status()).isEqualTo(404);
    assertThat(team.gil.api().get("/threads/" + thread + "/sync-sessions/new").status()).isEqualTo(404);

    assertThat(team.bo.api().get("/me/meeting-budget").body()).contains("name=\"hours\"", "value=\"5\"");
    var saved = form(team.bo.api(), "/me/meeting-budget", List.of(Map.entry("hours", "3"), Map.entry("minutes", "30")));
    assertThat(saved.status()).isEqualTo(303);
    assertThat(team.bo.api().get("/api/v1/me/meeting-budget").json().get("weeklyMinutes").asInt()).isEqualTo(210);
    var refused = form(team.bo.api(), "/me/meeting-budget", List.of(Map.entry("hours", "99")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(team.ana.api().get("/sync-sessions/" + id).body()).contains("of 3 h 30 this week");
  }
}
