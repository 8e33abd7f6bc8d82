package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every page writes its breadcrumbs with one partial, in one order (the space first for anything in a space), and
 * every time beside a thing one way: relative, with the whole instant in the reader's zone as its title.
 */
@ParameterizedClass
@EnumSource(Db.class)
class PageConsistencyTest {
  static final Pattern CRUMBS = Pattern.compile("<nav aria-label=\"Breadcrumb\" class=\"crumbs\">(.*?)</nav>", Pattern.DOTALL);
  static final Pattern ONE_SHAPE = Pattern.compile("<ol>(<li><a href=\"[^\"]+\">[^<]+</a></li>)*<li aria-current=\"page\">[^<]+</li></ol>");
  static final Pattern TIME = Pattern.compile("<time ([^>]*)>([^<]*)</time>");
  @Parameter Db db;

  @Test
  void breadcrumbsAndTimesAreWrittenOneWayOnEveryPage() {
    Team team = Team.of(db);
    String space = team.createSpace(team.ana, "Product", "public");
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Launch plan", "body", "Tuesday?")).text("id");
    team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Tuesday works."));
    String doc = team.ana.api().post("/api/v1/spaces/" + space + "/documents", Map.of("title", "Runbook", "body", "Step one.")).text("id");
    team.ana.api().put("/api/v1/documents/" + doc, Map.of("body", "Step one.\n\nStep two.", "baseRevision", 1));
    String decision = team.ana.api().post("/api/v1/spaces/" + space + "/decisions", Map.of("title", "Ship weekly", "decision", "Every week.")).text("id");

    Map<String, String> inSpace = new LinkedHashMap<>();
    inSpace.put("/threads/" + thread, "Launch plan");
    inSpace.put("/threads/" + thread + "/resolve", "Resolve");
    inSpace.put("/threads/" + thread + "/slow-mode", "Slow mode");
    inSpace.put("/spaces/" + space + "/documents", "Documents");
    inSpace.put("/documents/" + doc, "Runbook");
    inSpace.put("/documents/" + doc + "/edit", "Edit");
    inSpace.put("/documents/" + doc + "/revisions/1", "Revision 1");
    inSpace.put("/documents/" + doc + "/diff?from=1&to=2", "Changes");
    inSpace.put("/spaces/" + space + "/decisions", "Decisions");
    inSpace.put("/spaces/" + space + "/decisions/new", "Record a decision");
    inSpace.put("/decisions/" + decision, "Decision #");
    inSpace.put("/decisions/" + decision + "/edit", "Edit");
    inSpace.put("/spaces/" + space + "/recordings", "Recordings");
    WebSession ana = WebSession.signedIn(TestServers.get(db).baseUrl(), team.ana.email(), "correct horse battery");
    inSpace.forEach((path, current) -> {
      String trail = crumbs(ana, path);
      assertThat(trail).as(path).startsWith("<ol><li><a href=\"/spaces/" + space + "\">Product</a></li>").contains("aria-current=\"page\">" + current);
    });
    for (String path : List.of("/spaces/" + space, "/workspaces/" + team.workspaceId + "/decisions", "/workspaces/" + team.workspaceId + "/time")) {
      assertThat(crumbs(ana, path)).as(path).startsWith("<ol><li><a href=\"/workspaces/" + team.workspaceId + "\">");
    }
    assertThat(crumbs(ana, "/me/time")).isEqualTo("<ol><li><a href=\"/me\">Your profile</a></li><li aria-current=\"page\">Your time</li></ol>");
    assertThat(crumbs(ana, "/me/notifications")).startsWith("<ol><li><a href=\"/notifications\">Notifications</a></li>");

    for (String path : List.of("/threads/" + thread, "/spaces/" + space, "/documents/" + doc, "/documents/" + doc + "/revisions/1",
        "/spaces/" + space + "/documents", "/decisions/" + decision, "/spaces/" + space + "/decisions")) {
      String page = ana.get(path).body();
      Matcher m = TIME.matcher(page);
      int times = 0;
      while (m.find()) {
        String attrs = m.group(1);
        if (!attrs.contains("datetime=\"20") || !attrs.contains("T")) continue; // a day, not an instant
        if (attrs.contains("class=\"lh-time")) continue; // a time written in a post: shown in the reader's zone by the markup
        times++;
        assertThat(attrs).as(path + ": " + m.group()).containsPattern("title=\"[A-Z][a-z]+day \\d{1,2} [A-Z][a-z]+ \\d{4}, \\d\\d:\\d\\d \\(Europe/Lisbon\\)\"");
        assertThat(m.group(2)).as(path + ": " + m.group()).matches("just now|\\d+ min ago|today, \\d\\d:\\d\\d");
      }
      assertThat(times).as(path + " shows when things happened").isPositive();
    }
  }

  private static String crumbs(WebSession web, String path) {
    var r = web.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    Matcher m = CRUMBS.matcher(r.body());
    assertThat(m.find()).as(path + " has breadcrumbs").isTrue();
    String trail = m.group(1);
    assertThat(trail).as(path + ": one partial, one shape").matches(ONE_SHAPE);
    return trail;
  }
}
