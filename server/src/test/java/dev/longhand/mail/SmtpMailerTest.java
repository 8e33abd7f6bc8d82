package dev.longhand.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.longhand.config.SmtpUrl;
import dev.longhand.due.DueWork;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestClock;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Mail queued in a transaction reaches a real SMTP server (GreenMail) after commit, and only then. */
@ParameterizedClass
@EnumSource(Db.class)
class SmtpMailerTest {
  private static final Map<Db, String> URLS = new EnumMap<>(Db.class);
  private static final Mail LAUNCH = new Mail("bo@example.test", "Résumé of “Launch plan” — 東京",
      "Ana replied to Launch plan.\n\nhttps://longhand.example.test/threads/1",
      "<p>Ana replied to <a href=\"https://longhand.example.test/threads/1\">Launch plan</a>.</p>");

  @Parameter Db dbKind;
  TestClock clock;
  Database db;
  DueWork due;
  SmtpMailer mailer;
  GreenMail smtpServer;
  int smtpPort;

  @BeforeEach
  void openQueueAndMailer() throws IOException {
    clock = new TestClock();
    db = Databases.open(URLS.computeIfAbsent(dbKind, Databases::freshUrl));
    db.writeAll(h -> h.execute("DELETE FROM due_work"));
    due = new DueWork(db, new Ids(clock, 1), clock);
    smtpPort = freePort();
    SmtpUrl url = SmtpUrl.parse("smtp://longhand:s3cret%40x@127.0.0.1:" + smtpPort + "?starttls=false", "LONGHAND_SMTP_URL");
    mailer = new SmtpMailer(due, url, "Longhand <longhand@longhand.example.test>", clock, new ObjectMapper());
    due.registerExternal(mailer.externalDueWork());
  }

  @AfterEach
  void close() {
    if (smtpServer != null) smtpServer.stop();
    due.close();
    db.close();
  }

  @AfterAll
  static void dropDatabases() {
    URLS.values().forEach(Databases::drop);
    URLS.clear();
  }

