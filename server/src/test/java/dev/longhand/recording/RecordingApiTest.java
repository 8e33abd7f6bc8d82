package dev.longhand.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.Notices;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Recordings through the API: upload and sniffing, playback with ranges, who may play them, and search. */
@ParameterizedClass
@EnumSource(Db.class)
class RecordingApiTest {
  @Parameter Db db;
  Longhand server;
  Team team;
  String product;
  byte[] webm;

  @BeforeEach
  void scene() throws IOException {
    server = TestServers.get(db);
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
    webm = Files.readAllBytes(TestMedia.webm());
  }

  private Multipart.Answer upload(Team.Person who, String space, String title, String name, String type, byte[] content) {
    return Multipart.upload(server.baseUrl() + "/api/v1/spaces/" + space + "/recordings", who.token(), "title", title, name, type, content);
  }

  private String uploaded(String space) {
    var r = upload(team.ana, space, "Weekly demo", "demo.webm", "video/webm", webm);
    assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(201);
    return r.text("id");
  }

  @Test
  void commentsTellTheUploaderAndTheConversation() {
    String id = uploaded(product);
    String comments = "/api/v1/recordings/" + id + "/comments";
    var first = team.bo.api().post(comments, Map.of("at", "0:01", "body", "The demo starts here; @" + team.cy.handle() + " look"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);

    assertThat(Notices.of(server, team.ana)).singleElement().satisfies(n -> {
      assertThat(n.get("text").asText()).isEqualTo(team.bo.name() + " commented on your recording “Weekly demo”");
      assertThat(n.get("link").asText()).isEqualTo("/recordings/" + id + "?t=1#comment-" + first.text("id"));
    });
    assertThat(Notices.of(server, team.cy)).extracting(n -> n.get("kind").asText()).containsExactly("mention");

    team.ana.api().post(comments, Map.of("replyTo", first.text("id"), "body", "Thanks, trimming it."));
    assertThat(Notices.of(server, team.bo)).extracting(n -> n.get("text").asText()).containsExactly(team.ana.name() + " replied to a comment on “Weekly demo”");
    assertThat(Notices.of(server, team.ana)).as("the uploader is not told of their own reply").hasSize(1);
    assertThat(Notices.of(server, team.gil)).isEmpty();
  }

  private long filesStored() throws IOException {
    try (Stream<Path> files = Files.list(server.dataDir().resolve("recordings"))) {
      return files.count();
    }
  }

  @Test
  void aRealWebmUnderAWrongNameIsStoredWithTheTypeItsContentHas() {
    var r = upload(team.ana, product, "Sprint review", "notes.txt", "text/plain", webm);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.text("mediaType")).isEqualTo("video/webm");
    assertThat(r.json().path("size").asLong()).isEqualTo(webm.length);
    String id = r.text("id");

    JsonNode shown = team.bo.api().get("/api/v1/recordings/" + id).json();
    assertThat(shown.path("title").asText()).isEqualTo("Sprint review");
    assertThat(shown.path("uploader").path("name").asText()).isEqualTo(team.ana.name());
    assertThat(shown.path("hasCaptions").asBoolean()).isFalse();
    JsonNode list = team.cy.api().get("/api/v1/spaces/" + product + "/recordings").json().path("recordings");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("id").asText()).isEqualTo(id);

