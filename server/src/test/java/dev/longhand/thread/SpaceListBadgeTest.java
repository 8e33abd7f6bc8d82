package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A space's thread list says which threads are settled, and how: decided, answered or dropped. */
@ParameterizedClass
@EnumSource(Db.class)
class SpaceListBadgeTest {
  @Parameter Db db;

  @Test
  void resolvedThreadsCarryTheirOutcomeInTheList() {
    Team team = Team.of(db);
    String space = team.createSpace(team.ana, "Product", "public");
    String open = thread(team, space, "Still open");
    String decided = thread(team, space, "Which database");
    String answered = thread(team, space, "Office hours");
    String dropped = thread(team, space, "Team mascot");
    assertThat(team.ana.api().post("/api/v1/threads/" + decided + "/resolution", Map.of("outcome", "decision", "decision", "Use PostgreSQL.",
        "options", List.of(Map.of("title", "PostgreSQL")))).status()).isEqualTo(201);
    assertThat(team.bo.api().post("/api/v1/threads/" + answered + "/resolution", Map.of("outcome", "answer", "answer", "Tuesdays.")).status()).isEqualTo(201);
    assertThat(team.ana.api().post("/api/v1/threads/" + dropped + "/resolution", Map.of("outcome", "dropped", "reason", "No time.")).status()).isEqualTo(201);

    String page = WebSession.signedIn(TestServers.get(db).baseUrl(), team.cy.email(), "correct horse battery").get("/spaces/" + space).body();
    assertThat(item(page, open)).doesNotContain("badge");
    assertThat(item(page, decided)).contains("<span class=\"badge outcome outcome-decision\">Decided</span>");
    assertThat(item(page, answered)).contains("<span class=\"badge outcome outcome-answer\">Answered</span>");
    assertThat(item(page, dropped)).contains("<span class=\"badge outcome outcome-dropped\">Dropped</span>");

    team.ana.api().delete("/api/v1/threads/" + decided + "/resolution"); // reopened: open again in the list
    page = WebSession.signedIn(TestServers.get(db).baseUrl(), team.cy.email(), "correct horse battery").get("/spaces/" + space).body();
    assertThat(item(page, decided)).doesNotContain("badge");
  }

  private static String thread(Team team, String space, String title) {
    return team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", "What do we think?")).text("id");
  }

  private static String item(String page, String thread) {
    Matcher m = Pattern.compile("(?s)<a href=\"/threads/" + thread + "\">.*?</li>").matcher(page);
    assertThat(m.find()).as("thread " + thread + " in the list").isTrue();
    return m.group();
  }
}
