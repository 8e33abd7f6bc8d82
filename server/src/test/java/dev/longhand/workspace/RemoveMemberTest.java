package dev.longhand.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Owners and admins remove people from a workspace or a space: access through every session and token ends with the
 * answer, what they wrote stays under their name, an owner is removed only by an owner and never the last one.
 */
@ParameterizedClass
@EnumSource(Db.class)
class RemoveMemberTest {
  static final String PASSWORD = "correct horse battery";

  @Parameter Db db;
  Team team;
  Team.Person dee;
  String base;

  @BeforeEach
  void team() {
    team = Team.of(db);
    dee = team.extraMember("Dee", "admin");
    base = TestServers.get(db).baseUrl();
  }

  private String members(String workspaceId) {
    return "/api/v1/workspaces/" + workspaceId + "/members/";
  }

  @Test
  void aRemovedMemberLosesTheWorkspaceAtOnceThroughTokenAndSessionAndTheirPostsStay() {
    String space = team.createSpace(team.ana, "Launch", "public");
    String thread = team.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Bo's plan", "body", "Here it is")).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "And more"));
    team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Thanks @" + team.bo.handle()));
    WebSession boBrowser = WebSession.signedIn(base, team.bo.email(), PASSWORD);
    assertThat(team.bo.api().get("/api/v1/threads/" + thread).status()).isEqualTo(200); // the token is cached now
    assertThat(boBrowser.get("/spaces/" + space).statusCode()).isEqualTo(200);

    var removed = dee.api().delete(members(team.workspaceId) + team.bo.id());
    assertThat(removed.status()).as(removed.body()).isEqualTo(204);

    assertThat(team.bo.api().get("/api/v1/workspaces/" + team.workspaceId + "/spaces").status()).isEqualTo(404);
    assertThat(team.bo.api().get("/api/v1/spaces/" + space).status()).isEqualTo(404);
    assertThat(team.bo.api().get("/api/v1/threads/" + thread).status()).isEqualTo(404);
    assertThat(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Still here?")).status()).isEqualTo(404);
    assertThat(boBrowser.get("/spaces/" + space).statusCode()).isEqualTo(404);
    assertThat(boBrowser.get("/threads/" + thread).statusCode()).isEqualTo(404);
    assertThat(boBrowser.get("/workspaces/" + team.workspaceId).statusCode()).isEqualTo(404);
    assertThat(team.bo.api().get("/api/v1/workspaces").body()).doesNotContain(team.workspaceId);
    assertThat(team.bo.api().get("/api/v1/inbox").body()).doesNotContain(thread);

    var read = team.ana.api().get("/api/v1/threads/" + thread);
    assertThat(read.json().path("author").path("name").asText()).isEqualTo(team.bo.name());
    assertThat(read.body()).contains("And more");
    assertThat(team.ana.api().get("/api/v1/workspaces/" + team.workspaceId + "/members").body()).doesNotContain(team.bo.id());
    assertThat(boBrowser.get("/me").statusCode()).as("their account and session live on").isEqualTo(200);
  }

  @Test
  void aRemovedGuestLosesTheirSpaces() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.gil.id()));
    assertThat(team.gil.api().get("/api/v1/spaces/" + vault).status()).isEqualTo(200);
    assertThat(team.ana.api().delete(members(team.workspaceId) + team.gil.id()).status()).isEqualTo(204);
    assertThat(team.gil.api().get("/api/v1/spaces/" + vault).status()).isEqualTo(404);
    assertThat(team.ana.api().get("/api/v1/spaces/" + vault + "/members").body()).doesNotContain(team.gil.id());
  }

  @Test
  void onlyOwnersAndAdminsRemoveAndOutsidersLearnNothing() {
    var byMember = team.cy.api().delete(members(team.workspaceId) + team.bo.id());
    assertThat(byMember.status()).isEqualTo(403);
    assertThat(team.gil.api().delete(members(team.workspaceId) + team.bo.id()).status()).isEqualTo(403);
    var outsider = team.eve.api().delete(members(team.workspaceId) + team.bo.id());
    var nothing = team.eve.api().delete(members("260000000000000001") + team.bo.id());
    assertThat(outsider.status()).isEqualTo(404);
    assertThat(nothing.status()).isEqualTo(404);
    assertThat(outsider.text("detail")).isEqualTo(nothing.text("detail"));
    assertThat(dee.api().delete(members(team.workspaceId) + team.eve.id()).status()).as("not a member here").isEqualTo(404);
    assertThat(dee.api().delete(members(team.workspaceId) + "260000000000000001").status()).isEqualTo(404);
    assertThat(dee.api().delete(members(team.workspaceId) + "not-an-id").status()).isIn(400, 404);
    assertThat(team.bo.api().get("/api/v1/workspaces/" + team.workspaceId + "/members").status()).as("nobody was removed").isEqualTo(200);
  }

  @Test
  void anAdminCannotRemoveAnOwnerAndTheLastOwnerStays() {
    var byAdmin = dee.api().delete(members(team.workspaceId) + team.ana.id());
    assertThat(byAdmin.status()).isEqualTo(403);
    var lastOwner = team.ana.api().delete(members(team.workspaceId) + team.ana.id());
    assertThat(lastOwner.status()).isEqualTo(409);
    assertThat(lastOwner.text("field")).isEqualTo("accountId");
    assertThat(team.ana.api().get("/api/v1/workspaces/" + team.workspaceId + "/members").status()).isEqualTo(200);
    // an admin may remove another admin, and the owner an admin
    Team.Person fay = team.extraMember("Fay", "admin");
    assertThat(dee.api().delete(members(team.workspaceId) + fay.id()).status()).isEqualTo(204);
    assertThat(team.ana.api().delete(members(team.workspaceId) + dee.id()).status()).isEqualTo(204);
    assertThat(dee.api().get("/api/v1/workspaces/" + team.workspaceId + "/members").status()).isEqualTo(404);
  }

  @Test
  void takenOffAPrivateSpaceTheyLoseItAndItsThreadsLeaveTheirInbox() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.bo.id()));
    String thread = team.ana.api().post("/api/v1/spaces/" + vault + "/threads", Map.of("title", "Secret plan", "body", "Hush")).text("id");
    assertThat(team.bo.api().get("/api/v1/inbox").body()).contains(thread);
    WebSession boBrowser = WebSession.signedIn(base, team.bo.email(), PASSWORD);

    assertThat(team.cy.api().delete("/api/v1/spaces/" + vault + "/members/" + team.bo.id()).status()).as("an outsider to the space").isEqualTo(404);
    assertThat(team.bo.api().delete("/api/v1/spaces/" + vault + "/members/" + team.ana.id()).status()).as("a member of it").isEqualTo(403);
    assertThat(dee.api().delete("/api/v1/spaces/" + vault + "/members/" + team.bo.id()).status()).as("an admin who does not read it").isEqualTo(404);

    var removed = team.ana.api().delete("/api/v1/spaces/" + vault + "/members/" + team.bo.id());
    assertThat(removed.status()).as(removed.body()).isEqualTo(204);
    assertThat(team.bo.api().get("/api/v1/threads/" + thread).status()).isEqualTo(404);
    assertThat(boBrowser.get("/spaces/" + vault).statusCode()).isEqualTo(404);
    assertThat(team.bo.api().get("/api/v1/inbox").body()).doesNotContain(thread);
    assertThat(team.bo.api().get("/api/v1/workspaces/" + team.workspaceId + "/spaces").status()).as("still in the workspace").isEqualTo(200);
    assertThat(team.ana.api().delete("/api/v1/spaces/" + vault + "/members/" + team.bo.id()).status()).as("no longer a member").isEqualTo(404);
  }

  /**
   * Posts read a space's readers from memory while the space's readers version stands (WorkspaceService.readersAt);
   * taking someone off it counts a version, so the next reply no longer counts them a reader. Without the count the
   * remembered list still held Bo, and the ask below was accepted.
   */
  @Test
  void aReplyRightAfterTheyAreTakenOffAPrivateSpaceCannotAskThem() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.bo.id()));
    String thread = team.ana.api().post("/api/v1/spaces/" + vault + "/threads", Map.of("title", "Secret plan", "body", "Hush")).text("id");
    var asked = team.ana.api().post("/api/v1/threads/" + thread + "/replies",
        Map.of("body", "Can you check it?", "ask", Map.of("assignee", team.bo.id(), "within", "P1D")));
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);

    assertThat(team.ana.api().delete("/api/v1/spaces/" + vault + "/members/" + team.bo.id()).status()).isEqualTo(204);
    var again = team.ana.api().post("/api/v1/threads/" + thread + "/replies",
        Map.of("body", "Still there?", "ask", Map.of("assignee", team.bo.id(), "within", "P1D")));
    assertThat(again.status()).as(again.body()).isEqualTo(400);
    assertThat(again.text("field")).isEqualTo("ask.assignee");

    String commons = team.createSpace(team.ana, "Commons", "public");
    String open = team.ana.api().post("/api/v1/spaces/" + commons + "/threads", Map.of("title", "Open plan", "body", "Hi")).text("id");
    assertThat(team.ana.api().post("/api/v1/threads/" + open + "/replies",
        Map.of("body", "Dee, a look?", "ask", Map.of("assignee", dee.id(), "within", "P1D"))).status()).isEqualTo(201);
    assertThat(team.ana.api().delete(members(team.workspaceId) + dee.id()).status()).isEqualTo(204);
    var gone = team.ana.api().post("/api/v1/threads/" + open + "/replies",
        Map.of("body", "Dee?", "ask", Map.of("assignee", dee.id(), "within", "P1D")));
    assertThat(gone.status()).as("taken out of the workspace: " + gone.body()).isEqualTo(400);
    assertThat(gone.text("field")).isEqualTo("ask.assignee");
  }

  @Test
  void takenOffAPublicSpaceAMemberStillReadsIt() {
    String commons = team.createSpace(team.ana, "Commons", "public");
    team.ana.api().post("/api/v1/spaces/" + commons + "/members", Map.of("accountId", team.cy.id()));
    assertThat(team.cy.api().delete("/api/v1/spaces/" + commons + "/members/" + team.ana.id()).status()).isEqualTo(403);
    assertThat(dee.api().delete("/api/v1/spaces/" + commons + "/members/" + team.cy.id()).status()).isEqualTo(204);
    assertThat(team.ana.api().get("/api/v1/spaces/" + commons + "/members").body()).doesNotContain(team.cy.id());
    assertThat(team.cy.api().get("/api/v1/spaces/" + commons).status()).isEqualTo(200);
  }

  @Test
  void pagesOfferRemoveOnlyToWhoMayAndRemoveWithTheirForm() {
    String commons = team.createSpace(team.ana, "Commons", "public");
    team.ana.api().post("/api/v1/spaces/" + commons + "/members", Map.of("accountId", team.gil.id()));
    WebSession admin = WebSession.signedIn(base, dee.email(), PASSWORD);
    WebSession member = WebSession.signedIn(base, team.cy.email(), PASSWORD);

    String asAdmin = admin.get("/workspaces/" + team.workspaceId).body();
    assertThat(asAdmin).contains("/workspaces/" + team.workspaceId + "/members/" + team.bo.id() + "/remove")
        .doesNotContain("/members/" + team.ana.id() + "/remove") // the owner, whom an admin may not remove
        .doesNotContain("/members/" + dee.id() + "/remove"); // not oneself
    assertThat(member.get("/workspaces/" + team.workspaceId).body()).doesNotContain("/remove\"");
    assertThat(admin.get("/spaces/" + commons).body()).contains("/spaces/" + commons + "/members/" + team.gil.id() + "/remove");
    assertThat(member.get("/spaces/" + commons).body()).doesNotContain("/remove\"");

    var refused = member.postForm("/workspaces/" + team.workspaceId + "/members/" + team.bo.id() + "/remove", Map.of("name", team.bo.name()));
    assertThat(refused.statusCode()).isEqualTo(403);

    var offSpace = admin.postForm("/spaces/" + commons + "/members/" + team.gil.id() + "/remove", Map.of("name", team.gil.name()));
    assertThat(offSpace.statusCode()).isEqualTo(303);
    assertThat(team.gil.api().get("/api/v1/spaces/" + commons).status()).isEqualTo(404);

    var out = admin.postForm("/workspaces/" + team.workspaceId + "/members/" + team.bo.id() + "/remove", Map.of("name", team.bo.name()));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(admin.get(out.headers().firstValue("Location").orElseThrow()).body()).contains(team.bo.name() + " was removed from the workspace.");
    assertThat(team.bo.api().get("/api/v1/workspaces/" + team.workspaceId + "/members").status()).isEqualTo(404);
  }
}
