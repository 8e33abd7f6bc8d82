package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.longhand.Longhand;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Relation;
import dev.longhand.workspace.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>Insiders, who may read what a route names, are walked too: for each route in {@link #ACTIONS} the table of
 * {@link Permissions} says which roles and relations may take its action; those must not be refused, and everyone
 * else must get 403.
 */
@ParameterizedClass
@EnumSource(Db.class)
class AccessWalkTest {
  private static final Pattern PARAM = Pattern.compile("([a-z-]+)/\\{([a-zA-Z]+)}");
  @Parameter Db db;

  /**
   * The routes whose answer depends on the caller's role or relation, and the action of the permissions table that
   * decides them. Every other route lets anyone who may read what it names do it (or names only one's own things).
   */
  private static final Map<String, Action> ACTIONS = Map.ofEntries(
      Map.entry("POST /api/v1/workspaces/{id}/invitations", Action.INVITE),
      Map.entry("POST /workspaces/{id}/invitations", Action.INVITE),
      Map.entry("POST /api/v1/workspaces/{id}/spaces", Action.CREATE_SPACE),
      Map.entry("POST /workspaces/{id}/spaces", Action.CREATE_SPACE),
      Map.entry("POST /api/v1/spaces/{id}/members", Action.ADD_SPACE_MEMBER),
      Map.entry("POST /spaces/{id}/members", Action.ADD_SPACE_MEMBER),
      Map.entry("POST /api/v1/notifications/urgent", Action.SEND_URGENT),
      Map.entry("POST /threads/{id}/urgent", Action.SEND_URGENT),
      Map.entry("GET /api/v1/workspaces/{id}/urgent", Action.SEE_URGENT_LOG),
      Map.entry("PUT /api/v1/workspaces/{id}/urgent", Action.SEE_URGENT_LOG),
      Map.entry("GET /workspaces/{id}/urgent", Action.SEE_URGENT_LOG),
      Map.entry("POST /workspaces/{id}/urgent", Action.SEE_URGENT_LOG),
      Map.entry("POST /api/v1/workspaces/{id}/holidays", Action.MANAGE_HOLIDAYS),
      Map.entry("DELETE /api/v1/workspaces/{id}/holidays/{date}", Action.MANAGE_HOLIDAYS),
      Map.entry("POST /workspaces/{id}/holidays", Action.MANAGE_HOLIDAYS),
      Map.entry("POST /workspaces/{id}/holidays/{date}/remove", Action.MANAGE_HOLIDAYS),
      Map.entry("DELETE /api/v1/recordings/{id}", Action.DELETE_RECORDING),
      Map.entry("POST /recordings/{id}/delete", Action.DELETE_RECORDING),
      Map.entry("PUT /api/v1/threads/{id}", Action.EDIT_POST),
      Map.entry("POST /threads/{id}/edit", Action.EDIT_POST),
      Map.entry("PUT /api/v1/replies/{id}", Action.EDIT_POST),
      Map.entry("POST /threads/{id}/replies/{replyId}/edit", Action.EDIT_POST),
      Map.entry("DELETE /api/v1/threads/{id}", Action.DELETE_POST),
      Map.entry("POST /threads/{id}/delete", Action.DELETE_POST),
      Map.entry("DELETE /api/v1/replies/{id}", Action.DELETE_POST),
      Map.entry("POST /threads/{id}/replies/{replyId}/delete", Action.DELETE_POST),
      Map.entry("POST /threads/{id}/move", Action.MOVE_THREAD),
      Map.entry("POST /api/v1/asks/{id}/done", Action.MARK_ASK_DONE),
      Map.entry("POST /asks/{id}/done", Action.MARK_ASK_DONE),
      Map.entry("POST /api/v1/asks/{id}/answer", Action.MARK_ASK_DONE),
      Map.entry("POST /asks/{id}/answer", Action.MARK_ASK_DONE),
      Map.entry("POST /api/v1/asks/{id}/withdrawal", Action.WITHDRAW_ASK),
      Map.entry("POST /asks/{id}/withdraw", Action.WITHDRAW_ASK),
      Map.entry("DELETE /api/v1/workspaces/{id}/members/{accountId}", Action.REMOVE_MEMBER),
      Map.entry("POST /workspaces/{id}/members/{accountId}/remove", Action.REMOVE_MEMBER),
      Map.entry("DELETE /api/v1/spaces/{id}/members/{accountId}", Action.REMOVE_SPACE_MEMBER),
      Map.entry("POST /spaces/{id}/members/{accountId}/remove", Action.REMOVE_SPACE_MEMBER),
      Map.entry("POST /api/v1/sync-sessions/{id}/schedule", Action.SCHEDULE_SYNC),
      Map.entry("POST /sync-sessions/{id}/schedule", Action.SCHEDULE_SYNC),
      Map.entry("POST /api/v1/sync-sessions/{id}/cancellation", Action.SCHEDULE_SYNC),
      Map.entry("POST /sync-sessions/{id}/cancel", Action.SCHEDULE_SYNC),
      Map.entry("PUT /api/v1/threads/{id}/slow-mode", Action.SET_SLOW_MODE),
      Map.entry("POST /threads/{id}/slow-mode", Action.SET_SLOW_MODE),
      Map.entry("PUT /api/v1/sync-sessions/{id}/notes", Action.WRITE_SYNC_NOTES),
      Map.entry("POST /sync-sessions/{id}/notes", Action.WRITE_SYNC_NOTES),
      Map.entry("POST /api/v1/sync-sessions/{id}/close", Action.CLOSE_SYNC_SESSION),
      Map.entry("GET /sync-sessions/{id}/close", Action.CLOSE_SYNC_SESSION),
      Map.entry("POST /sync-sessions/{id}/close", Action.CLOSE_SYNC_SESSION),
      Map.entry("POST /api/v1/workspaces/{id}/exports", Action.EXPORT_WORKSPACE),
      Map.entry("GET /api/v1/workspaces/{id}/exports", Action.EXPORT_WORKSPACE),
      Map.entry("GET /workspaces/{id}/exports", Action.EXPORT_WORKSPACE),
      Map.entry("POST /workspaces/{id}/exports", Action.EXPORT_WORKSPACE),
      Map.entry("POST /api/v1/workspaces/{id}/webhooks", Action.MANAGE_WEBHOOKS),
      Map.entry("GET /api/v1/workspaces/{id}/webhooks", Action.MANAGE_WEBHOOKS),
      Map.entry("GET /workspaces/{id}/webhooks", Action.MANAGE_WEBHOOKS),
      Map.entry("POST /workspaces/{id}/webhooks", Action.MANAGE_WEBHOOKS));

  Longhand server;
  Team team;
  Team.Person dee;
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
    dee = team.extraMember("Dee", "admin");
    String vault = team.createSpace(team.ana, "Vault " + secret, "private");
    team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.bo.id()));
    realIds.put("workspace", team.workspaceId);
    realIds.put("space", vault);
    realIds.put("invitation", team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/invitations", Map.of("role", "guest")).text("code"));
    realIds.put("token", team.ana.api().get("/api/v1/tokens").json().get("tokens").get(0).get("id").asText());
    realIds.put("person", team.ana.id());
    realIds.put("member", team.bo.id()); // Bo, a member of the workspace and of the vault
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
      if (hasRoute("POST", "/api/v1/threads/{id}/brainstorms")) {
        String brainstorm = team.ana.api().post("/api/v1/threads/" + thread + "/brainstorms", Map.of("prompt", "Ideas for " + secret,
            "ideasUntil", java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString(),
            "votesUntil", java.time.Instant.now().plus(java.time.Duration.ofDays(31)).toString(), "dots", 3)).text("id");
        realIds.put("brainstorm", brainstorm);
        realIds.put("idea", team.ana.api().post("/api/v1/brainstorms/" + brainstorm + "/ideas", Map.of("text", "Idea " + secret)).text("id"));
      }
      if (hasRoute("POST", "/api/v1/threads/{id}/sync-sessions")) { // scheduled, so its invite is there to walk too
        String session = team.ana.api().post("/api/v1/threads/" + thread + "/sync-sessions", Map.of("purpose", "Sync " + secret,
            "agenda", List.of("The " + secret + " plan"), "participants", List.of(team.bo.id()), "minutes", 30)).text("id");
        team.ana.api().post("/api/v1/sync-sessions/" + session + "/schedule", Map.of("start",
            java.time.Instant.now().plus(java.time.Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString()));
        team.bo.api().put("/api/v1/sync-sessions/" + session + "/notes", Map.of("items", List.of(Map.of("agendaIndex", 0, "notes", "Noted " + secret))));
        realIds.put("sync session", session);
      }
      if (hasRoute("PUT", "/api/v1/drafts/{key}")) { // last: posting a reply removes its writer's draft
        team.ana.api().put("/api/v1/drafts/reply:" + thread, Map.of("body", "Half a thought on " + secret));
        realIds.put("draft", "reply:" + thread);
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
    if (hasRoute("POST", "/api/v1/spaces/{id}/files")) realIds.put("file", uploadImage(vault, secret + ".png"));
    if (hasRoute("POST", "/api/v1/workspaces/{id}/exports")) realIds.put("export", finishedExport());
    if (hasRoute("POST", "/api/v1/workspaces/{id}/webhooks")) { // to a documentation address, for a kind the walk never makes
      realIds.put("webhook", team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/webhooks",
          Map.of("url", "http://192.0.2.1/walk-" + secret, "events", List.of("ChaptersChanged"))).text("id"));
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

  @Test
  void insidersMayDoWhatThePermissionsTableSaysAndAreRefusedTheRest() {
    String commons = team.createSpace(team.ana, "Commons", "public");
    team.ana.api().post("/api/v1/spaces/" + commons + "/members", Map.of("accountId", team.gil.id()));
    String thread = team.ana.api().post("/api/v1/spaces/" + commons + "/threads", Map.of("title", "Walk", "body", "Walking")).text("id");
    var asked = team.ana.api().post("/api/v1/threads/" + thread + "/replies",
        Map.of("body", "Please check", "ask", Map.of("assignee", team.cy.id(), "within", "P2D"))).json();
    String ask = asked.get("asks").get(0).get("id").asText();
    String reply = asked.get("id").asText();
    String boundary = "walk" + System.nanoTime();
    String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTape\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tape.flac\"\r\n\r\nfLaC" + "x".repeat(64) + "\r\n--" + boundary + "--\r\n";
    String recording = team.cy.api().send("POST", "/api/v1/spaces/" + commons + "/recordings", form, "multipart/form-data; boundary=" + boundary)
        .text("id");
    String session = team.ana.api().post("/api/v1/threads/" + thread + "/sync-sessions", Map.of("purpose", "Walk together",
        "agenda", List.of("Walk"), "participants", List.of(team.cy.id()), "minutes", 30)).text("id");
    Map<String, String> ids = Map.of("workspace", team.workspaceId, "space", commons, "thread", thread, "ask", ask,
        "recording", recording, "holiday", "2031-01-01", "member", team.gil.id(), "reply", reply, "sync session", session);
    // who each caller is to the commons and what lies in it: Ana made the space and the ask, Cy uploaded the tape
    // and the ask waits on him, Gil the guest was added to the space, Dee reads it as every non-guest does; Ana wrote
    // the thread and the reply, and proposed the sync session Cy takes part in
    Map<String, Set<Relation>> relations = Map.of(
        "owner", EnumSet.of(Relation.SPACE_READER, Relation.SPACE_MEMBER, Relation.OPEN_SPACE, Relation.SPACE_CREATOR, Relation.ASKER,
            Relation.AUTHOR, Relation.ORGANISER),
        "admin", EnumSet.of(Relation.SPACE_READER, Relation.OPEN_SPACE),
        "member", EnumSet.of(Relation.SPACE_READER, Relation.OPEN_SPACE, Relation.UPLOADER, Relation.ASSIGNEE, Relation.PARTICIPANT),
        "guest", EnumSet.of(Relation.SPACE_READER, Relation.SPACE_MEMBER));
    Map<String, Map<String, Object>> payloads = Map.ofEntries(
        Map.entry("POST /api/v1/workspaces/{id}/invitations", Map.of("role", "member")),
        Map.entry("POST /workspaces/{id}/invitations", Map.of("role", "member")),
        Map.entry("POST /api/v1/workspaces/{id}/spaces", Map.of("name", "Walked", "visibility", "public")),
        Map.entry("POST /workspaces/{id}/spaces", Map.of("name", "Walked", "visibility", "public")),
        Map.entry("POST /api/v1/spaces/{id}/members", Map.of("accountId", team.bo.id())),
        Map.entry("POST /spaces/{id}/members", Map.of("accountId", team.bo.id())),
        Map.entry("POST /api/v1/notifications/urgent", Map.of("to", team.bo.id(), "threadId", thread, "reason", "The walk")),
        Map.entry("POST /threads/{id}/urgent", Map.of("to", team.bo.id(), "reason", "The walk")),
        Map.entry("PUT /api/v1/workspaces/{id}/urgent", Map.of("urgentPerDay", "3")),
        Map.entry("POST /workspaces/{id}/urgent", Map.of("urgentPerDay", "3")),
        Map.entry("POST /api/v1/workspaces/{id}/holidays", Map.of("date", "2031-02-02", "name", "Walk day")),
        Map.entry("POST /workspaces/{id}/holidays", Map.of("date", "2031-02-03", "name", "Walk day")),
        Map.entry("PUT /api/v1/threads/{id}", Map.of("title", "Walked")),
        Map.entry("POST /threads/{id}/edit", Map.of("title", "Walked", "body", "Walking on")),
        Map.entry("PUT /api/v1/replies/{id}", Map.of("body", "Checked")),
        Map.entry("POST /threads/{id}/replies/{replyId}/edit", Map.of("body", "Checked again")),
        Map.entry("POST /threads/{id}/move", Map.of("spaceId", commons)),
        Map.entry("POST /api/v1/sync-sessions/{id}/schedule", Map.of("start", java.time.Instant.now().plus(java.time.Duration.ofDays(2))
            .truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString())),
        Map.entry("POST /sync-sessions/{id}/schedule", Map.of("start", java.time.Instant.now().plus(java.time.Duration.ofDays(2))
            .truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString())),
        Map.entry("PUT /api/v1/threads/{id}/slow-mode", Map.of("interval", "PT5M")),
        Map.entry("POST /threads/{id}/slow-mode", Map.of("interval", "off")),
        Map.entry("PUT /api/v1/sync-sessions/{id}/notes", Map.of("items", List.of(Map.of("agendaIndex", 0, "notes", "Walked")))),
        Map.entry("POST /sync-sessions/{id}/notes", Map.of("agendaIndex", "0", "notes", "Walked on")),
        Map.entry("POST /api/v1/sync-sessions/{id}/close", Map.of("noDecisionBecause", "A walk decides nothing")),
        Map.entry("POST /sync-sessions/{id}/close", Map.of("noDecisionBecause", "A walk decides nothing")));

    List<String> failures = new ArrayList<>();
    Map<String, RouteSpec> routes = new LinkedHashMap<>();
    for (RouteSpec r : server.routes()) routes.put(r.method() + " " + r.path(), r);
    for (String key : ACTIONS.keySet()) if (!routes.containsKey(key)) failures.add("ACTIONS names " + key + ", which is no route");
    // first everyone the table refuses (while everything is still there), then everyone it lets through
    for (boolean allowed : new boolean[] {false, true}) {
      for (var e : ACTIONS.entrySet()) {
        RouteSpec route = routes.get(e.getKey());
        if (route == null) continue;
        String path = fill(route.path(), ids);
        for (String role : List.of("guest", "member", "admin", "owner")) {
          boolean may = Permissions.can(Role.of(role), e.getValue(), relations.get(role));
          if (may != allowed || (may && removes(route))) continue; // a removal succeeds once; its refusals are walked
          int status = insiderCall(route, callers.get(role), path, payloads.getOrDefault(e.getKey(), Map.of()));
          String where = role + " " + e.getKey() + " (" + e.getValue() + ")";
          if (!may && status != 403) failures.add(where + ": the table says no, but it answered " + status);
          if (may && (status == 403 || status == 404)) failures.add(where + ": the table says yes, but it answered " + status);
        }
      }
    }
    assertThat(failures).as("insider failures").isEmpty();
  }

  /** An export of the workspace by Ana, waited for until it is done, so its archive is there to walk too. */
  private String finishedExport() {
    String id = team.ana.api().post("/api/v1/workspaces/" + team.workspaceId + "/exports", Map.of()).text("id");
    for (int i = 0; i < 600 && !team.ana.api().get("/api/v1/exports/" + id).text("status").equals("done"); i++) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return id;
  }

  /** A small PNG uploaded into the space by Ana (an image, so its thumbnail is there to walk too). */
  private String uploadImage(String space, String name) {
    try {
      java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
      String boundary = "walkfile" + System.nanoTime();
      java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
      form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      form.writeBytes(png.toByteArray());
      form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(server.baseUrl() + "/api/v1/spaces/" + space + "/files"))
          .header("Authorization", "Bearer " + team.ana.token()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 201) throw new IllegalStateException("upload failed: " + answer.body());
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).get("id").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean removes(RouteSpec route) {
    return route.method().equals("DELETE") || route.path().endsWith("/delete") || route.path().endsWith("/remove");
  }

  private static String fill(String path, Map<String, String> ids) {
    Matcher m = PARAM.matcher(path);
    String out = path;
    while (m.find()) out = out.replace("{" + m.group(2) + "}", ids.get(kindOf(m.group(1), m.group(2))));
    return out;
  }

  private int insiderCall(RouteSpec route, Caller c, String path, Map<String, Object> payload) {
    if (route.api()) {
      return switch (route.method()) {
        case "GET" -> c.api().get(path).status();
        case "PUT" -> c.api().put(path, payload).status();
        case "DELETE" -> c.api().delete(path).status();
        default -> c.api().post(path, payload).status();
      };
    }
    if (route.method().equals("GET")) return c.web().get(path).statusCode();
    Map<String, String> fields = new LinkedHashMap<>();
    payload.forEach((k, v) -> fields.put(k, String.valueOf(v)));
    return c.web().postForm(path, fields).statusCode();
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
          case "member" -> List.of("other workspace"); // removing someone: insiders are walked against the table below
          case "export" -> List.of("member", "guest", "other workspace"); // the workspace's owners and admins alone know it
          case "webhook", "delivery" -> List.of("other workspace"); // the workspace's: insiders get 403 but for its admins
          default -> List.of("admin", "member", "guest", "other workspace"); // the private space and what is in it
        };
    return new Target(real, fake, outsiders);
  }

  private static String kindOf(String collection, String param) {
    if (param.equals("replyId")) return "reply";
    if (collection.equals("invitations") && param.equals("code")) return "invitation";
    if (collection.equals("holidays") && param.equals("date")) return "holiday";
    if (collection.equals("revisions") && param.equals("number")) return "revision"; // a revision of the vault's document
    if (collection.equals("members") && param.equals("accountId")) return "member"; // someone in the workspace or space
    if (collection.equals("avatars") && param.equals("accountId")) return "person"; // pictures: for who shares a workspace
    if (collection.equals("ideas") && param.equals("ideaId")) return "idea"; // an idea of the vault thread's brainstorm: one's own to withdraw
    if (collection.equals("drafts") && param.equals("key")) return "draft"; // one's own, about the vault's thread: 404 to all others
    if (collection.equals("deliveries") && param.equals("deliveryId")) return "delivery"; // a delivery of the workspace's webhook
    if (!param.equals("id")) return null;
    return switch (collection) {
      case "workspaces" -> "workspace";
      case "spaces" -> "space";
      case "threads" -> "thread";
      case "replies" -> "reply"; // a reply in the vault's thread: outsiders to the space get 404
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
      case "files" -> "file"; // a file in the private space, its thumbnail included
      case "brainstorms" -> "brainstorm"; // a brainstorm on the vault's thread: outsiders to the space get 404, like the thread
      case "sync-sessions" -> "sync session"; // a session from the vault's thread: its notes, slots, invite and closing
      case "exports" -> "export"; // an export of the whole workspace, vault and all: its owners and admins only
      case "webhooks" -> "webhook"; // the workspace's webhook (its delivery log, deleting it): its owners and admins only
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
    if (r[0] == 303 && !route.api()) r = new int[] {followed(path + sampleQuery(path)), 0};
    if (r[0] != 200) failures.add("owner GET " + route.path() + " answered " + r[0]);
  }

  /** A page address that leads to a page (a reply's, to the page of its thread that holds it): where it leads answers. */
  private int followed(String path) {
    var web = callers.get("owner").web();
    String to = web.get(path).headers().firstValue("Location").orElse("");
    int hash = to.indexOf('#');
    return to.startsWith("/") ? web.get(hash < 0 ? to : to.substring(0, hash)).statusCode() : 0;
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
