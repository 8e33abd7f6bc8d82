package dev.longhand.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class WorkspaceApiTest {
  @Parameter Db db;
  Team team;

  @BeforeEach
  void team() {
    team = Team.of(db);
  }

  @Test
  void invitedPeopleJoinWithTheirRole() {
    var resp = team.ana.api().get("/api/v1/workspaces/" + team.workspaceId + "/members");
    var members = resp.json().get("members");
    assertThat(members).hasSize(4);
    assertThat(members.findValuesAsText("role")).containsExactlyInAnyOrder("owner", "member", "member", "guest");
  }

  @Test
  void anInvitationWorksOnce() {
    String code = team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/invitations", Map.of("role", "member")).text("code");
    var accepted = team.eve.api().post("/api/v1/invitations/" + code + "/accept", Map.of());
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.text("workspaceId")).isEqualTo(team.workspaceId);
    assertThat(accepted.text("role")).isEqualTo("member");
    var stranger = Team.of(db).eve;
    assertThat(stranger.api().post("/api/v1/invitations/" + code + "/accept", Map.of()).status()).isEqualTo(404);
  }

  @Test
  void badRoleIsRefusedNamingTheField() {
    var r = team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/invitations", Map.of("role", "emperor"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.text("field")).isEqualTo("role");
    assertThat(r.text("detail")).contains("admin, member, guest");
  }

  @Test
  void guestsSeeOnlySpacesTheyWereAddedTo() {
    String open = team.createSpace(team.ana, "Product", "public");
    String secret = team.createSpace(team.ana, "Leadership", "private");
    String shared = team.createSpace(team.ana, "Partners", "public");
    team.ana.api().post("/api/v1/spaces/" + shared + "/members", Map.of("accountId", team.gil.id()));

    assertThat(spaceNames(team.bo)).contains("Product", "Partners").doesNotContain("Leadership");
    assertThat(spaceNames(team.gil)).containsExactly("Partners");
    assertThat(team.gil.api().get("/api/v1/spaces/" + open).status()).isEqualTo(404);
    assertThat(team.bo.api().get("/api/v1/spaces/" + secret).status()).isEqualTo(404);
    assertThat(team.eve.api().get("/api/v1/spaces/" + open).status()).isEqualTo(404);
  }

  @Test
  void anotherWorkspaceIsInvisible() {
    assertThat(team.eve.api().get("/api/v1/workspaces/" + team.workspaceId + "/spaces").status()).isEqualTo(404);
    assertThat(team.eve.api().post("/api/v1/workspaces/" + team.workspaceId + "/spaces", Map.of("name", "x")).status()).isEqualTo(404);
  }

  private java.util.List<String> spaceNames(Team.Person p) {
    return p.api().get("/api/v1/workspaces/" + team.workspaceId + "/spaces").json().get("spaces").findValuesAsText("name");
  }
}
