package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.recording.TestMedia;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A NUL character (U+0000) in text is refused with a 400 naming the field, the same on both databases (PostgreSQL
 * cannot store it, and answered 500), and nothing is written.
 */
@ParameterizedClass
@EnumSource(Db.class)
class NulCharacterTest {
  private static final String NUL = "\u0000";
  @Parameter Db db;
  Team team;
  String space;

  @BeforeEach
  void setUp() {
    team = Team.of(db);
    space = team.createSpace(team.ana, "Nul", "public");
  }

  private static void refused(Api.Response r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.text("field")).isEqualTo(field);
  }

  private int threadCount() {
    return team.ana.api().get("/api/v1/spaces/" + space + "/threads").json().path("threads").size();
  }

  @Test
  void aThreadTitleOrReplyWithANulIsRefusedNamingTheField() {
    refused(team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Half" + NUL + "way", "body", "Fine")), "title");
    refused(team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Fine", "body", "Half" + NUL + "way")), "body");
    assertThat(threadCount()).isZero();
    String thread = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Fine", "body", "Fine")).text("id");
    refused(team.bo.api().post("/api/v1/threads/" + thread + "/replies", Map.of("body", NUL)), "body");
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().path("replies").size()).isZero();
  }

  @Test
  void aFormFieldOrQueryWithANulIsRefusedNamingTheField() {
    WebSession ana = WebSession.signedIn(TestServers.get(db).baseUrl(), team.ana.email(), "correct horse battery");
    var page = ana.postForm("/spaces/" + space + "/threads", Map.of("title", "Form" + NUL, "body", "From a form"));
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("'title' must not contain a NUL");
    assertThat(threadCount()).isZero();
    refused(team.ana.api().get("/api/v1/search?q=budget%00"), "q");
    var login = new WebSession(TestServers.get(db).baseUrl()).postForm("/login", Map.of("email", team.ana.email() + NUL, "password", "x"));
    assertThat(login.statusCode()).isEqualTo(400);
  }

  @Test
  void aRecordingTitleOrCaptionsWithANulAreRefusedNamingTheField() throws Exception {
    byte[] webm = Files.readAllBytes(TestMedia.webm());
    String boundary = "----nul-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nDemo" + NUL + "\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"demo.webm\"\r\nContent-Type: video/webm\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(webm);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    String shelf = "/api/v1/spaces/" + space + "/recordings";
    var refusedUpload = upload(shelf, boundary, body.toByteArray());
    assertThat(refusedUpload.statusCode()).isEqualTo(400);
    assertThat(refusedUpload.body()).contains("\"field\":\"title\"");
    assertThat(team.ana.api().get(shelf).json().path("recordings").size()).isZero();

    byte[] clean = new String(body.toByteArray(), StandardCharsets.ISO_8859_1).replace("Demo" + NUL, "Demo").getBytes(StandardCharsets.ISO_8859_1);
    var ok = upload(shelf, boundary, clean);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok.body()).path("id").asText();
    refused(team.ana.api().send("PUT", "/api/v1/recordings/" + id + "/captions", "00:05 Wea" + NUL + "ther", "text/plain"), "captions");
    refused(team.ana.api().put("/api/v1/recordings/" + id + "/chapters", List.of(Map.of("title", "In" + NUL + "tro", "start", "0:00"))), "title");
    assertThat(team.ana.api().get("/api/v1/recordings/" + id).json().path("cues").asInt()).isZero();
  }

  private java.net.http.HttpResponse<String> upload(String path, String boundary, byte[] body) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(TestServers.get(db).baseUrl() + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", "Bearer " + team.ana.token())
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try (var http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }
}
