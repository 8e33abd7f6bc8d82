package dev.longhand.export;

import static dev.longhand.export.ExportScene.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.Longhand;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.longhand.config.Config;
import dev.longhand.config.SmtpUrl;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.longhand.config.Operations;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A workspace exported through the API and imported into a fresh server answers the API as before, ids aside:
 * threads, replies and their edits, documents with revisions and comments, decisions, recordings byte for byte,
 * files, search hits. Ana had an account there (same email), so she joins; the others are made, to be claimed. The
 * same archive imported again imports nothing, and Bo claims his made account by "Forgot password".
 */
@ParameterizedClass
@EnumSource(Db.class)
class ExportRoundTripTest {
  @Parameter Db db;

  /** A server of the test's own on a fresh database (PostgreSQL: pinned, so no other run drops it between starts). */
  static Config freshConfig(Db db) throws IOException {
    Path dir = Files.createTempDirectory("longhand-import-" + db.name().toLowerCase());
    Optional<String> url = db == Db.SQLITE ? Optional.empty() : Optional.of(Databases.emptyUrl(db));
    return new Config(0, dir, url, "", "127.0.0.1", true).withPasswordCost(TestServers.CHEAP_PASSWORDS)
        .withOperations(Operations.DEFAULTS.withRateLimitScale(TestServers.SUITE_RATE_LIMIT_SCALE));
  }

