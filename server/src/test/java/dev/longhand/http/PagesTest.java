package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The page side of the HTTP layer: sessions, CSRF, security headers, error pages. */
@ParameterizedClass
@EnumSource(Db.class)
class PagesTest {
  @Parameter Db db;

  private String base() {
    return TestServers.get(db).baseUrl();
  }

  @Test
  void everyPageCarriesAContentSecurityPolicy() {
    var r = new WebSession(base()).get("/login");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
  }

  @Test
  void signedOutVisitorsAreSentToSignIn() {
    var r = new WebSession(base()).get("/me");
    assertThat(r.statusCode()).isIn(302, 303);
    assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/login?next="));
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
    Team team = Team.of(db);
    WebSession ana = WebSession.signedIn(base(), team.ana.email(), "correct horse battery");
    var forged = ana.postForm("/workspaces", Map.of("name", "Forged", "_csrf", "not-the-token"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("Form expired");
    var names = team.ana.api().get("/api/v1/workspaces").json().get("workspaces").findValuesAsText("name");
    assertThat(names).doesNotContain("Forged");
  }

  @Test
  void anUploadRefusedBeforeItsBodyIsReadIsAnsweredNotCutOff() {
    // Refused in the first bytes (no token; signed out), while the client is still sending 4 MB: the answer must
    // arrive, not a reset connection. Several times, since a cut-off depends on timing.
    Team team = Team.of(db);
    String space = team.createSpace(team.ana, "Uploads", "public");
    WebSession ana = WebSession.signedIn(base(), team.ana.email(), "correct horse battery");
    WebSession stranger = new WebSession(base());
    byte[] body = new byte[4 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) 'x');
    String type = "multipart/form-data; boundary=----never-reached";
    for (int i = 0; i < 25; i++) {
      assertThat(ana.postBytes("/spaces/" + space + "/recordings", type, body).statusCode()).isEqualTo(403);
      var sent = stranger.postBytes("/spaces/" + space + "/recordings?_csrf=" + stranger.csrf(), type, body);
      assertThat(sent.statusCode()).isEqualTo(401);
      assertThat(sent.body()).contains("Sign in");
    }
  }

  @Test
  void sessionCookieIsHttpOnlyAndLax() {
    Team team = Team.of(db);
    WebSession s = new WebSession(base());
    s.get("/login");
    var r = s.postForm("/login", Map.of("email", team.bo.email(), "password", "correct horse battery"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c ->
        assertThat(c).startsWith("lh_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
  }

  @Test
  void signUpSignsInAndShowsHome() {
    WebSession s = new WebSession(base());
    s.get("/signup");
    String email = "new-" + System.nanoTime() + "@example.test";
    var r = s.postForm("/signup", Map.of("name", "Newcomer", "email", email, "password", "a long enough password"));
    assertThat(r.statusCode()).isEqualTo(303);
    var home = s.get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("Your workspaces").contains("Newcomer");
  }

  @Test
  void aBadSignUpShowsTheProblemOnTheForm() {
    WebSession s = new WebSession(base());
    s.get("/signup");
    var r = s.postForm("/signup", Map.of("name", "Shorty", "email", "shorty@example.test", "password", "short"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("at least 10 characters").contains("value=\"shorty@example.test\"");
  }

  @Test
  void unknownPagesAnswerAReadable404WithoutInternals() {
    var r = new WebSession(base()).get("/no/such/page");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("Not found").doesNotContain("Exception").doesNotContain("at dev.longhand");
  }
}
