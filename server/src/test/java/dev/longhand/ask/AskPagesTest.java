package dev.longhand.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The asks page, the ask line on the thread page and the composer's ask control, as a browser without JavaScript uses them. */
@ParameterizedClass
@EnumSource(Db.class)
class AskPagesTest {
  @Parameter Db db;
  Team team;
  String product;

  @BeforeEach
  void team() {
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
  }

  private static Api.Response form(Api api, String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return api.send("POST", path, body, "application/x-www-form-urlencoded", "Accept", "text/html");
  }

  @Test
  void theComposersAskControlMakesAnAskThatTheThreadPageShowsInBothZones() {
    var space = team.ana.api().get("/spaces/" + product).body();
    assertThat(space).contains("name=\"askAssignee\"", "name=\"askWithin\"", team.bo.name(), "2 working days");

    var created = form(team.ana.api(), "/spaces/" + product + "/threads", Map.of("title", "Launch", "body", "Plan attached",
        "askAssignee", team.bo.id(), "askWithin", "P2D"));
    assertThat(created.status()).isEqualTo(303);
    String thread = created.headers().firstValue("Location").orElseThrow().substring("/threads/".length());

    var asAna = team.ana.api().get("/threads/" + thread).body();
    assertThat(asAna).contains("class=\"ask-line\"", "Ask for " + team.bo.name() + " from you, within 2 working days: due ",
        " your time · ", " in Seoul", "name=\"askAssignee\"");
    assertThat(asAna).doesNotContain("/done\"");
    var asBo = team.bo.api().get("/threads/" + thread).body();
    assertThat(asBo).contains("Ask for you from " + team.ana.name(), "action=\"/asks/", "/done\"", "Mark done");
    assertThat(asBo).doesNotContain(" style=", "<script>");

    // Bo answers in the composer with an ask of his own, to Ana, for 4 working hours; his reply closes nothing by itself.
    var replied = form(team.bo.api(), "/threads/" + thread + "/replies", Map.of("body", "Looks good; numbers?",
        "askAssignee", team.ana.id(), "askWithin", "PT4H"));
    assertThat(replied.status()).isEqualTo(303);
    var after = team.ana.api().get("/threads/" + thread).body();
    assertThat(after).contains("within 2 working days: due ", "Ask for you from " + team.bo.name() + ", within 4 working hours")
        .doesNotContain(" · done").doesNotContain("This answers the ask");

    // Under his own reply Bo is asked whether it answers; he says so, and everyone sees which reply answered.
    var asBoNow = team.bo.api().get("/threads/" + thread).body();
    assertThat(asBoNow).contains("Does this reply answer " + team.ana.name() + "’s ask?", "This answers the ask", "/answer?replyId=");
    String action = asBoNow.replaceAll("(?s).*action=\"(/asks/\\d+/answer\\?replyId=\\d+)\".*", "$1");
    String replyId = action.substring(action.indexOf("replyId=") + "replyId=".length());
    var marked = form(team.bo.api(), action, Map.of("back", "thread"));
    assertThat(marked.status()).isEqualTo(303);
    assertThat(marked.headers().firstValue("Location").orElseThrow()).startsWith("/threads/" + thread + "/replies/" + replyId + "?notice=Marked+as+the+answer");
    var answered = team.ana.api().get("/threads/" + thread).body();
    assertThat(answered).contains("within 2 working days: due ", " · answered", "Answers your ask").doesNotContain("This answers the ask");
    assertThat(team.cy.api().get("/threads/" + thread).body()).contains("Answers " + team.ana.name() + "’s ask");
    assertThat(form(team.cy.api(), action, Map.of()).status()).as("only Bo").isEqualTo(403);
  }

