package dev.longhand.mailin;

import static dev.longhand.mailin.ReplyMails.html;
import static dev.longhand.mailin.ReplyMails.refusal;
import static dev.longhand.mailin.ReplyMails.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.ReplyMail;
import dev.longhand.config.SmtpUrl;
import dev.longhand.notify.DigestMail;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.Team;
import dev.longhand.testkit.TestClock;
import dev.longhand.testkit.TestServers;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reply by email end to end, on a server of its own with a test clock, real SMTP and IMAP (GreenMail) and the embedded
 * listener: a notification mail about a thread carries a signed Reply-To; a reply sent to it by SMTP, or fetched from
 * the replies mailbox by IMAP, is posted as that person in that thread with the quote and signature left out (and
 * notifies, and is found by search); a forged, expired or foreign address, a person no longer in the space and the
 * same Message-ID twice post nothing.
 */
@ParameterizedClass
@EnumSource(Db.class)
class MailInTest {
  /** Wednesday 2 December 2026, 12:00 in Lisbon (UTC): Ana is at work, her next digest is at 15:00. */
  static final Instant WEDNESDAY_NOON = Instant.parse("2026-12-02T12:00:00Z");
  static final String REPLY = "reply\\+[a-z2-7]{53}@example\\.test";

  @Parameter Db db;
  TestClock clock;
  GreenMail mail;
  GreenMailUser mailbox;
  int listenPort;
  Config config;
  Longhand server;
  Team team;
  String space;
  int seen;

  @BeforeEach
  void start() throws Exception {
    clock = new TestClock(WEDNESDAY_NOON);
    mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    mail.start();
    mailbox = mail.setUser("reply@example.test", "replies", "secret");
    try (ServerSocket free = new ServerSocket(0)) {
      listenPort = free.getLocalPort();
    }
    config = TestServers.config(db)
        .withMail(SmtpUrl.parse("smtp://127.0.0.1:" + mail.getSmtp().getPort(), "LONGHAND_SMTP_URL"), "Longhand <longhand@example.test>")
        .withReplyMail(ReplyMail.OFF.withListen(new InetSocketAddress("127.0.0.1", listenPort))
            .withImap("imap://replies:secret@127.0.0.1:" + mail.getImap().getPort() + "/INBOX", Duration.ofMillis(200))
            .withMaxSize(200_000));
    server = Longhand.start(config, clock);
    team = Team.on(server);
    space = team.createSpace(team.ana, "Launch", "public");
  }

  @AfterEach
  void stop() {
    server.close();
    mail.stop();
    config.databaseUrl().ifPresent(Databases::drop);
  }

