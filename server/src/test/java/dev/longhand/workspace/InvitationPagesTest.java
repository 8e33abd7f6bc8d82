package dev.longhand.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Invitation links as people meet them in pages: made once, copied, used once, and explained when used. */
@ParameterizedClass
@EnumSource(Db.class)
class InvitationPagesTest {
  @Parameter Db db;
  Team team;

  @BeforeEach
  void team() {
    team = Team.of(db);
  }

  private String base() {
    return TestServers.get(db).baseUrl();
  }

  private String invite(String role) {
    return team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/invitations", Map.of("role", role)).text("code");
  }

  @Test
  void aUsedInvitationSaysItWasUsedAndWhomToAsk() {
    String code = invite("member");
    WebSession dee = signUp("Dee", "").web();
    assertThat(dee.postForm("/invitations/" + code + "/accept", Map.of()).statusCode()).isEqualTo(303);

    var stranger = new WebSession(base()).get("/invitations/" + code);
    assertThat(stranger.statusCode()).isEqualTo(410);
    assertThat(stranger.body()).contains("This invitation was used").contains("Each invitation link works once")
        .contains("Ask <strong>" + team.ana.name() + "</strong>, who made it, for a new link")
        .doesNotContain("No such invitation").doesNotContain("Dee"); // who used it is not told
    var used = dee.get("/invitations/" + code);
    assertThat(used.statusCode()).isEqualTo(200);
    assertThat(used.body()).contains("You joined with this invitation").contains("href=\"/workspaces/" + team.workspaceId + "\"");

    assertThat(new WebSession(base()).get("/invitations/" + "x".repeat(32)).statusCode()).isEqualTo(404); // unknown stays unknown
  }

  @Test
  void makingALinkRedirectsSoAReloadShowsTheSameLinkWithACopyButton() {
    WebSession ana = WebSession.signedIn(base(), team.ana.email(), "correct horse battery");
    var made = ana.postForm("/workspaces/" + team.workspaceId + "/invitations", Map.of("role", "guest"));
    assertThat(made.statusCode()).as("POST/redirect/GET").isEqualTo(303);
    String location = made.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/workspaces/" + team.workspaceId + "?invitation=");
    String code = location.replaceAll(".*invitation=([^&#]+).*", "$1");

    String page = ana.get(location).body();
    assertThat(page).contains("value=\"" + base() + "/invitations/" + code + "\"").contains("id=\"invite-link\"")
        .contains("<button type=\"button\" data-copy=\"invite-link\" hidden>Copy link</button>");
    assertThat(ana.get(location).body()).as("a reload shows the same link").contains("/invitations/" + code + "\"");

    WebSession bo = WebSession.signedIn(base(), team.bo.email(), "correct horse battery");
    assertThat(bo.get(location).body()).as("only its maker sees it again").doesNotContain("/invitations/" + code);
    assertThat(new WebSession(base()).get("/invitations/" + code).body()).contains("Join ").contains(team.ana.name() + " invited you");
  }

  @Test
  void aGuestWhoSignsUpFromAnInvitationHasJoinedWithoutPressingJoin() {
    String code = invite("guest");
    SignedUp gus = signUp("Gus", "/invitations/" + code);
    assertThat(gus.location()).startsWith("/workspaces/" + team.workspaceId + "?notice=Welcome");
    String workspace = gus.web().get(gus.location()).body();
    assertThat(workspace).contains("Welcome to ").contains("You are guest here.");
    assertThat(gus.web().get("/invitations/" + code).body()).contains("You joined with this invitation");
  }

  @Test
  void signingUpFromAUsedInvitationStillMakesTheAccountAndShowsWhy() {
    String code = invite("member");
    signUp("Dee", "/invitations/" + code);
    SignedUp late = signUp("Lee", "/invitations/" + code);
    assertThat(late.location()).isEqualTo("/invitations/" + code);
    assertThat(late.web().get(late.location()).body()).contains("This invitation was used");
  }

  /** A browser that signed up (with {@code next}), and where the sign-up sent it. */
  record SignedUp(WebSession web, String location) {}

  private SignedUp signUp(String name, String next) {
    WebSession v = new WebSession(base());
    v.get("/signup?next=" + next);
    String email = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    var r = v.postForm("/signup", Map.of("name", name, "email", email, "password", "correct horse battery", "next", next,
        "timeZone", "Europe/Lisbon"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    return new SignedUp(v, r.headers().firstValue("Location").orElseThrow());
  }
}
