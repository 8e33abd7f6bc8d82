package dev.longhand.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.testkit.ApiContract;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import dev.longhand.testkit.WebSession;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One's own account through the API and pages: name, password change, signing out everywhere, and pictures
 * (sniffed, bounded, re-encoded, and shown only to people who share a workspace).
 */
@ParameterizedClass
@EnumSource(Db.class)
class AccountCareApiTest {
  static final String PASSWORD = "correct horse battery";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Parameter Db db;
  Team team;
  String base;

  @BeforeEach
  void team() {
    team = Team.of(db);
    base = TestServers.get(db).baseUrl();
  }

  @Test
  void aNewNameShowsAtOnceWhereverTheTokenIsUsedAndOnThreads() {
    String space = team.createSpace(team.ana, "Names", "public");
    String thread = team.bo.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Hello", "body", "Hi")).text("id");
    var r = team.bo.api().put("/api/v1/me", Map.of("name", "  Bo Park  "));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.text("name")).isEqualTo("Bo Park");
    assertThat(r.text("avatarUrl")).isEqualTo("/avatars/" + team.bo.id());
    assertThat(team.bo.api().get("/api/v1/me").text("name")).isEqualTo("Bo Park"); // the token cache forgot the old name
    assertThat(team.ana.api().get("/api/v1/threads/" + thread).json().path("author").path("name").asText()).isEqualTo("Bo Park");
  }

  @Test
  void badNamesNameTheFieldAndChangeNothing() {
    String before = team.bo.api().get("/api/v1/me").text("name");
    for (Object bad : List.of("", "   ", "x".repeat(101), "Bo\u0000")) {
      var r = team.bo.api().put("/api/v1/me", Map.of("name", bad));
      assertThat(r.status()).as("name " + bad).isEqualTo(400);
      assertThat(r.text("field")).isEqualTo("name");
    }
    var missing = team.bo.api().put("/api/v1/me", Map.of());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("field")).isEqualTo("name");
    assertThat(team.bo.api().get("/api/v1/me").text("name")).isEqualTo(before);
  }

  @Test
  void changingThePasswordNeedsTheCurrentOneAndEndsEveryOtherSession() {
    WebSession laptop = WebSession.signedIn(base, team.cy.email(), PASSWORD);
    WebSession phone = WebSession.signedIn(base, team.cy.email(), PASSWORD);
    assertThat(laptop.get("/me").statusCode()).isEqualTo(200);

    var wrong = team.cy.api().put("/api/v1/me/password", Map.of("currentPassword", "not my password", "newPassword", "a new long password"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.text("field")).isEqualTo("currentPassword");
    var short_ = team.cy.api().put("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "short"));
    assertThat(short_.status()).isEqualTo(400);
    assertThat(short_.text("field")).isEqualTo("newPassword");
    var missing = team.cy.api().put("/api/v1/me/password", Map.of("newPassword", "a new long password"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("field")).isEqualTo("currentPassword");
    assertThat(laptop.get("/me").statusCode()).as("refusals change nothing").isEqualTo(200);

    // changed from the laptop's page: the laptop stays signed in, the phone is signed out
    var changed = laptop.postForm("/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "a new long password"));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).contains("1 other session was signed out").contains("Revoke all my API tokens");
    assertThat(laptop.get("/me").statusCode()).isEqualTo(200);
    assertThat(phone.get("/me").statusCode()).as("signed out").isIn(302, 303);
    assertThat(team.cy.api().get("/api/v1/me").status()).as("API tokens keep working").isEqualTo(200);
    assertThat(team.anonymous.post("/api/v1/tokens", Map.of("email", team.cy.email(), "password", PASSWORD)).status()).isEqualTo(400);
    assertThat(team.anonymous.post("/api/v1/tokens", Map.of("email", team.cy.email(), "password", "a new long password")).status()).isEqualTo(201);

    // the offer: revoke every token at once
    var revoked = laptop.postForm("/me/tokens/revoke-all", Map.of());
    assertThat(revoked.statusCode()).isEqualTo(303);
    assertThat(team.cy.api().get("/api/v1/me").status()).isEqualTo(401);
  }

  @Test
  void changingThePasswordWithATokenEndsEverySession() {
    WebSession browser = WebSession.signedIn(base, team.gil.email(), PASSWORD);
    var r = team.gil.api().put("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "another long password"));
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(browser.get("/me").statusCode()).as("signed out").isIn(302, 303);
  }

  @Test
  void signingOutEverywhereEndsEverySessionButNotTokens() {
    WebSession one = WebSession.signedIn(base, team.bo.email(), PASSWORD);
    WebSession two = WebSession.signedIn(base, team.bo.email(), PASSWORD);
    WebSession someoneElse = WebSession.signedIn(base, team.cy.email(), PASSWORD);
    var r = team.bo.api().delete("/api/v1/me/sessions");
    assertThat(r.status()).isEqualTo(204);
    assertThat(one.get("/me").statusCode()).as("signed out").isIn(302, 303);
    assertThat(two.get("/me").statusCode()).as("signed out").isIn(302, 303);
    assertThat(someoneElse.get("/me").statusCode()).isEqualTo(200);
    assertThat(team.bo.api().get("/api/v1/me").status()).isEqualTo(200);

    WebSession three = WebSession.signedIn(base, team.bo.email(), PASSWORD);
    var page = three.postForm("/me/sessions/end", Map.of());
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location").orElse("")).startsWith("/login");
    assertThat(three.get("/me").statusCode()).as("signed out").isIn(302, 303);
  }

  @Test
  void aPictureIsCroppedToA128PxSquarePngWithoutItsMetadata() throws Exception {
    byte[] jpeg = withComment(jpeg(400, 300), "SECRET-GPS 38.7N 9.1W");
    var r = putAvatar(team.bo.token(), jpeg, "text/plain"); // the declared type is never asked
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String url = r.body().replaceAll(".*\"avatarUrl\":\"([^\"]+)\".*", "$1");
    assertThat(url).startsWith("/avatars/" + team.bo.id() + "?v=");

    var got = get(team.cy.token(), "/avatars/" + team.bo.id());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
    assertThat(got.headers().firstValue("Cache-Control").orElse("")).isEqualTo("private, max-age=300");
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(got.body()));
    assertThat(png.getWidth()).isEqualTo(128);
    assertThat(png.getHeight()).isEqualTo(128);
    assertThat(new String(got.body(), StandardCharsets.ISO_8859_1)).doesNotContain("SECRET-GPS");

    String etag = got.headers().firstValue("ETag").orElseThrow();
    var again = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/avatars/" + team.bo.id()))
        .header("Authorization", "Bearer " + team.cy.token()).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(again.statusCode()).isEqualTo(304);

    assertThat(team.bo.api().delete("/api/v1/me/avatar").status()).isEqualTo(204);
    var initials = get(team.cy.token(), "/avatars/" + team.bo.id());
    assertThat(initials.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    assertThat(initials.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
  }

  @Test
  void withoutAPictureInitialsShowOnTheirOwnColour() throws Exception {
    var svg = get(team.ana.token(), "/avatars/" + team.bo.id());
    assertThat(svg.statusCode()).isEqualTo(200);
    String text = new String(svg.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("<svg").contains(">B" + Character.toUpperCase(team.bo.name().split(" ")[1].charAt(0)) + "</text>")
        .contains(Avatars.colour(Long.parseLong(team.bo.id())));
    assertThat(Avatars.initials("ana lima")).isEqualTo("AL");
    assertThat(Avatars.initials("Zoë")).isEqualTo("Z");
    assertThat(Avatars.initials("  ")).isEqualTo("?");
  }

  @Test
  void onlyPeopleWhoShareAWorkspaceSeeAPicture() throws Exception {
    putAvatar(team.bo.token(), png(64, 64), "image/png");
    assertThat(get(team.bo.token(), "/avatars/" + team.bo.id()).statusCode()).isEqualTo(200);
    assertThat(get(team.gil.token(), "/avatars/" + team.bo.id()).statusCode()).isEqualTo(200);
    assertThat(get(team.eve.token(), "/avatars/" + team.bo.id()).statusCode()).isEqualTo(404);
    assertThat(get(team.eve.token(), "/avatars/" + team.eve.id()).statusCode()).isEqualTo(200);
    assertThat(get(team.ana.token(), "/avatars/260000000000000001").statusCode()).isEqualTo(404);
    assertThat(get(null, "/avatars/" + team.bo.id()).statusCode()).isIn(302, 303);
  }

  @Test
  void anythingButAPictureIsRefusedNamingTheFileAndChangesNothing() throws Exception {
    putAvatar(team.cy.token(), png(64, 64), "image/png");
    String before = team.cy.api().get("/api/v1/me").text("avatarUrl");

    var text = putAvatar(team.cy.token(), "GIF89a not really".getBytes(StandardCharsets.UTF_8), "image/gif");
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(text.body()).contains("\"field\":\"file\"");
    var svg = putAvatar(team.cy.token(), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), "image/png");
    assertThat(svg.statusCode()).isEqualTo(415);
    var empty = putAvatar(team.cy.token(), new byte[0], "image/png");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("\"field\":\"file\"");
    var broken = putAvatar(team.cy.token(), java.util.Arrays.copyOf(png(64, 64), 60), "image/png");
    assertThat(broken.statusCode()).isEqualTo(415);
    var bomb = putAvatar(team.cy.token(), pngHeaderClaiming(50_000, 50_000), "image/png");
    assertThat(bomb.statusCode()).as(bomb.body()).isEqualTo(400);
    assertThat(bomb.body()).contains("\"field\":\"file\"");
    var huge = putAvatar(team.cy.token(), new byte[Avatars.MAX_BYTES + 1], "image/png");
    assertThat(huge.statusCode()).isEqualTo(413);

    assertThat(team.cy.api().get("/api/v1/me").text("avatarUrl")).isEqualTo(before);
  }

  @Test
  void theProfilePageUploadsAPictureAndShowsItsOwnStatus() throws Exception {
    WebSession page = WebSession.signedIn(base, team.ana.email(), PASSWORD);
    String boundary = "b" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"me.webp\"\r\nContent-Type: image/webp\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.write(png(300, 500));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    var r = page.postBytes("/me/avatar?_csrf=" + page.csrf(), "multipart/form-data; boundary=" + boundary, body.toByteArray());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    String me = page.get("/me").body();
    assertThat(me).contains("/avatars/" + team.ana.id() + "?v=").contains("Remove picture").contains("Lisbon");

    var notAPicture = page.postBytes("/me/avatar?_csrf=" + page.csrf(), "multipart/form-data; boundary=" + boundary,
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n\r\nhello\r\n--" + boundary + "--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(notAPicture.statusCode()).isEqualTo(415);
    assertThat(notAPicture.body()).contains("id=\"error-avatar\"");
  }

  // ---- helpers ----

  private HttpResponse<String> putAvatar(String token, byte[] image, String contentType) throws Exception {
    var r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me/avatar"))
        .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
    ApiContract.of(base).check("PUT", "/api/v1/me/avatar", r.statusCode(), r.headers().firstValue("Content-Type"), r.body());
    return r;
  }

  private HttpResponse<byte[]> get(String token, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static byte[] png(int w, int h) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(new Color(30, 90, 200));
    g.fillRect(0, 0, w, h);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  static byte[] jpeg(int w, int h) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(new Color(200, 60, 40));
    g.fillRect(0, 0, w, h);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return out.toByteArray();
  }

  /** A JPEG with a comment segment (metadata a camera or editor may leave) right after its start marker. */
  static byte[] withComment(byte[] jpeg, String comment) {
    byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(jpeg.length + 4 + text.length);
    b.put(jpeg, 0, 2).put((byte) 0xff).put((byte) 0xfe).putShort((short) (text.length + 2)).put(text).put(jpeg, 2, jpeg.length - 2);
    return b.array();
  }

  /** A PNG whose header claims a canvas of w × h (and whose data is nothing): a decompression bomb's shape. */
  static byte[] pngHeaderClaiming(int w, int h) {
    ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    ByteBuffer b = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
    b.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082);
    return b.array();
  }
}