  @Test
  void aNotificationMailAboutAThreadCarriesASignedReplyTo() throws Exception {
    String thread = thread("Launch date", "When do we launch?");
    MimeMessage urgent = urgentMailTo(team.bo, thread);
    String replyTo = ((InternetAddress) urgent.getReplyTo()[0]).getAddress();
    assertThat(replyTo).matches(REPLY);
    assertThat(replyTo.length() - "@example.test".length()).as("a local part fits SMTP's 64 characters").isLessThanOrEqualTo(64);
    assertThat(text(urgent)).contains(DigestMail.REPLY_BY_EMAIL);
    assertThat(urgent.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");

    // About no thread: nowhere to reply to, so the mail's Reply-To is its From, as before.
    var sent = team.ana.api().post("/api/v1/notifications/urgent", Map.of("to", team.cy.id(), "workspaceId", team.workspaceId,
        "reason", "The server room is flooding"));
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    MimeMessage aboutNothing = mailTo(team.cy, "Urgent:");
    assertThat(aboutNothing.getHeader("Reply-To")).isNull();
    assertThat(text(aboutNothing)).doesNotContain(DigestMail.REPLY_BY_EMAIL);
  }

  @Test
  void aReplySentToTheListenerIsPostedAsThatPersonWithoutQuoteAndSignature() throws Exception {
    String thread = thread("Launch date", "When do we launch?");
    String address = replyAddress(team.bo, thread);
    sendSmtp(address, team.bo.email(), "<r1@mail.example.test>", """
        Thursday works for me, marmalade included.

        Bo

        --\s
        Bo Kim · Seoul

        On Wed, Dec 2, 2026 at 9:00 PM Longhand <%s> wrote:
        > Ana sent an urgent notification about “Launch date”
        """.formatted(address));

    JsonNode reply = lastReply(team.ana, thread);
    assertThat(reply.get("body").asText()).isEqualTo("Thursday works for me, marmalade included.\n\nBo");
    assertThat(reply.get("author").get("id").asText()).isEqualTo(team.bo.id());

    // Through the normal reply path: the thread's author is told, and search finds it.
    assertThat(server.dispatcher().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
    JsonNode centre = team.ana.api().get("/api/v1/notifications").json();
    assertThat(centre.get("delivered").findValuesAsText("kind")).contains("reply");
    assertThat(team.ana.api().get("/api/v1/search?q=marmalade").body()).contains(thread);
    assertThat(metrics()).contains("longhand_mail_replies_total{outcome=\"posted\"} 1.0");
  }

  @Test
  void aReplyInTheImapMailboxIsFetchedPostedAndDeleted() throws Exception {
    String thread = thread("Venue", "Lisbon or Porto?");
    String address = replyAddress(team.cy, thread);
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress(team.cy.email()));
    m.setRecipients(Message.RecipientType.TO, address);
    m.setSubject("Re: Venue");
    m.setHeader("Message-ID", "<imap-1@mail.example.test>");
    m.setContent("<div dir=\"ltr\">Porto, <b>definitely</b>.</div><div class=\"gmail_quote\">On Wed, Dec 2, 2026 Longhand wrote:"
        + "<blockquote class=\"gmail_quote\">Ana sent an urgent notification</blockquote></div>", "text/html; charset=UTF-8");
    m.saveChanges();
    mailbox.deliver(m);

    JsonNode reply = awaitReply(team.ana, thread, 1);
    assertThat(reply.get("body").asText()).isEqualTo("Porto, definitely.");
    assertThat(reply.get("author").get("id").asText()).isEqualTo(team.cy.id());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (inboxCount() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
    assertThat(inboxCount()).as("the handled message is deleted from the mailbox").isZero();
  }

  @Test
  void forgedExpiredAndForeignAddressesPostNothing() throws Exception {
    String thread = thread("Budget", "Numbers?");
    String address = replyAddress(team.bo, thread);
    int at = address.indexOf('@');
    char c = address.charAt(at - 10);
    String forged = address.substring(0, at - 10) + (c == 'a' ? 'b' : 'a') + address.substring(at - 9);
    assertThat(refusal(() -> sendSmtp(forged, team.bo.email(), "<f1@x.test>", "Forged."))).contains("550", "not valid");
    assertThat(refusal(() -> sendSmtp(address.replace("@example.test", "@elsewhere.test"), team.bo.email(), "<f2@x.test>", "Foreign.")))
        .contains("550", "no such recipient");
    assertThat(refusal(() -> sendSmtp("someone@example.test", team.bo.email(), "<f3@x.test>", "Not a reply.")))
        .contains("550", "no such recipient");

    clock.advance(ReplyMail.DEFAULT_TTL.plusHours(1));
    assertThat(refusal(() -> sendSmtp(address, team.bo.email(), "<e1@x.test>", "Too late."))).contains("550", "expired");

    assertThat(replies(team.ana, thread)).isEmpty();
    assertThat(metrics()).contains("longhand_mail_replies_total{outcome=\"forged\"} 1.0",
        "longhand_mail_replies_total{outcome=\"expired\"} 1.0", "longhand_mail_replies_total{outcome=\"posted\"} 0.0");
  }

  @Test
  void aPersonRemovedFromTheSpacePostsNothing() throws Exception {
    String secret = team.createSpace(team.ana, "Board", "private");
    assertThat(team.ana.api().post("/api/v1/spaces/" + secret + "/members", Map.of("accountId", team.bo.id())).status()).isEqualTo(201);
    String thread = team.ana.api().post("/api/v1/spaces/" + secret + "/threads", Map.of("title", "Salaries", "body", "Draft.")).text("id");
    String address = replyAddress(team.bo, thread);
    assertThat(team.ana.api().delete("/api/v1/spaces/" + secret + "/members/" + team.bo.id()).status()).isEqualTo(204);

    assertThat(refusal(() -> sendSmtp(address, team.bo.email(), "<gone@x.test>", "I still have opinions.")))
        .contains("550", "no longer write");
    assertThat(replies(team.ana, thread)).isEmpty();
  }

  @Test
  void theSameMessageDeliveredTwicePostsOnce() throws Exception {
    String thread = thread("Retro", "What went well?");
    String address = replyAddress(team.bo, thread);
    sendSmtp(address, team.bo.email(), "<twice@mail.example.test>", "The demo went well.");
    sendSmtp(address, team.bo.email(), "<twice@mail.example.test>", "The demo went well.");
    assertThat(replies(team.ana, thread)).hasSize(1);
    sendSmtp(address, team.bo.email(), "<third@mail.example.test>", "And the food.");
    assertThat(replies(team.ana, thread)).hasSize(2);
    assertThat(metrics()).contains("longhand_mail_replies_total{outcome=\"duplicate\"} 1.0");
  }

  @Test
  void theListenerRefusesAMessageAboveTheSizeLimitAndTakesAddressesInAnyCase() throws Exception {
    String thread = thread("Assets", "Logo files?");
    String address = replyAddress(team.bo, thread);
    String big = "x".repeat(80) + "\n";
    assertThat(refusal(() -> sendSmtp(address, team.bo.email(), "<big@x.test>", big.repeat(3_000)))).contains("552");
    assertThat(replies(team.ana, thread)).isEmpty();

    // Mail systems may change the case of an address: the token is base32, read in any case.
    sendSmtp(address.toUpperCase(java.util.Locale.ROOT), team.bo.email(), "<upper@x.test>", "Attached below, in one zip.");
    assertThat(lastReply(team.ana, thread).get("body").asText()).isEqualTo("Attached below, in one zip.");
  }

  @Test
  void aReplyAddressOutlivesARestartOfTheServer() throws Exception {
    String thread = thread("Roadmap", "Q1?");
    String address = replyAddress(team.bo, thread);
    server.close();
    server = Longhand.start(config, clock); // the same database: the signing key was stored, not kept in memory
    sendSmtp(address, team.bo.email(), "<after-restart@x.test>", "Q1 is fine.");
    JsonNode replies = new Api(server.baseUrl(), team.ana.token()).get("/api/v1/threads/" + thread).json().get("replies");
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).get("body").asText()).isEqualTo("Q1 is fine.");
    assertThat(replies.get(0).get("author").get("id").asText()).isEqualTo(team.bo.id());
  }

