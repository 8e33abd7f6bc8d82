package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.SmtpUrl;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mail carries no relative links: a reply with an attached screenshot and a link to another thread reaches Ana's
 * digest email with both as absolute addresses of the server, the picture as a link to its file under its alt text (a
 * mail client cannot fetch it with Ana's session), in the plain text and in the HTML.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DigestMailLinksTest {
  /** Monday 2 March 2026, 05:00 in Lisbon (UTC): Ana's first digest time of the day is 09:00. */
  static final Instant MONDAY_EARLY = Instant.parse("2026-03-02T05:00:00Z");
  static final String BOUNDARY = "----longhand-digest-links-7Qm2";

  @Parameter Db db;
  TestClock clock;
  GreenMail smtp;
  Config config;
  Longhand server;
  Team team;
  String space;

  @BeforeEach
  void start() {
    clock = new TestClock(MONDAY_EARLY);
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    config = TestServers.config(db).withMail(SmtpUrl.parse("smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "LONGHAND_SMTP_URL"), "");
    server = Longhand.start(config, clock);
    team = Team.on(server);
    space = team.createSpace(team.ana, "Launch", "public");
  }

  @AfterEach
  void stop() {
    server.close();
    smtp.stop();
    config.databaseUrl().ifPresent(Databases::drop);
  }

  private void settle() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
      server.dueWork().runDue();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.dueWork().overdue().count() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
  }

  @Test
  void aDigestMailLinksAnAttachedPictureAndOtherPagesByTheirFullAddress() throws Exception {
    String pricing = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Pricing page", "body", "Draft.")).text("id");
    String plan = team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", "Plan", "body", "Later.")).text("id");
    JsonNode file = upload(team.bo, "pricing-screen.png", png());
    String fileId = file.get("id").asText();
    assertThat(file.get("markdown").asText()).isEqualTo("![pricing-screen.png](/files/" + fileId + ")");
    clock.set(Instant.parse("2026-03-02T06:00:00Z"));
    var reply = team.bo.api().post("/api/v1/threads/" + pricing + "/replies", Map.of("body",
        "The new header:\n\n" + file.get("markdown").asText() + "\n\nIt follows [the plan](/threads/" + plan + ")."));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    settle();
    clock.set(Instant.parse("2026-03-02T09:00:00Z"));
    settle();

    MimeMessage digest = digestMailTo(team.ana.email());
    String base = server.baseUrl();
    assertThat(base).matches("https?://[^/]+");
    String text = part(digest, "text/plain");
    String html = part(digest, "text/html");
    assertThat(text).contains("The new header: pricing-screen.png (" + base + "/files/" + fileId + ") It follows the plan ("
        + base + "/threads/" + plan + ").");
    assertThat(html).contains("<a href=\"" + base + "/files/" + fileId + "\">pricing-screen.png</a>",
        "<a href=\"" + base + "/threads/" + plan + "\">the plan</a>");
    assertThat(text).doesNotContain("(/files/", "(/threads/");
    assertThat(html).doesNotContain("href=\"/", "src=\"/", "<img");
  }

  private MimeMessage digestMailTo(String email) throws Exception {
    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    for (int i = 0; i < 100; i++) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (m.getSubject().startsWith("Your Longhand digest") && Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(email))) {
          return m;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no digest mail to " + email);
  }

  /** The text of the message's part of this type (the mail is multipart/alternative: text and HTML). */
  private static String part(Part p, String type) throws Exception {
    if (p.isMimeType(type)) return (String) p.getContent();
    if (p.getContent() instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        String found = part(mp.getBodyPart(i), type);
        if (found != null) return found;
      }
    }
    return null;
  }

  private static byte[] png() throws Exception {
    BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** Uploads a file to the space as the person's API client does (multipart, with their token). */
  private JsonNode upload(Team.Person who, String name, byte[] content) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
        + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/spaces/" + space + "/files"))
        .header("Authorization", "Bearer " + who.token()).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new ObjectMapper().readTree(r.body());
  }
}
