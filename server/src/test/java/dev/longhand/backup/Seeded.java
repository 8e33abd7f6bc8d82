package dev.longhand.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.recording.TestMedia;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.OwnServer;
import dev.longhand.testkit.Team;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * What the round trips put into a server through its API, and every view of it they compare: threads with replies,
 * an edited reply, mentions, a reaction, a private space, a document with three revisions and a comment, decisions one
 * superseding the other (a row referring to a later row of its own table), a recording with its transcript, chapters
 * and a comment, an image and a text file, and a picture of Bo's (bytes in a table).
 */
final class Seeded {
  final Team team;
  final String space;
  final String secret;
  final List<String> threads = new ArrayList<>();
  final List<String> decisions = new ArrayList<>();
  String document;
  String recording;
  byte[] media;
  final Map<String, byte[]> files = new LinkedHashMap<>();
  String avatarUrl;

  static final List<String> SEARCHES = List.of("aardvark", "Friday", "rollout", "PostgreSQL", "hangar", "budget");

  private Seeded(OwnServer s) {
    this.team = s.team;
    this.space = s.space;
    this.secret = team.createSpace(team.ana, "Vault", "private");
  }

  static Seeded into(OwnServer s) {
    Seeded d = new Seeded(s);
    d.seed(s);
    return d;
  }

