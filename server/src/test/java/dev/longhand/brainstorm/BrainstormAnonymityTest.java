package dev.longhand.brainstorm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A brainstorm never tells who wrote an idea: every API answer anyone gets in every phase, and its page as each person
 * sees it, are searched for the authors' ids, names and handles; and the database itself holds no account id beside
 * an idea or a dot, and nothing at all once the brainstorm is closed.
 */
@ParameterizedClass
@EnumSource(Db.class)
class BrainstormAnonymityTest {
  @Parameter Db db;
  TestClock clock;
  Longhand server;
  Team team;
  Team.Person dee;
  String thread;
  final List<Api.Response> answers = new ArrayList<>();

  @BeforeEach
  void start() {
    clock = new TestClock(BrainstormApiTest.START);
    server = Longhand.start(TestServers.config(db), clock);
    team = Team.on(server);
    dee = team.extraMember("Dee", "admin");
    String space = team.createSpace(team.ana, "Product", "public");
    thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Onboarding", "body", "Ideas welcome")).text("id");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Api.Response keep(Api.Response r) {
    assertThat(r.status()).as(r.body()).isLessThan(300);
    answers.add(r);
    return r;
  }

  @Test
  void noAnswerAndNoPageEverNamesWhoWroteAnIdeaNotEvenToTheOwnerOrAnAdmin() {
    List<Team.Person> people = List.of(team.ana, team.bo, team.cy, dee);
    String b = keep(team.ana.api().post("/api/v1/threads/" + thread + "/brainstorms", Map.of("prompt", "How do we welcome new people?",
        "ideasUntil", BrainstormApiTest.IDEAS_UNTIL.toString(), "votesUntil", BrainstormApiTest.VOTES_UNTIL.toString(), "dots", 2))).text("id");
    String fromAna = keep(team.ana.api().post("/api/v1/brainstorms/" + b + "/ideas", Map.of("text", "A map of who knows what"))).text("id");
    String fromBo = keep(team.bo.api().post("/api/v1/brainstorms/" + b + "/ideas", Map.of("text", "A buddy for the first week"))).text("id");
    String fromCy = keep(team.cy.api().post("/api/v1/brainstorms/" + b + "/ideas", Map.of("text", "Record the onboarding talk"))).text("id");
    assertThat(database("SELECT COUNT(*) FROM brainstorm_ideas WHERE author_tag IS NOT NULL AND brainstorm_id = " + b)).isEqualTo(3);
    lookAtEverything(people, b);

    clock.set(BrainstormApiTest.IDEAS_UNTIL);
    server.dueWork().runDue();
    for (Team.Person p : List.of(team.ana, team.bo, team.cy)) {
      keep(p.api().post("/api/v1/brainstorms/" + b + "/votes", Map.of("ideaId", fromBo)));
      keep(p.api().post("/api/v1/brainstorms/" + b + "/votes", Map.of("ideaId", p == team.cy ? fromAna : fromCy)));
    }
    lookAtEverything(people, b);

    clock.set(BrainstormApiTest.VOTES_UNTIL);
    server.dueWork().runDue();
    lookAtEverything(people, b);
    String reply = keep(team.bo.api().get("/api/v1/brainstorms/" + b)).text("replyId");
    String filed = team.bo.api().get("/api/v1/threads/" + thread + "/replies").json().get("replies").get(0).path("body").asText();
    assertThat(filed).contains("A buddy for the first week");

    // Every answer, in every phase, to everyone: nobody's id, name or handle.
    assertThat(answers).hasSizeGreaterThan(20);
    for (Api.Response r : answers) {
      for (Team.Person author : List.of(team.ana, team.bo, team.cy)) {
        assertThat(r.body()).as("an API answer").doesNotContain(author.id(), author.name()).doesNotContainPattern(handle(author));
      }
    }
    for (Team.Person author : List.of(team.bo, team.cy)) {
      assertThat(filed).doesNotContain(author.name(), author.id()).doesNotContainPattern(handle(author));
    }
    assertThat(reply).isNotEmpty();

    // Once closed, the database cannot tell either: the key and every tag are gone.
    assertThat(database("SELECT COUNT(*) FROM brainstorms WHERE tag_key IS NOT NULL AND id = " + b)).isZero();
    assertThat(database("SELECT COUNT(*) FROM brainstorm_ideas WHERE author_tag IS NOT NULL AND brainstorm_id = " + b)).isZero();
    assertThat(database("SELECT COUNT(*) FROM brainstorm_votes WHERE voter_tag IS NOT NULL AND brainstorm_id = " + b)).isZero();
    assertThat(database("SELECT COUNT(*) FROM brainstorm_votes WHERE brainstorm_id = " + b)).isEqualTo(6);
  }

  /** Each person's API answer and page in this phase: pages may name the reader (the top bar) and the starter, Ana. */
  private void lookAtEverything(List<Team.Person> people, String b) {
    for (Team.Person p : people) {
      keep(p.api().get("/api/v1/brainstorms/" + b));
      String html = WebSession.signedIn(server.baseUrl(), p.email(), "correct horse battery").get("/brainstorms/" + b).body();
      assertThat(html).contains("How do we welcome new people?");
      for (Team.Person author : List.of(team.bo, team.cy)) {
        if (author == p) continue;
        assertThat(html).as(p.name() + "'s page").doesNotContain(author.id(), author.name()).doesNotContainPattern(handle(author));
      }
      String threadPage = WebSession.signedIn(server.baseUrl(), p.email(), "correct horse battery").get("/threads/" + thread).body();
      assertThat(threadPage).contains("How do we welcome new people?");
    }
    // In the database, no idea or dot row holds an account id in any column.
    for (Team.Person author : List.of(team.ana, team.bo, team.cy)) {
      assertThat(database("SELECT COUNT(*) FROM brainstorm_ideas WHERE author_tag LIKE '%" + author.id() + "%'")).isZero();
      assertThat(database("SELECT COUNT(*) FROM brainstorm_votes WHERE voter_tag LIKE '%" + author.id() + "%'")).isZero();
    }
  }

  /** A handle as a word of its own ("bo", not the "bo" of "body"). */
  private static java.util.regex.Pattern handle(Team.Person p) {
    return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_-])" + java.util.regex.Pattern.quote(p.handle()) + "(?![A-Za-z0-9_-])");
  }

  private int database(String sql) {
    return server.database().read(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }
}