  @Test
  void aQueuedMailArrivesWithTextAndHtmlAfterTheTickerRuns() throws Exception {
    startSmtpServer();
    db.writeAll(h -> mailer.queue(h, LAUNCH));
    assertThat(smtpServer.getReceivedMessages()).isEmpty(); // queued, not sent in the write

    assertThat(due.runDue()).isEqualTo(1);
    assertThat(smtpServer.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage received = smtpServer.getReceivedMessages()[0];
    assertThat(received.getSubject()).isEqualTo(LAUNCH.subject());
    assertThat(received.getFrom()[0].toString()).isEqualTo("Longhand <longhand@longhand.example.test>");
    assertThat(received.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("bo@example.test");
    assertThat(received.getSentDate().toInstant()).isEqualTo(clock.instant());
    assertThat(received.getMessageID()).matches("<\\d+\\.longhand@longhand\\.example\\.test>");
    assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
    assertThat(received.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) received.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n")).isEqualTo(LAUNCH.text());
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
    assertThat(((String) parts.getBodyPart(1).getContent()).trim()).isEqualTo(LAUNCH.html());

    assertThat(due.runDue()).isZero();
    assertThat(smtpServer.getReceivedMessages()).hasSize(1);
  }

  /** Parts say their encoding (quoted-printable) rather than have it found by reading them; any text survives it. */
  @Test
  void textOutsideAsciiAndLongLinesArriveIntactInQuotedPrintable() throws Exception {
    startSmtpServer();
    String text = "Olá, Zoë — the café’s price = 8 € a seat. " + "A line longer than seventy-six characters ".repeat(4) + "\n日本語も。";
    String html = "<p style=\"margin:0\">Olá — <a href=\"https://longhand.example.test/threads/1?a=1&amp;b=2\">café</a> = 8 €</p>";
    db.writeAll(h -> mailer.queue(h, new Mail("bo@example.test", "Café at 8 €", text, html)));

    assertThat(due.runDue()).isEqualTo(1);
    assertThat(smtpServer.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage received = smtpServer.getReceivedMessages()[0];
    assertThat(received.getSubject()).isEqualTo("Café at 8 €");
    MimeMultipart parts = (MimeMultipart) received.getContent();
    assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
    assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n")).isEqualTo(text);
    assertThat(parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
    assertThat(((String) parts.getBodyPart(1).getContent()).trim()).isEqualTo(html);
  }

  @Test
  void aMailWithoutHtmlIsPlainText() throws Exception {
    startSmtpServer();
    db.writeAll(h -> mailer.queue(h, new Mail("cy@example.test", "Plain", "Only text.", null)));

    assertThat(due.runDue()).isEqualTo(1);
    assertThat(smtpServer.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage received = smtpServer.getReceivedMessages()[0];
    assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(((String) received.getContent()).trim()).isEqualTo("Only text.");
  }

  @Test
  void aMailQueuedInATransactionThatRollsBackIsNeverSent() {
    startSmtpServer();
    assertThatThrownBy(() -> db.writeAll(h -> {
      mailer.queue(h, LAUNCH);
      throw new IllegalStateException("the reply was refused");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(due.runDue()).isZero();
    assertThat(smtpServer.waitForIncomingEmail(300, 1)).isFalse();
  }

  @Test
  void whileTheSmtpServerIsDownTheMailWaitsAndArrivesOnceItIsBack() {
    db.writeAll(h -> mailer.queue(h, LAUNCH));
    assertThat(due.runDue()).isZero(); // connection refused: retried in a minute
    int attempts = db.read(h -> h.createQuery("SELECT attempts FROM due_work").mapTo(Integer.class).one());
    assertThat(attempts).isEqualTo(1);

    startSmtpServer();
    assertThat(due.runDue()).isZero(); // not yet due again
    clock.advance(Duration.ofMinutes(1));
    assertThat(due.runDue()).isEqualTo(1);
    assertThat(smtpServer.waitForIncomingEmail(5000, 1)).isTrue();
    assertThat(smtpServer.getReceivedMessages()).hasSize(1);
    int pending = db.read(h -> h.createQuery("SELECT COUNT(*) FROM due_work").mapTo(Integer.class).one());
    assertThat(pending).isZero();
  }

  /**
   * A mail server that refuses connections is tried once a pass, not once a mail: the first mail counts a failed
   * attempt, the others wait as long with none, and all arrive once it is back.
   */
  @Test
  void whileTheSmtpServerIsDownOneMailIsTriedAndTheOthersWaitUntried() {
    for (int i = 0; i < 5; i++) db.writeAll(h -> mailer.queue(h, LAUNCH));
    assertThat(due.runDue()).isZero();
    List<Integer> attempts = db.read(h -> h.createQuery("SELECT attempts FROM due_work ORDER BY attempts").mapTo(Integer.class).list());
    assertThat(attempts).containsExactly(0, 0, 0, 0, 1);
    long waitUntil = clock.instant().plus(Duration.ofMinutes(1)).toEpochMilli();
    List<Long> dueAt = db.read(h -> h.createQuery("SELECT due_at FROM due_work").mapTo(Long.class).list());
    assertThat(dueAt).containsOnly(waitUntil);

    startSmtpServer();
    clock.advance(Duration.ofMinutes(1));
    assertThat(due.runDue()).isEqualTo(5);
    assertThat(smtpServer.waitForIncomingEmail(5000, 5)).isTrue();
  }

  @Test
  void aMailToSomethingThatIsNotAnAddressIsRefusedWhenQueued() {
    assertThatThrownBy(() -> db.writeAll(h -> mailer.queue(h, new Mail("not an address", "Hi", "text", null))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an email address");
  }

  @Test
  void aBadFromAddressFailsAtStartNamingTheSetting() {
    SmtpUrl url = SmtpUrl.parse("smtp://127.0.0.1:" + smtpPort, "LONGHAND_SMTP_URL");
    assertThatThrownBy(() -> new SmtpMailer(new DueWork(db, new Ids(clock, 2), clock), url, "longhand at example", clock, new ObjectMapper()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LONGHAND_MAIL_FROM");
  }

  @Test
  void theDisabledMailerQueuesNothing() {
    Mailer off = new DisabledMailer();
    db.writeAll(h -> off.queue(h, LAUNCH));
    assertThat(off.enabled()).isFalse();
    assertThat(due.runDue()).isZero();
  }

  private void startSmtpServer() {
    smtpServer = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("longhand", "s3cret@x"));
    smtpServer.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
