package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.recording.TestMedia;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a browser holding Ana's session may be made to do by another site, and what it may keep: JSON routes take
 * only JSON, raw bodies need the form token with the cookie, writes from another origin are refused, the form token
 * changes at sign-in, and signed-in answers are not stored.
 */
@ParameterizedClass
@EnumSource(Db.class)
class BrowserSafetyTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  @Parameter Db db;
  Team team;
  String space;
  WebSession ana;

  @BeforeEach
  void setUp() {
    team = Team.of(db);
    space = team.createSpace(team.ana, "Safety", "public");
    ana = WebSession.signedIn(base(), team.ana.email(), "correct horse battery");
  }

  private String base() {
    return TestServers.get(db).baseUrl();
  }

  /** A request with Ana's browser cookies (session and form token) and the headers given. */
  private HttpResponse<String> withCookies(String method, String path, String type, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
        .header("Cookie", "lh_session=" + ana.cookie("lh_session") + "; lh_csrf=" + ana.cookie("lh_csrf"))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) b.header("Content-Type", type);
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int threads() {
    return team.ana.api().get("/api/v1/spaces/" + space + "/threads").json().path("threads").size();
  }

  @Test
  void jsonRoutesTakeOnlyJson() throws Exception {
    byte[] json = "{\"title\":\"Sneaky\",\"body\":\"Posted as captions\"}".getBytes(StandardCharsets.UTF_8);
    var asVtt = withCookies("POST", "/api/v1/spaces/" + space + "/threads", "text/vtt", json);
    assertThat(asVtt.statusCode()).as(asVtt.body()).isEqualTo(415);
    assertThat(asVtt.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(asVtt.body()).contains("\"field\":\"Content-Type\"");
    var asText = team.ana.api().send("POST", "/api/v1/spaces/" + space + "/threads", new String(json, StandardCharsets.UTF_8), "text/plain");
    assertThat(asText.status()).isEqualTo(415);
    assertThat(threads()).isZero();
    assertThat(withCookies("POST", "/api/v1/spaces/" + space + "/threads", "application/json", json, "X-CSRF-Token", "ignored").statusCode())
        .isEqualTo(201);
  }

  @Test
  void captionsWithTheSessionCookieNeedTheFormToken() throws Exception {
    String recording = upload();
    byte[] vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n".getBytes(StandardCharsets.UTF_8);
    String captions = "/api/v1/recordings/" + recording + "/captions";
    assertThat(withCookies("PUT", captions, "text/vtt", vtt).statusCode()).isEqualTo(403);
    assertThat(team.ana.api().get("/api/v1/recordings/" + recording).json().path("cues").asInt()).isZero();
    assertThat(withCookies("PUT", captions, "text/vtt", vtt, "X-CSRF-Token", ana.cookie("lh_csrf")).statusCode()).isEqualTo(200);
    assertThat(team.ana.api().send("PUT", captions, new String(vtt, StandardCharsets.UTF_8), "text/vtt").status()).isEqualTo(200);
  }

  @Test
  void aWriteFromAnotherSiteIsRefused() throws Exception {
    byte[] form = ("title=Cross&body=From+elsewhere&_csrf=" + ana.cookie("lh_csrf")).getBytes(StandardCharsets.UTF_8);
    String path = "/spaces/" + space + "/threads";
    String type = "application/x-www-form-urlencoded";
    var foreign = withCookies("POST", path, type, form, "Origin", "https://evil.example");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(withCookies("POST", path, type, form, "Origin", "null").statusCode()).isEqualTo(403);
    assertThat(withCookies("POST", path, type, form, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    byte[] json = "{\"title\":\"Cross\",\"body\":\"JSON from elsewhere\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(withCookies("POST", "/api/v1/spaces/" + space + "/threads", "application/json", json, "Origin", "https://evil.example")
        .statusCode()).isEqualTo(403);
    assertThat(threads()).isZero();
    String own = base().replaceFirst("/$", "");
    assertThat(withCookies("POST", path, type, form, "Origin", own, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(303);
    assertThat(threads()).isEqualTo(1);
  }

  @Test
  void theFormTokenChangesAtSignInAndTheOldOneIsRefused() {
    WebSession browser = new WebSession(base());
    String before = browser.csrf();
    assertThat(browser.postForm("/login", Map.of("email", team.bo.email(), "password", "correct horse battery")).statusCode()).isEqualTo(303);
    assertThat(browser.cookie("lh_csrf")).isNotNull().isNotEqualTo(before);
    assertThat(browser.postForm("/spaces/" + space + "/threads", Map.of("title", "Old", "body", "token", "_csrf", before)).statusCode())
        .isEqualTo(403);
    assertThat(browser.postForm("/spaces/" + space + "/threads", Map.of("title", "New", "body", "token")).statusCode()).isEqualTo(303);

    WebSession newcomer = new WebSession(base());
    String planted = newcomer.csrf();
    var signUp = newcomer.postForm("/signup", Map.of("email", "fresh-" + System.nanoTime() + "@example.test", "name", "Fay",
        "password", "long enough password"));
    assertThat(signUp.statusCode()).isEqualTo(303);
    assertThat(newcomer.cookie("lh_csrf")).isNotEqualTo(planted);
  }

  @Test
  void signedInAnswersAreNotStoredAndNoPageMayUseTheCameraOrMicrophone() {
    var page = ana.get("/notifications");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Permissions-Policy")).hasValueSatisfying(p ->
        assertThat(p).contains("camera=()").contains("microphone=()").contains("geolocation=()").contains("payment=()").contains("usb=()"));
    var api = team.ana.api().get("/api/v1/me");
    assertThat(api.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(api.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
    assertThat(api.headers().firstValue("Permissions-Policy")).as("a JSON answer is no page").isEmpty();
    assertThat(team.anonymous.get("/api/v1/me").headers().firstValue("Cache-Control")).hasValue("no-store");
    var login = new WebSession(base()).get("/login");
    assertThat(login.headers().firstValue("Permissions-Policy")).isPresent();
    assertThat(ana.get("/static/longhand.css").headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
  }

  private String upload() throws Exception {
    String boundary = "----safety-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"demo.webm\"\r\n"
        + "Content-Type: video/webm\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(Files.readAllBytes(TestMedia.webm()));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    var r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/spaces/" + space + "/recordings"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", "Bearer " + team.ana.token())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("id").asText();
  }
}