  @Test
  void anExportedWorkspaceImportsIntoAFreshServerAndAnswersAsBefore() throws Exception {
    Longhand a = TestServers.get(db);
    Team team = Team.of(db);
    ExportScene scene = new ExportScene(team, a.baseUrl());
    a.dispatcher().awaitIdle(10, TimeUnit.SECONDS);

    JsonNode export = ExportScene.exportNow(team.ana, team.workspaceId);
    assertThat(export.path("status").asText()).as(export.toString()).isEqualTo("done");
    assertThat(export.path("total").asLong()).isGreaterThan(20);
    assertThat(export.path("done").asLong()).isEqualTo(export.path("total").asLong());
    Path archive = ExportScene.download(a.baseUrl(), team.ana, export);
    assertThat(Files.size(archive)).isEqualTo(export.path("size").asLong());
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      JsonNode manifest = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("manifest.json")));
      assertThat(manifest.path("formatVersion").asInt()).isEqualTo(1);
      assertThat(manifest.path("workspace").path("id").asText()).isEqualTo(team.workspaceId);
      assertThat(manifest.path("entries").findValuesAsText("name")).contains("people.jsonl", "threads.jsonl", "replies.jsonl",
          "decisions.jsonl", "documentRevisions.jsonl", "recordings.jsonl", "asks.jsonl");
      assertThat(manifest.path("entries").findValuesAsText("name")).anyMatch(n -> n.startsWith("media/recordings/"))
          .anyMatch(n -> n.startsWith("media/files/") && n.endsWith(".thumb"));
      String people = new String(zip.getInputStream(zip.getEntry("people.jsonl")).readAllBytes());
      assertThat(people).contains(team.bo.email()).doesNotContain(team.eve.email()).doesNotContain("password");
    }
    Map<String, String> before = Views.of(team.ana.api(), team.workspaceId, scene.word);

    Config fresh = freshConfig(db);
    String token;
    try (Longhand b = Longhand.start(fresh, Clock.systemUTC())) {
      Api anon = new Api(b.baseUrl(), null);
      ok(anon.post("/api/v1/accounts", Map.of("email", team.ana.email(), "name", team.ana.name(), "password", "correct horse battery")), 201);
      token = ok(anon.post("/api/v1/tokens", Map.of("email", team.ana.email(), "password", "correct horse battery", "label", "t")), 201)
          .text("token");
      // an existing account keeps its own zone and hours: Ana's there are those she has here
      var week = java.util.List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
          .map(d -> Map.of("day", d, "start", "09:00", "end", "17:00")).toList();
      ok(anon.as(token).put("/api/v1/me/schedule", Map.of("timeZone", "Europe/Lisbon", "workingHours", week)), 200);
    }
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    WorkspaceImporter.Result result = ImportCommand.run(fresh, archive, new PrintStream(said, true));
    assertThat(result.alreadyImported()).isFalse();
    assertThat(result.joined()).isEqualTo(1); // Ana
    assertThat(result.created()).isEqualTo(3); // Bo, Cy, Gil
    assertThat(said.toString()).contains("Imported workspace \"" + result.name() + "\"").contains(" 4 replies, ").contains(" 2 documentRevisions, ");

    try (Longhand b = Longhand.start(fresh, Clock.systemUTC())) {
      Api ana = new Api(b.baseUrl(), token);
      String handleHere = ok(ana.get("/api/v1/me"), 200).text("handle");
      String ws = String.valueOf(result.workspaceId());
      assertThat(ws).isNotEqualTo(team.workspaceId);
      Map<String, String> after = Views.of(ana, ws, scene.word);
      after.replaceAll((k, v) -> v.replace("@" + handleHere + "\"", "@" + team.ana.handle() + "\"")
          .replace("\"" + handleHere + "\"", "\"" + team.ana.handle() + "\""));
      assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
      for (String view : before.keySet()) assertThat(after.get(view)).as(view).isEqualTo(before.get(view));

      // the bytes: the recording's media and the attached image, found by the links the import rewrote
      JsonNode thread = threadTitled(ana, ws, "Pricing " + scene.word);
      String body = thread.path("body").asText();
      String fileHere = body.replaceAll("(?s).*\\(/files/([0-9]+)\\).*", "$1");
      assertThat(fileHere).isNotEqualTo(scene.file);
      assertThat(Multipart.get(b.baseUrl() + "/api/v1/files/" + fileHere, token).bytes()).isEqualTo(scene.image);
      assertThat(Multipart.get(b.baseUrl() + "/api/v1/files/" + fileHere + "/thumbnail", token).status()).isEqualTo(200);
      String recordingHere = ok(ana.get("/api/v1/spaces/" + spaceNamed(ana, ws, "Product") + "/recordings"), 200).json()
          .path("recordings").get(0).path("id").asText();
      assertThat(Multipart.get(b.baseUrl() + "/api/v1/recordings/" + recordingHere + "/media", token).bytes()).isEqualTo(scene.tape);

      // the made accounts cannot be signed into until claimed
      var refused = new Api(b.baseUrl(), null).post("/api/v1/tokens", Map.of("email", team.bo.email(), "password", "correct horse battery",
          "label", "t"));
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.text("field")).isEqualTo("password");
    }

    WorkspaceImporter.Result again = ImportCommand.run(fresh, archive, new PrintStream(said, true));
    assertThat(again.alreadyImported()).isTrue();
    assertThat(again.workspaceId()).isEqualTo(result.workspaceId());
    assertThat(said.toString()).contains("Nothing imported");
    // Bo claims the account the import made for him, by "Forgot password" at his address, and reads his workspace
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Config mailing = fresh.withMail(SmtpUrl.parse("smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "LONGHAND_SMTP_URL"), "");
    try (Longhand b = Longhand.start(mailing, Clock.systemUTC())) {
      assertThat(ok(new Api(b.baseUrl(), token).get("/api/v1/workspaces"), 200).json().path("workspaces").size()).isEqualTo(1);
      Api anon = new Api(b.baseUrl(), null);
      ok(anon.post("/api/v1/password-resets", Map.of("email", team.bo.email())), 202);
      String link = null;
      for (int i = 0; i < 300 && link == null; i++) {
        b.dueWork().runDue();
        for (MimeMessage m : smtp.getReceivedMessages()) {
          Matcher found = Pattern.compile("/password-resets/([A-Za-z0-9_-]{43})").matcher(String.valueOf(m.getContent()));
          if (found.find()) link = found.group(1);
        }
        if (link == null) Thread.sleep(50);
      }
      assertThat(link).as("the reset mail to Bo").isNotNull();
      ok(anon.post("/api/v1/password-resets/" + link, Map.of("password", "bo's own password")), 200, 204);
      String bo = ok(anon.post("/api/v1/tokens", Map.of("email", team.bo.email(), "password", "bo's own password", "label", "t")), 201)
          .text("token");
      JsonNode workspaces = ok(new Api(b.baseUrl(), bo).get("/api/v1/workspaces"), 200).json().path("workspaces");
      assertThat(workspaces.findValuesAsText("id")).containsExactly(String.valueOf(result.workspaceId()));
      assertThat(threadTitled(new Api(b.baseUrl(), bo), String.valueOf(result.workspaceId()), "Pricing " + scene.word)
          .path("author").path("name").asText()).isEqualTo(team.ana.name());
    } finally {
      smtp.stop();
      fresh.databaseUrl().ifPresent(Databases::drop);
    }
  }

  static String spaceNamed(Api api, String ws, String name) {
    for (JsonNode s : ok(api.get("/api/v1/workspaces/" + ws + "/spaces"), 200).json().path("spaces")) {
      if (s.path("name").asText().equals(name)) return s.path("id").asText();
    }
    throw new AssertionError("no space " + name);
  }

  static JsonNode threadTitled(Api api, String ws, String title) {
    for (JsonNode t : ok(api.get("/api/v1/spaces/" + spaceNamed(api, ws, "Product") + "/threads"), 200).json().path("threads")) {
      if (t.path("title").asText().equals(title)) return ok(api.get("/api/v1/threads/" + t.path("id").asText()), 200).json();
    }
    throw new AssertionError("no thread " + title);
  }

  /** Every view the comparison reads, by a name that holds no id, as JSON text with ids replaced by '#'. */
  static final class Views {
    private final Api api;
    private final Map<String, String> out = new LinkedHashMap<>();

    private Views(Api api) {
      this.api = api;
    }

    static Map<String, String> of(Api api, String ws, String word) {
      Views v = new Views(api);
      v.read("members", "/api/v1/workspaces/" + ws + "/members");
      JsonNode spaces = v.read("spaces", "/api/v1/workspaces/" + ws + "/spaces").path("spaces");
      for (JsonNode s : spaces) {
        String name = s.path("name").asText();
        String id = s.path("id").asText();
        v.read(name + " people", "/api/v1/spaces/" + id + "/members");
        for (JsonNode t : v.read(name + " threads", "/api/v1/spaces/" + id + "/threads").path("threads")) {
          String key = name + " thread " + t.path("title").asText();
          v.read(key, "/api/v1/threads/" + t.path("id").asText());
          JsonNode replies = v.read(key + " replies", "/api/v1/threads/" + t.path("id").asText() + "/replies").path("replies");
          int n = 0;
          for (JsonNode r : replies) v.read(key + " reply " + n++ + " revisions", "/api/v1/replies/" + r.path("id").asText() + "/revisions");
        }
        for (JsonNode d : v.read(name + " documents", "/api/v1/spaces/" + id + "/documents").path("documents")) {
          String key = name + " document " + d.path("title").asText();
          String doc = "/api/v1/documents/" + d.path("id").asText();
          v.read(key, doc);
          v.read(key + " revisions", doc + "/revisions");
          v.read(key + " revision 1", doc + "/revisions/1");
          v.read(key + " comments", doc + "/comments");
        }
        for (JsonNode d : v.read(name + " decisions", "/api/v1/spaces/" + id + "/decisions").path("decisions")) {
          v.read(name + " decision " + d.path("number").asText(), "/api/v1/decisions/" + d.path("id").asText());
        }
        for (JsonNode r : v.read(name + " recordings", "/api/v1/spaces/" + id + "/recordings").path("recordings")) {
          String key = name + " recording " + r.path("title").asText();
          v.read(key, "/api/v1/recordings/" + r.path("id").asText());
          v.read(key + " comments", "/api/v1/recordings/" + r.path("id").asText() + "/comments");
        }
      }
      v.read("decision log", "/api/v1/workspaces/" + ws + "/decisions");
      v.hits("search", "/api/v1/search?q=" + word);
      v.hits("search tiers", "/api/v1/search?q=tier");
      return v.out;
    }

    /** Search hits as a sorted list: their order depends on the index's statistics, which the whole server's content sways. */
    private void hits(String name, String path) {
      JsonNode r = ok(api.get(path), 200).json();
      java.util.List<String> hits = new java.util.ArrayList<>();
      r.path("hits").forEach(h -> hits.add(h.toString().replaceAll("[0-9]{15,19}", "#")));
      java.util.Collections.sort(hits);
      out.put(name, r.path("totalHits").asText() + " " + hits);
    }

    private JsonNode read(String name, String path) {
      Api.Response r = ok(api.get(path), 200);
      out.put(name, r.body().replaceAll("[0-9]{15,19}", "#"));
      return r.json();
    }
  }
}