    var media = Multipart.get(server.baseUrl() + "/api/v1/recordings/" + id + "/media", team.bo.token());
    assertThat(media.headers().firstValue("Content-Type")).hasValue("video/webm");
    assertThat(media.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"Sprint review.webm\"; filename*=UTF-8''Sprint%20review.webm");
    assertThat(media.bytes()).isEqualTo(webm);
  }

  @Test
  void aTextFileNamedMp4IsRefusedAndNothingIsStored() throws IOException {
    long before = filesStored();
    var r = upload(team.ana, product, "Not a video", "movie.mp4", "video/mp4", "Minutes of the meeting: nothing to see.".getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(r.text("field")).isEqualTo("file");
    assertThat(r.text("detail")).contains("not audio or video");
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/recordings").json().path("recordings")).isEmpty();
    assertThat(filesStored()).isEqualTo(before);

    var empty = upload(team.ana, product, "Nothing", "empty.webm", "video/webm", new byte[0]);
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.text("field")).isEqualTo("file");
    var json = team.ana.api().post("/api/v1/spaces/" + product + "/recordings", Map.of("title", "No file"));
    assertThat(json.status()).isEqualTo(400);
    assertThat(json.text("field")).isEqualTo("file");
    var longTitle = upload(team.ana, product, "x".repeat(201), "demo.webm", "video/webm", webm);
    assertThat(longTitle.status()).isEqualTo(400);
    assertThat(longTitle.text("field")).isEqualTo("title");
    assertThat(filesStored()).isEqualTo(before);
  }

  @Test
  void otherFormatsAreKnownByTheirFirstBytes() {
    byte[] flac = pad("fLaC");
    byte[] wav = pad("RIFF\u0024\u0000\u0000\u0000WAVEfmt ");
    byte[] m4a = pad("\u0000\u0000\u0000\u0020ftypM4A ");
    assertThat(upload(team.ana, product, "Flac", "a.bin", "application/octet-stream", flac).text("mediaType")).isEqualTo("audio/flac");
    assertThat(upload(team.ana, product, "Wav", "a.bin", "application/octet-stream", wav).text("mediaType")).isEqualTo("audio/wav");
    assertThat(upload(team.ana, product, "M4a", "a.bin", "application/octet-stream", m4a).text("mediaType")).isEqualTo("audio/mp4");
  }

  private static byte[] pad(String head) {
    byte[] b = Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), 4096);
    for (int i = head.length(); i < b.length; i++) b[i] = (byte) (i * 31);
    return b;
  }

  @Test
  void rangeRequestsAnswerTheSlicesAPlayerAsksFor() {
    String id = uploaded(product);
    String url = server.baseUrl() + "/api/v1/recordings/" + id + "/media";
    int size = webm.length;

    var whole = Multipart.get(url, team.bo.token());
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(whole.headers().firstValueAsLong("Content-Length").orElse(-1)).isEqualTo(size);

    var middle = Multipart.get(url, team.bo.token(), "Range", "bytes=1000-1999");
    assertThat(middle.status()).isEqualTo(206);
    assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + size);
    assertThat(middle.bytes()).isEqualTo(Arrays.copyOfRange(webm, 1000, 2000));

    var rest = Multipart.get(url, team.bo.token(), "Range", "bytes=" + (size - 700) + "-");
    assertThat(rest.status()).isEqualTo(206);
    assertThat(rest.bytes()).isEqualTo(Arrays.copyOfRange(webm, size - 700, size));

    var suffix = Multipart.get(url, team.bo.token(), "Range", "bytes=-300");
    assertThat(suffix.status()).isEqualTo(206);
    assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes " + (size - 300) + "-" + (size - 1) + "/" + size);
    assertThat(suffix.bytes()).isEqualTo(Arrays.copyOfRange(webm, size - 300, size));

    var pastTheEnd = Multipart.get(url, team.bo.token(), "Range", "bytes=" + (size - 10) + "-" + (size + 5000));
    assertThat(pastTheEnd.status()).isEqualTo(206);
    assertThat(pastTheEnd.bytes()).isEqualTo(Arrays.copyOfRange(webm, size - 10, size));

    var unsatisfiable = Multipart.get(url, team.bo.token(), "Range", "bytes=" + size + "-");
    assertThat(unsatisfiable.status()).isEqualTo(416);
    assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */" + size);
    assertThat(Multipart.get(url, team.bo.token(), "Range", "bytes=-0").status()).isEqualTo(416);

    // Several ranges at once are answered with the whole file, which RFC 9110 allows.
    assertThat(Multipart.get(url, team.bo.token(), "Range", "bytes=0-1,5-6").status()).isEqualTo(200);
  }

  @Test
  void onlyReadersOfTheSpaceMayPlayEvenWithTheAddress() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.bo.id()));
    String secret = uploaded(vault);
    String open = uploaded(product);
    String media = "/api/v1/recordings/" + secret + "/media";

    assertThat(Multipart.get(server.baseUrl() + media, team.bo.token(), "Range", "bytes=0-9").status()).isEqualTo(206);
    for (Team.Person outsider : List.of(team.cy, team.gil, team.eve)) {
      assertThat(Multipart.get(server.baseUrl() + media, outsider.token()).status()).as(outsider.name()).isEqualTo(404);
      assertThat(outsider.api().get("/api/v1/recordings/" + secret).status()).as(outsider.name()).isEqualTo(404);
    }
    // A guest reads only spaces they were added to; another workspace reads nothing here.
    assertThat(Multipart.get(server.baseUrl() + "/api/v1/recordings/" + open + "/media", team.gil.token()).status()).isEqualTo(404);
    assertThat(Multipart.get(server.baseUrl() + "/api/v1/recordings/" + open + "/media", team.eve.token()).status()).isEqualTo(404);
    assertThat(upload(team.eve, product, "Intruder", "x.webm", "video/webm", webm).status()).isEqualTo(404);
    assertThat(Multipart.get(server.baseUrl() + "/api/v1/recordings/" + open + "/media", null).status()).isEqualTo(401);

    // The page's player reads the same file by the session cookie, checked the same way.
    WebSession bo = WebSession.signedIn(server.baseUrl(), team.bo.email(), "correct horse battery");
    WebSession cy = WebSession.signedIn(server.baseUrl(), team.cy.email(), "correct horse battery");
    assertThat(bo.get("/recordings/" + secret + "/media").statusCode()).isEqualTo(200);
    assertThat(cy.get("/recordings/" + secret + "/media").statusCode()).isEqualTo(404);
    assertThat(cy.get("/recordings/" + secret).statusCode()).isEqualTo(404);

    // Bo leaves the private space: his very next request is refused, on both ways in.
    server.database().writeAll(h -> h.execute("DELETE FROM space_members WHERE space_id = ? AND account_id = ?",
        Long.parseLong(vault), Long.parseLong(team.bo.id())));
    assertThat(Multipart.get(server.baseUrl() + media, team.bo.token(), "Range", "bytes=0-9").status()).isEqualTo(404);
    assertThat(bo.get("/recordings/" + secret + "/media").statusCode()).isEqualTo(404);
    assertThat(bo.get("/recordings/" + secret + "/captions.vtt").statusCode()).isEqualTo(404);
  }

  @Test
  void searchFindsATranscriptCueAtItsTimeAndOutsidersFindNothing() throws InterruptedException {
    String vault = team.createSpace(team.ana, "Vault", "private");
    String id = uploaded(vault);
    var put = team.ana.api().send("PUT", "/api/v1/recordings/" + id + "/captions",
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to the demo.\n\n01:02.500 --> 01:06.000\nThe quarterly zeppelin forecast looks good.\n",
        "text/vtt");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);

    JsonNode hits = team.ana.api().get("/api/v1/search?q=zeppelin").json().path("hits");
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).path("kind").asText()).isEqualTo("transcript");
    assertThat(hits.get(0).path("url").asText()).isEqualTo("/recordings/" + id + "?t=62");
    assertThat(hits.get(0).path("title").asText()).isEqualTo("Weekly demo at 1:02");
    JsonNode byTitle = team.ana.api().get("/api/v1/search?q=weekly").json().path("hits");
    assertThat(byTitle.findValuesAsText("kind")).contains("recording");

    for (Team.Person outsider : List.of(team.bo, team.cy, team.gil, team.eve)) {
      assertThat(outsider.api().get("/api/v1/search?q=zeppelin").json().path("hits")).as(outsider.name()).isEmpty();
    }

    // New captions replace the old transcript in the index too.
    team.ana.api().send("PUT", "/api/v1/recordings/" + id + "/captions", "00:05 Only the weather now.", "text/plain");
    server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    assertThat(team.ana.api().get("/api/v1/search?q=zeppelin").json().path("hits")).isEmpty();
    assertThat(team.ana.api().get("/api/v1/search?q=weather").json().path("hits").get(0).path("url").asText())
        .isEqualTo("/recordings/" + id + "?t=5");
  }

  @Test
  void itsUploaderOrAnAdminDeletesARecordingAndItsFileAndTranscriptGo() throws Exception {
    String id = uploaded(product);
    team.ana.api().send("PUT", "/api/v1/recordings/" + id + "/captions", "0:01 The aardvark budget", "text/plain");
    server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    assertThat(team.bo.api().get("/api/v1/search?q=aardvark").json().path("hits")).hasSize(1);
    long before = filesStored();

    var notHers = team.bo.api().delete("/api/v1/recordings/" + id);
    assertThat(notHers.status()).isEqualTo(403);
    assertThat(team.eve.api().delete("/api/v1/recordings/" + id).status()).isEqualTo(404);
    assertThat(team.ana.api().delete("/api/v1/recordings/" + id).status()).isEqualTo(204);

    assertThat(team.bo.api().get("/api/v1/recordings/" + id).status()).isEqualTo(404);
    assertThat(Multipart.get(server.baseUrl() + "/api/v1/recordings/" + id + "/media", team.ana.token()).status()).isEqualTo(404);
    assertThat(filesStored()).isEqualTo(before - 1);
    server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
    assertThat(team.bo.api().get("/api/v1/search?q=aardvark").json().path("hits")).isEmpty();
  }
}
