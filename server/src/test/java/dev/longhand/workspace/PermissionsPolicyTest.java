package dev.longhand.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The policy cases {@link Permissions} decides (docs/ARCHITECTURE.md, "Permissions"), through the API and the pages. */
@ParameterizedClass
@EnumSource(Db.class)
class PermissionsPolicyTest {
  @Parameter Db db;
  Longhand server;
  Team team;

  @BeforeEach
  void team() {
    server = TestServers.get(db);
    team = Team.of(db);
  }

  @Test
  void aGuestSeesOnlyThePeopleOfTheSpacesTheyWereAddedTo() {
    assertThat(memberIds(team.gil)).as("in no space yet: only himself").containsExactly(team.gil.id());
    String partners = team.createSpace(team.ana, "Partners", "private");
    add(team.ana, partners, team.bo);
    add(team.ana, partners, team.gil);

    assertThat(memberIds(team.gil)).containsExactlyInAnyOrder(team.ana.id(), team.bo.id(), team.gil.id());
    assertThat(memberIds(team.bo)).as("members see everyone").containsExactlyInAnyOrder(team.ana.id(), team.bo.id(), team.cy.id(), team.gil.id());
    String page = web(team.gil).get("/workspaces/" + team.workspaceId).body();
    assertThat(page).contains("@" + team.bo.handle()).doesNotContain("@" + team.cy.handle());

    String lounge = team.createSpace(team.ana, "Lounge", "public");
    add(team.ana, lounge, team.gil);
    assertThat(memberIds(team.gil)).as("a public space is read by every non-guest").contains(team.cy.id());
  }

  @Test
  void guestsSendNoUrgentNotifications() {
    String partners = team.createSpace(team.ana, "Partners", "public");
    add(team.ana, partners, team.gil);
    String thread = team.ana.api().post("/api/v1/spaces/" + partners + "/threads", Map.of("title", "Launch", "body", "Soon")).text("id");

    var fromGil = team.gil.api().post("/api/v1/notifications/urgent", Map.of("to", team.ana.id(), "threadId", thread, "reason", "Down"));
    assertThat(fromGil.status()).as(fromGil.body()).isEqualTo(403);
    assertThat(team.gil.api().post("/api/v1/notifications/urgent",
        Map.of("to", team.ana.id(), "workspaceId", team.workspaceId, "reason", "Down")).status()).isEqualTo(403);
    assertThat(team.bo.api().post("/api/v1/notifications/urgent", Map.of("to", team.ana.id(), "threadId", thread, "reason", "Down")).status())
        .isEqualTo(201);

    assertThat(web(team.gil).get("/threads/" + thread).body()).as("the guest is not offered it").doesNotContain("urgent-form");
    assertThat(web(team.bo).get("/threads/" + thread).body()).contains("urgent-form");
  }

  @Test
  void inAPrivateSpaceOnlyItsCreatorAndTheWorkspacesAdminsAddPeople() {
    Team.Person dee = team.extraMember("Dee", "admin");
    String vault = team.createSpace(team.ana, "Vault", "private");
    add(team.ana, vault, team.bo);
    add(team.ana, vault, dee);

    var byBo = team.bo.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.cy.id()));
    assertThat(byBo.status()).as("a member of the space who did not create it").isEqualTo(403);
    assertThat(byBo.text("detail")).contains("creator");
    assertThat(team.cy.api().get("/api/v1/spaces/" + vault).status()).isEqualTo(404);
    add(dee, vault, team.cy);
    assertThat(team.cy.api().get("/api/v1/spaces/" + vault).status()).isEqualTo(200);

    assertThat(web(team.bo).get("/spaces/" + vault).body()).as("Bo is not offered it").doesNotContain("Add to space");
    assertThat(web(team.ana).get("/spaces/" + vault).body()).contains("Add to space");

    String product = team.createSpace(team.ana, "Product", "public");
    add(team.bo, product, team.gil); // a public space: any non-guest may
    assertThat(team.gil.api().post("/api/v1/spaces/" + product + "/members", Map.of("accountId", team.cy.id())).status()).isEqualTo(403);
  }

  @Test
  void decisionNumbersArePerWorkspaceSoAHiddenDecisionLeavesAGap() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    String product = team.createSpace(team.ana, "Product", "public");
    assertThat(team.ana.api().post("/api/v1/spaces/" + vault + "/decisions", Map.of("title", "Hidden", "decision", "x")).json()
        .path("number").asInt()).isEqualTo(1);
    assertThat(team.bo.api().post("/api/v1/spaces/" + product + "/decisions", Map.of("title", "Open", "decision", "y")).json()
        .path("number").asInt()).as("accepted: the gap tells Bo a decision he cannot read exists, never what it says").isEqualTo(2);

    JsonNode log = team.bo.api().get("/api/v1/workspaces/" + team.workspaceId + "/decisions").json().path("decisions");
    assertThat(log).hasSize(1);
    assertThat(log.get(0).path("number").asInt()).isEqualTo(2);
    assertThat(log.toString()).doesNotContain("Hidden");
  }

  private void add(Team.Person by, String space, Team.Person who) {
    var r = by.api().post("/api/v1/spaces/" + space + "/members", Map.of("accountId", who.id()));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private List<String> memberIds(Team.Person p) {
    List<String> ids = new ArrayList<>();
    for (JsonNode m : p.api().get("/api/v1/workspaces/" + team.workspaceId + "/members").json().path("members")) ids.add(m.path("id").asText());
    return ids;
  }

  private WebSession web(Team.Person p) {
    return WebSession.signedIn(server.baseUrl(), p.email(), "correct horse battery");
  }
}
