package dev.longhand.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.Team;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A workspace with something of every kind an export holds, made through the API: a public and a private space,
 * threads with replies, an edit, reactions, an acknowledgement, a mention and an ask, decisions (one superseding
 * another, one resolving a thread), a document with revisions and comments, a recording with captions, chapters and
 * comments, and an image attached to a post by its Markdown.
 */
final class ExportScene {
  final Team team;
  final String product;
  final String vault;
  final String thread;
  final String file;
  final byte[] image;
  final byte[] tape;
  final String word;

  ExportScene(Team team, String baseUrl) {
    this.team = team;
    word = "quokka" + Long.toString(System.nanoTime(), 36);
    product = team.createSpace(team.ana, "Product", "public");
    vault = team.createSpace(team.ana, "Vault", "private");
    ok(team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.bo.id())), 201);

    var up = Multipart.upload(baseUrl + "/api/v1/spaces/" + product + "/files", team.ana.token(), "name", null, "chart.png",
        "image/png", png());
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    file = up.text("id");
    image = Multipart.get(baseUrl + "/api/v1/files/" + file, team.ana.token()).bytes(); // the stored copy, stripped

    Api ana = team.ana.api();
    thread = ana.post("/api/v1/spaces/" + product + "/threads", Map.of("title", "Pricing " + word,
        "body", "The " + word + " chart: " + up.text("markdown") + "\n\n@" + team.bo.handle() + " what do you think?")).text("id");
    String first = ok(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Looks right to me.")), 201).text("id");
    ok(team.bo.api().put("/api/v1/replies/" + first, Map.of("body", "Looks right to me, see /threads/" + thread + ".")), 200);
    ok(ana.post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Please check the tiers",
        "ask", Map.of("assignee", team.cy.id(), "within", "P2D"))), 201);
    ok(team.cy.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", "Tier B is " + word + " cheap.")), 201);
    ok(team.cy.api().post("/api/v1/threads/" + thread + "/reactions", Map.of("postId", first, "emoji", "thumbsup")), 200, 201);
    ok(team.cy.api().post("/api/v1/threads/" + thread + "/acknowledgements", Map.of()), 200, 201, 204);
    String secret = ana.post("/api/v1/spaces/" + vault + "/threads", Map.of("title", "Salaries", "body", "Only for us.")).text("id");
    ok(team.bo.api().post("/api/v1/threads/" + secret + "/replies", Map.of("body", "Noted.")), 201);

    String old = ok(ana.post("/api/v1/spaces/" + product + "/decisions", Map.of("title", "Price in euros", "decision",
        "We price in euros.", "context", "Customers are in Europe.")), 201).text("id");
    ok(team.bo.api().post("/api/v1/spaces/" + product + "/decisions", Map.of("title", "Price in euros and dollars",
        "decision", "Both currencies.", "supersedes", old, "source", Map.of("kind", "thread", "id", thread))), 201);

    String doc = ok(ana.post("/api/v1/spaces/" + product + "/documents", Map.of("title", "Pricing page",
        "body", "# Pricing\n\nTier A.\n")), 201).text("id");
    ok(team.bo.api().put("/api/v1/documents/" + doc, Map.of("body", "# Pricing\n\nTier A.\n\nTier B, " + word + ".\n",
        "baseRevision", 1, "summary", "Tier B")), 200);
    String comment = ok(team.cy.api().post("/api/v1/documents/" + doc + "/comments", Map.of("body", "Tier B why?", "quote", "Tier B")), 201)
        .text("id");
    ok(ana.post("/api/v1/documents/" + doc + "/comments", Map.of("body", "Because.", "parentId", comment)), 201);

    tape = ("fLaC" + "x".repeat(5000)).getBytes(StandardCharsets.ISO_8859_1);
    String boundary = "scene" + System.nanoTime();
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nPricing call\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"call.flac\"\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    form.writeBytes(tape);
    form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    var rec = Multipart.post(baseUrl + "/api/v1/spaces/" + product + "/recordings", team.ana.token(),
        "multipart/form-data; boundary=" + boundary, form.toByteArray());
    assertThat(rec.status()).as(rec.body()).isEqualTo(201);
    String recording = rec.text("id");
    ok(ana.send("PUT", "/api/v1/recordings/" + recording + "/captions",
        "WEBVTT\n\n00:01.000 --> 00:04.000\nWelcome to the " + word + " call\n\n00:05.000 --> 00:09.000\nTier B first\n", "text/vtt"), 200);
    ok(ana.put("/api/v1/recordings/" + recording + "/chapters", List.of(Map.of("title", "Welcome", "start", "0"),
        Map.of("title", "Tiers", "start", "0:05"))), 200);
    ok(team.bo.api().post("/api/v1/recordings/" + recording + "/comments", Map.of("body", "Good point", "at", "0:06")), 201);
  }

  static Api.Response ok(Api.Response r, int... statuses) {
    for (int s : statuses) if (r.status() == s) return r;
    throw new AssertionError("answered " + r.status() + ": " + r.body());
  }

  static byte[] png() {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(30, 120, 200));
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Starts an export as {@code who} and waits for it to finish (the worker runs it in the background). */
  static JsonNode exportNow(Team.Person who, String workspaceId) throws InterruptedException {
    var started = ok(who.api().post("/api/v1/workspaces/" + workspaceId + "/exports", Map.of()), 202);
    String id = started.text("id");
    for (int i = 0; i < 600; i++) {
      JsonNode e = ok(who.api().get("/api/v1/exports/" + id), 200).json();
      if (e.path("status").asText().equals("done") || e.path("status").asText().equals("failed")) return e;
      Thread.sleep(50);
    }
    throw new AssertionError("export " + id + " did not finish in 30 s");
  }

  /** Downloads a finished export's archive to a file. */
  static Path download(String baseUrl, Team.Person who, JsonNode export) throws IOException {
    var got = Multipart.get(baseUrl + export.path("archive").asText(), who.token());
    assertThat(got.status()).as(got.body()).isEqualTo(200);
    assertThat(got.header("Content-Type")).startsWith("application/zip");
    Path p = Files.createTempFile("longhand-export", ".zip");
    Files.write(p, got.bytes());
    return p;
  }
}