  @Test
  void anAutomaticAnswerPostsNothing() throws Exception {
    String thread = thread("Holidays", "Who is around?");
    String address = replyAddress(team.bo, thread);
    MimeMessage m = message(address, team.bo.email(), "<ooo@mail.example.test>", "I am out of the office until Monday.");
    m.setHeader("Auto-Submitted", "auto-replied");
    Transport.send(m);
    assertThat(replies(team.ana, thread)).isEmpty();
  }

  @Test
  void aDigestAboutOneThreadCarriesAReplyToAndEveryThreadLineAReplyLink() throws Exception {
    settle(); // Ana's digest at 15:00 is planned from her hours, set as the team was made
    String launch = thread("Launch", "Date?");
    assertThat(team.bo.api().post("/api/v1/threads/" + launch + "/replies", Map.of("body", "Thursday.")).status()).isEqualTo(201);
    settle();
    clock.set(Instant.parse("2026-12-02T15:00:00Z")); // Ana's digest time
    settle();
    MimeMessage one = mailTo(team.ana, "Your Longhand digest");
    String replyTo = ((InternetAddress) one.getReplyTo()[0]).getAddress();
    assertThat(replyTo).matches(REPLY);
    assertThat(html(one)).contains("href=\"mailto:" + replyTo + "\">Reply by email</a>");

    clock.set(Instant.parse("2026-12-02T15:30:00Z")); // after the digest: what follows is the next one's
    String venue = thread("Venue", "Where?");
    assertThat(team.bo.api().post("/api/v1/threads/" + launch + "/replies", Map.of("body", "Or Friday.")).status()).isEqualTo(201);
    assertThat(team.bo.api().post("/api/v1/threads/" + venue + "/replies", Map.of("body", "Porto.")).status()).isEqualTo(201);
    settle();
    clock.set(Instant.parse("2026-12-03T09:00:00Z")); // the next one
    settle();
    MimeMessage two = mailTo(team.ana, "Your Longhand digest");
    assertThat(two.getHeader("Reply-To")).as("a digest about two threads has no one thread to reply to").isNull();
    assertThat(html(two).split("Reply by email</a>", -1)).hasSize(3);
    assertThat(text(two).split("Reply by email: reply\\+", -1)).hasSize(3);

    // The reply address on Venue's line of the digest posts in Venue, as Ana.
    String venueLine = Arrays.stream(text(two).split("\r?\n\\* ")).filter(b -> b.startsWith("“Venue”")).findFirst().orElseThrow();
    String link = venueLine.lines().filter(l -> l.contains("Reply by email:")).findFirst().orElseThrow().replaceFirst(".*Reply by email: ", "");
    sendSmtp(link, team.ana.email(), "<digest-reply@mail.example.test>", "Porto it is.");
    assertThat(lastReply(team.ana, venue).get("body").asText()).isEqualTo("Porto it is.");
    assertThat(lastReply(team.ana, venue).get("author").get("id").asText()).isEqualTo(team.ana.id());
    assertThat(replies(team.ana, launch)).extracting(r -> r.get("body").asText()).doesNotContain("Porto it is.");
    assertThat(digestPage()).doesNotContain("mailto:", "Reply by email");
  }

