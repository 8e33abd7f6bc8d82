package dev.longhand.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.longhand.Longhand;
import dev.longhand.config.Config;
import dev.longhand.config.SmtpUrl;
import dev.longhand.testkit.Databases;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A server started with LONGHAND_SMTP_URL sends queued mail by itself: the ticker runs and is woken by the commit. */
@ParameterizedClass
@EnumSource(Db.class)
class ServerMailTest {
  @Parameter Db db;

  @Test
  void aServerWithAnSmtpUrlSendsQueuedMailOnItsOwn() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Config config = TestServers.config(db);
    try (Longhand server = Longhand.start(
        config.withMail(SmtpUrl.parse("smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "LONGHAND_SMTP_URL"), ""),
        Clock.systemUTC())) {
      assertThat(server.mailer().enabled()).isTrue();
      server.database().writeAll(h -> server.mailer().queue(h, new Mail("ana@example.test", "Welcome", "Hello Ana.", null)));

      assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
      MimeMessage received = smtp.getReceivedMessages()[0];
      assertThat(received.getSubject()).isEqualTo("Welcome");
      assertThat(received.getFrom()[0].toString()).isEqualTo("longhand@localhost");
    } finally {
      smtp.stop();
      config.databaseUrl().ifPresent(Databases::drop);
    }
  }

  @Test
  void aServerWithoutAnSmtpUrlHasEmailOff() {
    assertThat(TestServers.get(db).mailer().enabled()).isFalse();
  }
}
