package dev.longhand.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.WebSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The "add webhook" form is Post/Redirect/Get: its answer is a 303 to the list (no secret in it nor in the address),
 * the list shows the new secret once, only to the admin who added it and only for a while, and loading it again
 * shows nothing and adds nothing.
 */
@ParameterizedClass
@EnumSource(Db.class)
class WebhookPagesTest {
  static final Pattern SECRET = Pattern.compile("value=\"(whsec_[A-Za-z0-9+/]+=*)\"");
  @Parameter Db db;
  TestClock clock;
  OwnServer own;
  String list;

  @BeforeEach
  void start() {
    clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    own = OwnServer.at(db, clock, "Launch");
    list = "/workspaces/" + own.team.workspaceId + "/webhooks";
  }

  @AfterEach
  void stop() {
    own.close();
  }

  @Test
  void addingRedirectsAndTheSecretIsShownOnceToItsAdderOnly() {
    WebSession ana = own.web(own.team.ana);
    HttpResponse<String> posted = add(ana, "http://192.0.2.10/hook");
    assertThat(posted.statusCode()).isEqualTo(303);
    assertThat(posted.body()).doesNotContain("whsec_");
    String location = posted.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches(Pattern.quote(list) + "\\?added=[0-9]+");

    HttpResponse<String> first = ana.get(location);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
    Matcher m = SECRET.matcher(first.body());
    assertThat(m.find()).as(first.body()).isTrue();
    String secret = m.group(1);
    assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(24);
    assertThat(location).doesNotContain(secret.substring(6));

    HttpResponse<String> again = ana.get(location); // the reload: nothing shown, nothing added
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).doesNotContain("whsec_").doesNotContain(secret.substring(6)).contains("http://192.0.2.10/hook");
    assertThat(own.team.ana.api().get("/api/v1" + list).json().path("webhooks")).hasSize(1);
  }

  @Test
  void anotherAdminNeverSeesItAndItIsNotKeptForLong() {
    Team.Person dee = own.team.extraMember("Dee", "admin");
    WebSession ana = own.web(own.team.ana);
    String location = add(ana, "http://192.0.2.10/one").headers().firstValue("Location").orElseThrow();
    assertThat(own.web(dee).get(location).body()).doesNotContain("whsec_").contains("http://192.0.2.10/one");
    assertThat(ana.get(location).body()).as("Dee's look took nothing from Ana").contains("whsec_");

    String later = add(ana, "http://192.0.2.10/two").headers().firstValue("Location").orElseThrow();
    clock.advance(WebhookService.REVEAL_FOR.plus(Duration.ofSeconds(1)));
    assertThat(ana.get(later).body()).doesNotContain("whsec_").contains("http://192.0.2.10/two");
    assertThat(ana.get(list + "?added=99999999999999999999").statusCode()).isEqualTo(200); // not an id: just the list
  }

  @Test
  void aRefusedAddressKeepsTheFormAndAddsNothing() {
    WebSession ana = own.web(own.team.ana);
    HttpResponse<String> refused = add(ana, "http://169.254.169.254/latest");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("link-local").doesNotContain("whsec_");
    assertThat(own.team.ana.api().get("/api/v1" + list).json().path("webhooks")).isEmpty();
  }

  private HttpResponse<String> add(WebSession s, String url) {
    return s.postForm(list, Map.of("url", url, "events", "ThreadPosted"));
  }
}