  // --- helpers

  private String thread(String title, String body) {
    return team.ana.api().post("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", body)).text("id");
  }

  /** Ana sends the person an urgent notification about the thread; its mail's Reply-To is their reply address. */
  private String replyAddress(Team.Person to, String thread) throws Exception {
    return ((InternetAddress) urgentMailTo(to, thread).getReplyTo()[0]).getAddress();
  }

  private MimeMessage urgentMailTo(Team.Person to, String thread) throws Exception {
    var sent = team.ana.api().post("/api/v1/notifications/urgent", Map.of("to", to.id(), "threadId", thread, "reason", "Needs you now"));
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    return mailTo(to, "Urgent:");
  }

  /** The newest mail to the person whose subject starts so, not seen by an earlier call. */
  private MimeMessage mailTo(Team.Person to, String subject) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      MimeMessage[] all = mail.getReceivedMessages();
      for (int i = seen; i < all.length; i++) {
        MimeMessage m = all[i];
        if (m.getSubject().startsWith(subject) && Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(to.email()))) {
          seen = i + 1;
          return m;
        }
      }
      server.dueWork().runDue();
      Thread.sleep(50);
    }
    List<String> got = new java.util.ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) got.add(m.getSubject() + " → " + Arrays.toString(m.getAllRecipients()));
    throw new AssertionError("no mail '" + subject + "…' to " + to.email() + " after the first " + seen + "; got " + got);
  }

  private MimeMessage message(String to, String from, String messageId, String text) throws MessagingException {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(listenPort));
    MimeMessage m = new MimeMessage(Session.getInstance(props)) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    m.setFrom(new InternetAddress(from));
    m.setRecipients(Message.RecipientType.TO, to);
    m.setSubject("Re: your thread");
    m.setText(text, "UTF-8");
    m.saveChanges();
    return m;
  }

  /** Sends a real SMTP message to the embedded listener; it answers only once the reply is posted (or not). */
  private void sendSmtp(String to, String from, String messageId, String text) throws MessagingException {
    Transport.send(message(to, from, messageId, text));
  }

  private List<JsonNode> replies(Team.Person reader, String thread) {
    Api.Response r = reader.api().get("/api/v1/threads/" + thread);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> out = new java.util.ArrayList<>();
    r.json().get("replies").forEach(out::add);
    return out;
  }

  private JsonNode lastReply(Team.Person reader, String thread) {
    List<JsonNode> all = replies(reader, thread);
    assertThat(all).isNotEmpty();
    return all.getLast();
  }

  private JsonNode awaitReply(Team.Person reader, String thread, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (replies(reader, thread).size() < count && System.nanoTime() < deadline) Thread.sleep(50);
    assertThat(replies(reader, thread)).hasSize(count);
    return lastReply(reader, thread);
  }

  private int inboxCount() throws Exception {
    return mail.getManagers().getImapHostManager().getInbox(mailbox).getMessageCount();
  }

  /** Lets consumers and due work finish (the team's digests are planned by due work that follows their hours). */
  private void settle() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
      server.dueWork().runDue();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.dueWork().overdue().count() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
    server.dispatcher().awaitIdle(10, TimeUnit.SECONDS);
  }

  private String metrics() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** The newest digest's page, which shows the mail's HTML without its reply links. */
  private String digestPage() throws Exception {
    JsonNode centre = team.ana.api().get("/api/v1/notifications").json();
    String link = centre.get("delivered").findValuesAsText("link").stream().filter(l -> l.startsWith("/digests/")).findFirst().orElseThrow();
    var page = dev.longhand.testkit.WebSession.signedIn(server.baseUrl(), team.ana.email(), "correct horse battery").get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Venue");
    return page.body();
  }
}
