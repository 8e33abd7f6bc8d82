package dev.longhand.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who may keep a workspace's webhooks (its owners and admins; members and guests are refused, outsiders told nothing
 * exists), what the list shows (never the secret), and bad input naming its field and changing nothing.
 */
@ParameterizedClass
@EnumSource(Db.class)
class WebhookApiTest {
  @Parameter Db db;
  Team team;
  String hooks;

  @BeforeEach
  void team() {
    team = Team.of(db);
    hooks = "/api/v1/workspaces/" + team.workspaceId + "/webhooks";
  }

  @Test
  void ownersAndAdminsKeepWebhooksMembersAndGuestsAreRefusedOutsidersSeeNothing() {
    Team.Person dee = team.extraMember("Dee", "admin");
    var created = dee.api().post(hooks, body("http://192.0.2.10/hook", "ThreadPosted", "ReplyAdded"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.text("id");
    String deliveries = "/api/v1/webhooks/" + id + "/deliveries";

    for (Team.Person refused : List.of(team.bo, team.gil)) {
      assertThat(refused.api().post(hooks, body("http://192.0.2.11/hook", "ThreadPosted")).status()).isEqualTo(403);
      assertThat(refused.api().get(hooks).status()).isEqualTo(403);
      assertThat(refused.api().get(deliveries).status()).isEqualTo(403);
      assertThat(refused.api().delete("/api/v1/webhooks/" + id).status()).isEqualTo(403);
      assertThat(refused.api().post(deliveries.replace("/deliveries", "/deliveries/1/redeliver"), Map.of()).status()).isEqualTo(403);
    }
    Api eve = team.eve.api();
    assertThat(eve.post(hooks, body("http://192.0.2.11/hook", "ThreadPosted")).status()).isEqualTo(404);
    assertThat(eve.get(hooks).status()).isEqualTo(404);
    assertThat(eve.get(deliveries).status()).isEqualTo(404);
    assertThat(eve.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
    assertThat(team.ana.api().get("/api/v1/webhooks/987654321/deliveries").status()).isEqualTo(404);
    assertThat(team.anonymous.get(hooks).status()).isEqualTo(401);

    var list = team.ana.api().get(hooks);
    assertThat(list.json().get("webhooks")).hasSize(1);
    assertThat(list.json().get("webhooks").get(0).path("events").toString()).isEqualTo("[\"ThreadPosted\",\"ReplyAdded\"]");
    assertThat(list.json().get("webhooks").get(0).path("createdBy").asText()).isEqualTo(dee.id());
    assertThat(list.body()).doesNotContain("secret").doesNotContain(created.text("secret").substring(6));
    assertThat(list.json().get("kinds").toString()).contains("\"ReplyAdded\"").doesNotContain("ThreadRead").doesNotContain("BrainstormVoted");
    assertThat(team.ana.api().get(deliveries).json().get("deliveries")).isEmpty();

    assertThat(team.ana.api().delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
    assertThat(team.ana.api().get(deliveries).status()).isEqualTo(404);
    assertThat(team.ana.api().get(hooks).json().get("webhooks")).isEmpty();
  }

  @Test
  void badInputNamesItsFieldAndKeepsNothing() {
    for (Object[] c : new Object[][] {
        {Map.of("url", "http://192.0.2.10/hook", "events", List.of("NoSuchKind")), "events"},
        {Map.of("url", "http://192.0.2.10/hook", "events", List.of("ThreadRead")), "events"}, // one's own reading: never sent
        {Map.of("url", "http://192.0.2.10/hook", "events", List.of("BrainstormVoted")), "events"},
        {Map.of("url", "http://192.0.2.10/hook", "events", List.of()), "events"},
        {Map.of("url", "http://192.0.2.10/hook"), "events"},
        {Map.of("url", "http://192.0.2.10/hook", "events", "ReplyAdded"), "events"},
        {Map.of("events", List.of("ReplyAdded")), "url"},
        {Map.of("url", "http://192.0.2.10/" + "x".repeat(2000), "events", List.of("ReplyAdded")), "url"},
    }) {
      var answer = team.ana.api().post(hooks, c[0]);
      assertThat(answer.status()).as(c[0].toString()).isEqualTo(400);
      assertThat(answer.text("field")).as(c[0].toString()).isEqualTo(c[1]);
    }
    assertThat(team.ana.api().get(hooks).json().get("webhooks")).isEmpty();
  }

  private static Map<String, Object> body(String url, String... kinds) {
    return Map.of("url", url, "events", List.of(kinds));
  }
}
