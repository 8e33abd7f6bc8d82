package dev.longhand.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The upload form as a browser posts it: multipart, its CSRF token in the query string, errors shown beside the file field. */
@ParameterizedClass
@EnumSource(Db.class)
class RecordingPagesTest {
  @Parameter Db db;
  Longhand server;
  Team team;
  String product;
  WebSession ana;

  @BeforeEach
  void scene() {
    server = TestServers.get(db);
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
    ana = WebSession.signedIn(server.baseUrl(), team.ana.email(), "correct horse battery");
  }

  private Multipart.Answer postForm(WebSession web, String query, byte[] content, String name) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/spaces/" + product + "/recordings" + query))
        .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY).header("Accept", "text/html")
        .header("Cookie", "lh_session=" + web.cookie("lh_session") + "; lh_csrf=" + web.csrf())
        .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.form("title", "", name, "application/octet-stream", content)));
    return Multipart.send(b);
  }

  @Test
  void theFormUploadsWithItsTokenInTheQueryAndNotWithout() throws IOException {
    byte[] webm = Files.readAllBytes(TestMedia.webm());
    var forged = postForm(ana, "", webm, "standup.webm");
    assertThat(forged.status()).isEqualTo(403);
    var wrong = postForm(ana, "?_csrf=" + "x".repeat(43), webm, "standup.webm");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(team.ana.api().get("/api/v1/spaces/" + product + "/recordings").json().path("recordings")).isEmpty();

    var posted = postForm(ana, "?_csrf=" + ana.csrf(), webm, "Standup 3 March.webm");
    assertThat(posted.status()).isEqualTo(303);
    String location = posted.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/recordings/\\d+\\?notice=Recording\\+uploaded\\.");
    var shown = team.ana.api().get("/api/v1/spaces/" + product + "/recordings").json().path("recordings").get(0);
    assertThat(shown.path("title").asText()).as("the title defaults to the file's name").isEqualTo("Standup 3 March");
    assertThat(ana.get(location).body()).contains("Recording uploaded.").contains("<video id=\"player\"");
  }

  @Test
  void aFileThatIsNotAudioOrVideoIsShownBesideTheField() {
    var refused = postForm(ana, "?_csrf=" + ana.csrf(), "just some notes".getBytes(StandardCharsets.UTF_8), "notes.mp3");
    assertThat(refused.status()).isEqualTo(415);
    String page = new String(refused.bytes(), StandardCharsets.UTF_8);
    assertThat(page).contains("<p class=\"error\" id=\"upload-error\" role=\"alert\">The file is not audio or video");
    assertThat(page).contains("name=\"file\" type=\"file\"").contains("aria-invalid=\"true\" aria-describedby=\"upload-error\"");
  }

  @Test
  void theShelfIsOnlyForReadersOfTheSpace() {
    WebSession gil = WebSession.signedIn(server.baseUrl(), team.gil.email(), "correct horse battery");
    WebSession eve = WebSession.signedIn(server.baseUrl(), team.eve.email(), "correct horse battery");
    assertThat(gil.get("/spaces/" + product + "/recordings").statusCode()).isEqualTo(404);
    assertThat(eve.get("/spaces/" + product + "/recordings").statusCode()).isEqualTo(404);
    assertThat(ana.get("/spaces/" + product + "/recordings").body()).contains("No recordings yet.").contains("up to 2 GB.");
    assertThat(eve.postForm("/spaces/" + product + "/recordings", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void deleteIsOfferedOnlyToItsUploaderAndTheWorkspacesAdmins() throws IOException {
    Team.Person dee = team.extraMember("Dee", "admin");
    var up = Multipart.upload(server.baseUrl() + "/api/v1/spaces/" + product + "/recordings", team.bo.token(), "title", "Standup",
        "standup.webm", "video/webm", Files.readAllBytes(TestMedia.webm()));
    assertThat(up.status()).isEqualTo(201);
    String page = "/recordings/" + up.text("id");
    WebSession bo = WebSession.signedIn(server.baseUrl(), team.bo.email(), "correct horse battery");
    WebSession cy = WebSession.signedIn(server.baseUrl(), team.cy.email(), "correct horse battery");
    WebSession admin = WebSession.signedIn(server.baseUrl(), dee.email(), "correct horse battery");

    String seenByCy = cy.get(page).body();
    assertThat(seenByCy).contains("Standup").doesNotContain("Delete recording").doesNotContain(page + "/delete");
    assertThat(bo.get(page).body()).as("the uploader").contains("Delete recording");
    assertThat(admin.get(page).body()).as("an admin").contains("Delete recording");
    assertThat(ana.get(page).body()).as("the owner").contains("Delete recording");
  }

  @Test
  void commentBoxesAttachFilesAndCommentsShowThemAsLinksAndImages() throws IOException {
    var up = Multipart.upload(server.baseUrl() + "/api/v1/spaces/" + product + "/recordings", team.bo.token(), "title", "Demo",
        "demo.webm", "video/webm", Files.readAllBytes(TestMedia.webm()));
    assertThat(up.status()).isEqualTo(201);
    String id = up.text("id");
    var comment = team.cy.api().post("/api/v1/recordings/" + id + "/comments",
        Map.of("at", "0:01", "body", "See [the notes](/files/123) and **this**"));
    assertThat(comment.status()).as(comment.body()).isEqualTo(201);
    String page = ana.get("/recordings/" + id).body();
    assertThat(page).contains("id=\"comment-body\" name=\"body\" rows=\"3\" required maxlength=\"4000\" data-attach=\"" + product + "\"",
        "id=\"reply-" + comment.text("id") + "\" name=\"body\" rows=\"2\" required maxlength=\"4000\" data-attach=\"" + product + "\"",
        "<strong>this</strong>");
    // the sanitiser writes rel's words in either order
    assertThat(page).containsPattern("<a href=\"/files/123\" rel=\"(nofollow noopener|noopener nofollow)\">the notes</a>");
  }

  @Test
  void theUploadLimitIsASettingInHumanUnits() {
    assertThat(Config.fromEnvironment(Map.of()).maxUpload()).isEqualTo(2L << 30);
    assertThat(Config.fromEnvironment(Map.of("LONGHAND_MAX_UPLOAD", "500MB")).maxUpload()).isEqualTo(500L << 20);
    assertThat(Config.fromEnvironment(Map.of("LONGHAND_MAX_UPLOAD", "750k")).maxUpload()).isEqualTo(750L << 10);
    assertThat(Config.fromEnvironment(Map.of("LONGHAND_MAX_UPLOAD", "1048576")).maxUpload()).isEqualTo(1L << 20);
    for (String bad : new String[] {"lots", "0", "-5MB", "2 PB"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_MAX_UPLOAD", bad)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("LONGHAND_MAX_UPLOAD must be a size");
    }
  }
}
