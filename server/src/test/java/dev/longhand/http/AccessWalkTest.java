package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.longhand.Longhand;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Walks every route of the table with every role: owner, admin, member, guest, a member of
 * another workspace, and anonymous. For each route it works out which resource the path names
 * and who is an outsider to it; an outsider must get the same answer for the real id as for an
 * id that does not exist (so nothing hints that it exists), never a success, and never see the
 * secret written inside. A route whose path names something this test does not know fails it:
 * new routes must be given an access expectation here.
 */
@ParameterizedClass
@EnumSource(Db.class)
class AccessWalkTest {
  private static final Pattern PARAM = Pattern.compile("([a-z-]+)/\\{([a-zA-Z]+)}");
  @Parameter Db db;

  Longhand server;
  Team team;
  String secret;
  Map<String, String> realIds = new LinkedHashMap<>();
  Map<String, Caller> callers = new LinkedHashMap<>();

  /** One role's way in: a token for the API, a signed-in session for pages. */
  record Caller(String role, Api api, WebSession web) {}

  @BeforeEach
  void scene() {
    server = TestServers.get(db);
    team = Team.of(db);
    secret = "SECRET" + System.nanoTime();
    Team.Person dee = team.extraMember("Dee", "admin");
    String vault = team.createSpace(team.ana, "Vault " + secret, "private");
    team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.bo.id()));
    realIds.put("workspace", team.workspaceId);
    realIds.put("space", vault);
    realIds.put("invitation", team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/invitations", Map.of("role", "guest")).text("code"));
    realIds.put("token", team.ana.api().get("/api/v1/tokens").json().get("tokens").get(0).get("id").asText());
    realIds.put("person", team.ana.id());
    realIds.put("away", team.ana.api().post("/api/v1/me/away", Map.of("from", "2031-03-02", "returns", "2031-03-09",
        "note", "Conference")).text("id"));
    team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/holidays", Map.of("date", "2031-01-01", "name", "Founders day"));
    realIds.put("holiday", "2031-01-01");
    if (hasRoute("POST", "/api/v1/spaces/{id}/threads")) {
      String thread = team.ana.api().post("/api/v1/spaces/" + vault + "/threads",
          Map.of("title", "Plans " + secret, "body", "The " + secret + " plan")).text("id");
      String reply = team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Agreed " + secret)).text("id");
      realIds.put("thread", thread);
      realIds.put("reply", reply);
      realIds.put("scheduled post", team.ana.api().post("/api/v1/threads/" + thread + "/scheduled-replies",
          Map.of("body", "Later " + secret, "sendAt", java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString())).text("id"));
      realIds.put("reminder", team.ana.api().post("/api/v1/threads/" + thread + "/reminders", Map.of("in", "P30D")).text("id"));
      if (hasRoute("POST", "/api/v1/asks/{id}/done")) {
        var asked = team.ana.api().post("/api/v1/threads/" + thread + "/replies",
            Map.of("body", "Please check " + secret, "ask", Map.of("assignee", team.bo.id(), "within", "P2D")));
        realIds.put("ask", asked.json().get("asks").get(0).get("id").asText());
      }
      if (hasRoute("POST", "/api/v1/spaces/{id}/decisions")) {
        realIds.put("decision", team.ana.api().post("/api/v1/spaces/" + vault + "/decisions", Map.of("title", "Decided " + secret,
            "decision", "We " + secret, "source", Map.of("kind", "thread", "id", thread))).text("id"));
      }
    }
    if (hasRoute("POST", "/api/v1/spaces/{id}/documents")) {
      String doc = team.ana.api().post("/api/v1/spaces/" + vault + "/documents",
          Map.of("title", "Charter " + secret, "body", "The " + secret + " charter")).text("id");
      realIds.put("document", doc);
      realIds.put("revision", "1");
      realIds.put("document comment", team.bo.api().post("/api/v1/documents/" + doc + "/comments",
          Map.of("body", "Noted " + secret, "quote", "charter")).text("id"));
    }
    if (hasRoute("POST", "/api/v1/spaces/{id}/recordings")) {
      String boundary = "walk" + System.nanoTime();
      String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTape " + secret + "\r\n--" + boundary
          + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tape.flac\"\r\n\r\nfLaC" + "x".repeat(64) + "\r\n--" + boundary + "--\r\n";
      String recording = team.ana.api().send("POST", "/api/v1/spaces/" + vault + "/recordings", form, "multipart/form-data; boundary=" + boundary)
          .text("id");
      team.ana.api().send("PUT", "/api/v1/recordings/" + recording + "/captions", "WEBVTT\n\n00:01.000 --> 00:02.000\nThe " + secret + " tape\n", "text/vtt");
      realIds.put("recording", recording);
    }
    callers.put("owner", caller("owner", team.ana));
    callers.put("admin", caller("admin", dee));
    callers.put("member", caller("member", team.cy));
    callers.put("guest", caller("guest", team.gil));
    callers.put("other workspace", caller("other workspace", team.eve));
  }

  @Test
  void everyRouteAnswersOutsidersAsIfNothingWereThere() {
    List<String> failures = new ArrayList<>();
    for (RouteSpec route : server.routes()) {
      if (route.access() == Access.ANYONE) continue;
      Target t = target(route);
      checkAnonymous(route, t, failures);
      for (String role : t.outsiders()) checkOutsider(route, t, callers.get(role), failures);
      if (route.method().equals("GET") && !isStream(route)) checkOwnerCanRead(route, t, failures);
    }
    assertThat(failures).as("access failures").isEmpty();
  }

  @Test
  void listsAndSearchNeverShowOutsidersWhatIsNotTheirs() throws InterruptedException {
    server.dispatcher().awaitIdle(10, java.util.concurrent.TimeUnit.SECONDS);
    if (realIds.containsKey("thread")) {
      assertThat(callers.get("owner").api().get("/api/v1/search?q=plan").body()).as("the owner finds the vault thread").contains(secret);
    }
    for (RouteSpec route : server.routes()) {
      if (route.access() == Access.ANYONE || !route.method().equals("GET") || route.path().contains("{")) continue;
      String path = route.path() + sampleQuery(route.path()); // the vault thread is "The SECRET… plan"
      for (String role : List.of("admin", "member", "guest", "other workspace")) {
        Caller c = callers.get(role);
        String body = route.api() ? c.api().get(path).body() : c.web().get(path).body();
        assertThat(body).as(role + " on " + path).doesNotContain(secret);
      }
    }
  }

  private record Target(String realPath, String fakePath, List<String> outsiders) {}

  private Target target(RouteSpec route) {
    Matcher m = PARAM.matcher(route.path());
    String real = route.path();
    String fake = route.path();
    String kind = null;
    while (m.find()) {
      String k = kindOf(m.group(1), m.group(2));
      if (k == null) fail("route " + route.method() + " " + route.path() + " names {" + m.group(2) + "}, which has no access expectation in AccessWalkTest");
      if (!realIds.containsKey(k)) return new Target(null, null, List.of());
      real = real.replace("{" + m.group(2) + "}", realIds.get(k));
      fake = fake.replace("{" + m.group(2) + "}", String.valueOf(260_000_000_000_000_000L + (long) (Math.random() * 1e15)));
      kind = k;
    }
    List<String> outsiders = kind == null ? List.of()
        : switch (kind) {
          case "workspace" -> List.of("other workspace");
          case "token" -> List.of("admin", "member", "guest", "other workspace");
          case "invitation" -> List.of(); // the code itself is the permission: whoever holds it may join
          case "person", "holiday" -> List.of("other workspace"); // teammates see each other's time and holidays
          default -> List.of("admin", "member", "guest", "other workspace"); // the private space and what is in it
        };
    return new Target(real, fake, outsiders);
  }

  private static String kindOf(String collection, String param) {
    if (param.equals("replyId")) return "reply";
    if (collection.equals("invitations") && param.equals("code")) return "invitation";
    if (collection.equals("holidays") && param.equals("date")) return "holiday";
    if (collection.equals("revisions") && param.equals("number")) return "revision"; // a revision of the vault's document
    if (!param.equals("id")) return null;
    return switch (collection) {
      case "workspaces" -> "workspace";
      case "spaces" -> "space";
      case "threads" -> "thread";
      case "tokens" -> "token";
      case "people" -> "person";
      case "away" -> "away";
      case "digests" -> "digest";
      case "notifications" -> "notification"; // one's own; NotificationPagesTest and NotificationsApiTest check others get 404
      case "reminders" -> "reminder";
      case "scheduled-posts" -> "scheduled post";
      case "asks" -> "ask"; // an ask in the private space: outsiders to it get 404, like its thread
      case "decisions" -> "decision"; // a decision in the private space, recorded from its thread
      case "documents" -> "document"; // a document in the private space, and its revisions, diff and comments
      case "document-comments" -> "document comment";
      case "recordings" -> "recording"; // a recording in the private space, its media and captions included
      default -> null;
    };
  }

  private void checkAnonymous(RouteSpec route, Target t, List<String> failures) {
    String path = t.realPath() != null ? t.realPath() : route.path().replaceAll("\\{[a-zA-Z]+}", "1");
    Api anonymous = team.anonymous;
    int status;
    if (route.api()) {
      status = anonymous.send(route.method(), path, route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}", "application/json").status();
      if (status != 401) failures.add("anonymous " + route.method() + " " + route.path() + " answered " + status + ", not 401");
    } else if (isStream(route)) {
      status = streamStatus(new WebSession(server.baseUrl()), path);
      if (status >= 0) failures.add("anonymous kept a live stream open on " + route.path());
    } else {
      WebSession web = new WebSession(server.baseUrl());
      status = route.method().equals("GET") ? web.get(path).statusCode() : web.postForm(path, Map.of()).statusCode();
      boolean ok = route.method().equals("GET") ? status == 302 || status == 303 : status == 401;
      if (!ok) failures.add("anonymous " + route.method() + " page " + route.path() + " answered " + status);
    }
  }

  private void checkOutsider(RouteSpec route, Target t, Caller c, List<String> failures) {
    if (t.realPath() == null) return;
    if (isStream(route)) {
      if (streamStatus(c.web(), t.realPath()) >= 0) failures.add(c.role() + " kept a live stream open on " + route.path());
      return;
    }
    int[] real = call(route, c, t.realPath());
    int[] fake = call(route, c, t.fakePath());
    String where = c.role() + " " + route.method() + " " + route.path();
    if (real[0] != fake[0]) failures.add(where + ": real id answered " + real[0] + " but a missing id " + fake[0]);
    if (real[0] < 400) failures.add(where + ": an outsider got " + real[0]);
    if (real[1] == 1) failures.add(where + ": the answer shows the secret");
  }

  private void checkOwnerCanRead(RouteSpec route, Target t, List<String> failures) {
    if (t.realPath() == null && route.path().contains("{")) return;
    String path = t.realPath() != null ? t.realPath() : route.path();
    int[] r = call(route, callers.get("owner"), path + sampleQuery(path));
    if (r[0] != 200) failures.add("owner GET " + route.path() + " answered " + r[0]);
  }

  /** Status and whether the body shows the secret. */
  private int[] call(RouteSpec route, Caller c, String path) {
    String body;
    int status;
    if (route.api()) {
      String payload = route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";
      var r = c.api().send(route.method(), path, payload, payload == null ? null : "application/json");
      status = r.status();
      body = r.body();
    } else {
      var r = route.method().equals("GET") ? c.web().get(path) : c.web().postForm(path, Map.of());
      status = r.statusCode();
      body = r.body();
    }
    return new int[] {status, body.contains(secret) ? 1 : 0};
  }

  /** The query a read needs to answer 200: a search for the vault thread, a duration to add. */
  private static String sampleQuery(String path) {
    if (path.contains("search")) return "?q=plan";
    if (path.endsWith("/working-time")) return "?add=PT16H";
    return "";
  }

  private static boolean isStream(RouteSpec route) {
    return route.path().endsWith("/events");
  }

  /** -1 when the stream was refused or closed at once; the status when it stayed open with data. */
  private int streamStatus(WebSession web, String path) {
    var r = web.getStream(path, 3);
    return r == null ? -1 : r;
  }

  private boolean hasRoute(String method, String path) {
    return server.routes().stream().anyMatch(r -> r.method().equals(method) && r.path().equals(path));
  }

  private Caller caller(String role, Team.Person p) {
    return new Caller(role, p.api(), WebSession.signedIn(server.baseUrl(), p.email(), "correct horse battery"));
  }
}