  private void seed(OwnServer s) {
    Team t = team;
    String launch = created(t.ana.api().post("/api/v1/spaces/" + space + "/threads",
        Map.of("title", "Launch plan", "body", "We ship **Friday**, @" + t.bo.handle() + " please check the rollout.")));
    threads.add(launch);
    String reply = created(t.bo.api().post("/api/v1/threads/" + launch + "/replies", Map.of("body", "Friday works; @" + t.cy.handle() + " owns the hangar.")));
    created(t.cy.api().post("/api/v1/threads/" + launch + "/replies", Map.of("body", "On it.")));
    assertThat(t.bo.api().put("/api/v1/replies/" + reply, Map.of("body", "Friday works; @" + t.cy.handle() + " books the hangar.")).status()).isEqualTo(200);
    assertThat(t.cy.api().post("/api/v1/threads/" + launch + "/reactions", Map.of("postId", launch, "emoji", "heart")).status()).isLessThan(300);
    threads.add(created(t.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Budget", "body", "The aardvark budget is tight."))));
    threads.add(created(t.ana.api().post("/api/v1/spaces/" + secret + "/threads", Map.of("title", "Salaries", "body", "Only the vault sees this rollout."))));

    document = created(t.ana.api().post("/api/v1/spaces/" + space + "/documents", Map.of("title", "Runbook", "body", "Step one: book the hangar.\n")));
    assertThat(t.bo.api().put("/api/v1/documents/" + document, Map.of("body", "Step one: book the hangar.\nStep two: rollout.\n", "baseRevision", 1)).status()).isEqualTo(200);
    assertThat(t.cy.api().put("/api/v1/documents/" + document, Map.of("body", "Step one: book the hangar early.\nStep two: rollout.\n", "baseRevision", 2)).status()).isEqualTo(200);
    created(t.bo.api().post("/api/v1/documents/" + document + "/comments", Map.of("body", "Which hangar?", "quote", "book the hangar early")));

    String old = created(t.ana.api().post("/api/v1/spaces/" + space + "/decisions", decision("Reporting database", "status", "accepted")));
    decisions.add(old);
    decisions.add(created(t.bo.api().post("/api/v1/spaces/" + space + "/decisions", decision("Use PostgreSQL", "supersedes", old))));

    try {
      media = Files.readAllBytes(TestMedia.webm());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var up = Multipart.upload(s.server.baseUrl() + "/api/v1/spaces/" + space + "/recordings", t.ana.token(), "title", "Weekly demo", "demo.webm", "video/webm", media);
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    recording = up.text("id");
    var captions = t.ana.api().send("PUT", "/api/v1/recordings/" + recording + "/captions", "0:01 The aardvark budget\n0:05 Then the rollout", "text/plain");
    assertThat(captions.status()).as(captions.body()).isEqualTo(200);
    assertThat(t.ana.api().put("/api/v1/recordings/" + recording + "/chapters", List.of(Map.of("start", "0:00", "title", "Intro"), Map.of("start", "0:04", "title", "Plan"))).status()).isEqualTo(200);
    created(t.bo.api().post("/api/v1/recordings/" + recording + "/comments", Map.of("at", "0:01", "body", "Nice aardvark")));

    byte[] png = png();
    var image = Multipart.upload(s.server.baseUrl() + "/api/v1/spaces/" + space + "/files", t.bo.token(), "name", null, "chart.png", "image/png", png);
    assertThat(image.status()).as(image.body()).isEqualTo(201);
    files.put(image.text("id"), null);
    byte[] notes = "Rollout notes\nFriday 10:00\n".getBytes(StandardCharsets.UTF_8);
    var text = Multipart.upload(s.server.baseUrl() + "/api/v1/spaces/" + space + "/files", t.ana.token(), "name", null, "notes.txt", "text/plain", notes);
    assertThat(text.status()).as(text.body()).isEqualTo(201);
    files.put(text.text("id"), notes);
    created(t.ana.api().post("/api/v1/threads/" + launch + "/replies", Map.of("body", "Chart: ![chart](/files/" + image.text("id") + ")")));

    var avatar = Multipart.send(HttpRequest.newBuilder(URI.create(s.server.baseUrl() + "/api/v1/me/avatar"))
        .header("Authorization", "Bearer " + t.bo.token()).header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)));
    assertThat(avatar.status()).as(avatar.body()).isEqualTo(200);
    avatarUrl = avatar.text("avatarUrl");
  }

  /** Every view of the seeded data, by who asked for what, as JSON. */
  Map<String, JsonNode> views(String base) {
    Map<String, JsonNode> v = new LinkedHashMap<>();
    Map<String, Team.Person> people = Map.of("ana", team.ana, "bo", team.bo, "cy", team.cy, "gil", team.gil);
    for (var who : List.of("ana", "bo", "cy", "gil")) {
      Api api = new Api(base, people.get(who).token());
      List<String> paths = new ArrayList<>(List.of("/api/v1/me", "/api/v1/workspaces", "/api/v1/inbox", "/api/v1/notifications",
          "/api/v1/workspaces/" + team.workspaceId + "/spaces", "/api/v1/workspaces/" + team.workspaceId + "/members",
          "/api/v1/spaces/" + space + "/threads", "/api/v1/spaces/" + secret + "/threads", "/api/v1/spaces/" + space + "/documents",
          "/api/v1/documents/" + document, "/api/v1/documents/" + document + "/revisions", "/api/v1/documents/" + document + "/revisions/1",
          "/api/v1/documents/" + document + "/comments", "/api/v1/spaces/" + space + "/decisions",
          "/api/v1/workspaces/" + team.workspaceId + "/decisions", "/api/v1/spaces/" + space + "/recordings",
          "/api/v1/recordings/" + recording, "/api/v1/recordings/" + recording + "/comments", "/api/v1/asks"));
      for (String t : threads) paths.addAll(List.of("/api/v1/threads/" + t, "/api/v1/threads/" + t + "/replies"));
      for (String d : decisions) paths.add("/api/v1/decisions/" + d);
      for (String f : files.keySet()) paths.add("/api/v1/files/" + f);
      for (String q : SEARCHES) paths.add("/api/v1/search?q=" + q);
      for (String p : paths) {
        Api.Response r = api.get(p);
        var answer = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        answer.put("status", r.status()).set("body", r.json().deepCopy());
        v.put(who + " GET " + p, answer);
      }
    }
    return v;
  }

  /** The bytes of every stored thing: recording, files, thumbnail, picture. */
  Map<String, byte[]> bytes(String base) {
    Map<String, byte[]> b = new LinkedHashMap<>();
    b.put("recording", get(base, "/api/v1/recordings/" + recording + "/media"));
    for (String f : files.keySet()) {
      b.put("file " + f, get(base, "/files/" + f));
      if (files.get(f) == null) b.put("thumbnail " + f, get(base, "/api/v1/files/" + f + "/thumbnail"));
      else assertThat(b.get("file " + f)).isEqualTo(files.get(f));
    }
    b.put("avatar", get(base, avatarUrl));
    return b;
  }

  private byte[] get(String base, String path) {
    var r = Multipart.get(base + path, team.bo.token());
    assertThat(r.status()).as(path).isEqualTo(200);
    return r.bytes();
  }

  private static Map<String, Object> decision(String title, Object... more) {
    Map<String, Object> body = new LinkedHashMap<>(Map.of("title", title, "context", "Reports are slow.",
        "options", List.of(Map.of("title", "PostgreSQL", "pros", List.of("Familiar"), "cons", List.of("One more server"))),
        "decision", "Use PostgreSQL for reporting.", "rationale", "The team knows it.", "status", "accepted"));
    for (int i = 0; i + 1 < more.length; i += 2) body.put((String) more[i], more[i + 1]);
    return body;
  }

  private static String created(Api.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.text("id");
  }

  static byte[] png() {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 64; x++) for (int y = 0; y < 48; y++) img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 90);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
