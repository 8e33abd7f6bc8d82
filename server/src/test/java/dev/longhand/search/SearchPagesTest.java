package dev.longhand.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class SearchPagesTest {
  @Parameter Db db;
  Longhand server;
  Team team;
  Posts posts;
  String general;

  @BeforeEach
  void team() {
    server = TestServers.get(db);
    team = Team.of(db);
    posts = new Posts(server.database());
    general = team.createSpace(team.ana, "General <Ops>", "public");
  }

  @Test
  void resultsLinkToTheThreadAndReplyWithMarkedSnippets() {
    long thread = posts.thread(team.workspaceId, general, team.ana.id(), "<i>Launch</i> plan", "We launch <b>next</b> week.");
    long reply = posts.reply(thread, team.bo.id(), "Launch day needs a rollback plan too.");
    Posts.indexed(server.dispatcher());

    var page = team.cy.api().get("/search?q=launch");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("1 result")
        .contains("href=\"/threads/" + thread + "\"")
        .contains("href=\"/threads/" + thread + "/replies/" + reply + "\"")
        .contains("&lt;i&gt;Launch&lt;/i&gt; plan")
        .contains("We <mark>launch</mark> &lt;b&gt;next&lt;/b&gt; week.")
        .contains("<mark>Launch</mark> day")
        .contains("General &lt;Ops&gt;")
        .doesNotContain("<i>Launch</i>")
        .doesNotContain("<b>next</b>");
  }

  @Test
  void theFormOffersOnlyReadableSpacesAndKeepsTheFilters() {
    String secret = team.createSpace(team.ana, "Secret", "private");
    var page = team.bo.api().get("/search?q=plan&space=" + general + "&author=" + team.ana.handle());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("<option value=\"" + general + "\" selected>")
        .doesNotContain("value=\"" + secret + "\"")
        .contains("value=\"" + team.ana.handle() + "\"")
        .contains("Nothing found");
    assertThat(team.bo.api().get("/search").body()).contains("name=\"q\"").doesNotContain("Nothing found");
    assertThat(team.eve.api().get("/search?q=plan&space=" + general).status()).isEqualTo(404);
  }

  @Test
  void signedOutVisitorsAreSentToSignIn() {
    var r = team.anonymous.get("/search?q=x");
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
  }
}