  @Test
  void aBadAskKeepsTheDraftAndSaysWhy() {
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Offsite", "body", "Where?")).text("id");
    var bad = form(team.ana.api(), "/threads/" + thread + "/replies", Map.of("body", "kept text", "askAssignee", team.bo.id(), "askWithin", "soon"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("ask.within", "kept text");
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().get("replies")).isEmpty();
    var badThread = form(team.ana.api(), "/spaces/" + product + "/threads", Map.of("title", "Kept title", "body", "b",
        "askAssignee", "260000000000000000", "askWithin", "P1D"));
    assertThat(badThread.status()).isEqualTo(400);
    assertThat(badThread.body()).contains("ask.assignee", "Kept title");
  }

  @Test
  void theAsksPageListsBothQueuesAndMarkingDoneTakesAnAskOut() {
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Budget review",
        "body", "@" + team.bo.handle() + " please review by 2 working days")).text("id");

    var bo = team.bo.api().get("/asks");
    assertThat(bo.status()).isEqualTo(200);
    assertThat(bo.body()).contains("href=\"/asks\"", "Waiting on you", "Budget review", "from " + team.ana.name(), "of working time",
        "your time", "Mark done", "You are not waiting on anyone");
    assertThat(bo.body()).doesNotContain(" style=", "<script>");
    var ana = team.ana.api().get("/asks").body();
    assertThat(ana).contains("Nothing is waiting on you", "Waiting on others", "Budget review", team.bo.name(), "in Seoul");

    String ask = team.bo.api().get("/api/v1/asks").json().get("asks").get(0).get("id").asText();
    assertThat(form(team.cy.api(), "/asks/" + ask + "/done", Map.of()).status()).isEqualTo(403);
    var done = form(team.bo.api(), "/asks/" + ask + "/done", Map.of());
    assertThat(done.status()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location").orElseThrow()).startsWith("/asks");
    var after = team.bo.api().get("/asks").body();
    assertThat(after).contains("Nothing is waiting on you", "Recently done (1)", "Budget review");
    assertThat(form(team.eve.api(), "/asks/" + ask + "/done", Map.of()).status()).isEqualTo(404);

    var fromThread = form(team.bo.api(), "/asks/" + ask + "/done", new LinkedHashMap<>(Map.of("back", "thread")));
    assertThat(fromThread.headers().firstValue("Location").orElseThrow()).startsWith("/threads/" + thread);
  }

  @Test
  void theAskerWithdrawsFromTheThreadOrTheAsksPage() {
    String thread = team.ana.api().post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Venue",
        "body", "@" + team.bo.handle() + " please pick one by 2 working days")).text("id");
    String ask = team.bo.api().get("/api/v1/asks").json().get("asks").get(0).get("id").asText();
    assertThat(team.ana.api().get("/threads/" + thread).body()).contains("action=\"/asks/" + ask + "/withdraw\"", "Withdraw");
    assertThat(team.bo.api().get("/threads/" + thread).body()).doesNotContain("/withdraw\"");
    assertThat(team.ana.api().get("/asks").body()).contains("action=\"/asks/" + ask + "/withdraw\"", "Withdraw your ask in Venue");

    assertThat(form(team.bo.api(), "/asks/" + ask + "/withdraw", Map.of()).status()).isEqualTo(403);
    assertThat(form(team.eve.api(), "/asks/" + ask + "/withdraw", Map.of()).status()).isEqualTo(404);
    var withdrawn = form(team.ana.api(), "/asks/" + ask + "/withdraw", new LinkedHashMap<>(Map.of("back", "thread")));
    assertThat(withdrawn.status()).isEqualTo(303);
    assertThat(withdrawn.headers().firstValue("Location").orElseThrow()).startsWith("/threads/" + thread + "?notice=Ask+withdrawn");

    assertThat(team.bo.api().get("/threads/" + thread).body()).contains(" · withdrawn").doesNotContain("Mark done");
    assertThat(team.bo.api().get("/asks").body()).contains("Nothing is waiting on you", "withdrawn");
    assertThat(team.ana.api().get("/asks").body()).contains("You are not waiting on anyone", "withdrawn by you");
  }
}
