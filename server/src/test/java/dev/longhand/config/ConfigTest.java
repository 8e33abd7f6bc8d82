package dev.longhand.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings from the environment; the SMTP URL in its accepted forms, and one clear line for a wrong one. */
class ConfigTest {

  @Test
  void withoutAnSmtpUrlEmailIsOff() {
    Config config = Config.fromEnvironment(Map.of());
    assertThat(config.smtpUrl()).isNull();
    assertThat(Config.fromEnvironment(Map.of("LONGHAND_SMTP_URL", "  ")).smtpUrl()).isNull();
  }

  @Test
  void smtpWithStartTlsAndAnEncodedPassword() {
    SmtpUrl url = smtp("smtp://ana%40acme.test:pa%3Ass%40w+rd@mail.example.com:587?starttls=true");
    assertThat(url).isEqualTo(new SmtpUrl(false, true, "mail.example.com", 587, "ana@acme.test", "pa:ss@w+rd"));
    assertThat(url.protocol()).isEqualTo("smtp");
    assertThat(url.authenticates()).isTrue();
  }

  @Test
  void smtpsIsTlsFromTheStartOnPort465() {
    assertThat(smtp("smtps://u:p@mail.example.com")).isEqualTo(new SmtpUrl(true, false, "mail.example.com", 465, "u", "p"));
    assertThat(smtp("SMTPS://mail.example.com:2465/").port()).isEqualTo(2465);
  }

  @Test
  void plainSmtpDefaultsToPort25AndNoTlsWithoutAPassword() {
    assertThat(smtp("smtp://localhost")).isEqualTo(new SmtpUrl(false, false, "localhost", 25, null, null));
  }

  @Test
  void aPasswordOverPlainSmtpRequiresStartTlsUnlessSwitchedOffOnPurpose() {
    assertThat(smtp("smtp://u:p@relay.internal:587").startTls()).isTrue();
    assertThat(smtp("smtp://u:p@relay.internal:587?starttls=false").startTls()).isFalse();
  }

  @Test
  void wrongUrlsAreRefusedWithOneLineNamingTheSettingButNotThePassword() {
    for (String[] wrong : new String[][] {
        {"http://u:hunter2@mail.example.com", "starts with 'http:'"},
        {"mail.example.com:587", "starts with 'mail.example.com:'"},
        {"smtp://u:hunter2@:587", "host is missing"},
        {"smtp://u:hunter2@mail.example.com:587?tls=yes", "'tls' is not an option"},
        {"smtp://u:hunter2@mail.example.com:587?starttls=maybe", "starttls must be true or false"},
        {"smtps://u:hunter2@mail.example.com?starttls=true", "applies only to smtp://"},
        {"smtp://u:hunter2@mail.example.com/inbox", "has a path"},
        {"smtp://u:hun ter2@mail.example.com", "not a valid URL"},
        {"smtp://u:hunter2%zz@mail.example.com", "not a valid URL"},
    }) {
      assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_SMTP_URL", wrong[0])))
          .as(wrong[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(wrong[1])
          .hasMessageNotContaining("hunter2")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void thePasswordIsNotShownWhenTheUrlIsPrinted() {
    assertThat(smtp("smtps://ana:hunter2@mail.example.com").toString())
        .isEqualTo("smtps://ana:***@mail.example.com:465")
        .doesNotContain("hunter2");
  }

  @Test
  void mailComesFromLonghandAtTheBaseUrlsHostUnlessSet() {
    assertThat(Config.fromEnvironment(Map.of("LONGHAND_BASE_URL", "https://longhand.acme.test/")).mailFromAddress())
        .isEqualTo("longhand@longhand.acme.test");
    assertThat(Config.fromEnvironment(Map.of()).mailFromAddress()).isEqualTo("longhand@localhost");
    assertThat(Config.fromEnvironment(Map.of("LONGHAND_MAIL_FROM", "Acme Longhand <team@acme.test>")).mailFromAddress())
        .isEqualTo("Acme Longhand <team@acme.test>");
    assertThat(Config.fromEnvironment(Map.of()).withOverrides(null, null, null, "https://lh.example.org").mailFromAddress())
        .isEqualTo("longhand@lh.example.org");
  }

  @Test
  void theOldConstructorStillMeansEmailOff() {
    Config config = new Config(0, Path.of("d"), Optional.empty(), "", "127.0.0.1", false);
    assertThat(config.smtpUrl()).isNull();
    assertThat(config.mailFrom()).isEmpty();
    SmtpUrl url = smtp("smtp://localhost");
    assertThat(config.withMail(url, "x@y.test").smtpUrl()).isEqualTo(url);
    assertThat(config.withMail(url, "x@y.test").withOverrides(1, null, null, null).smtpUrl()).isEqualTo(url);
  }

  @Test
  void webhookAllowIsAListOfRangesAndAWrongOneIsOneLineNamingTheSetting() throws Exception {
    assertThat(Config.fromEnvironment(Map.of()).webhookAllow()).isEmpty();
    var ranges = Config.fromEnvironment(Map.of("LONGHAND_WEBHOOK_ALLOW", " 127.0.0.1/32, 10.1.2.3/16 ,::1,fd00::/8")).webhookAllow();
    assertThat(ranges).extracting(Cidr::toString).containsExactly("127.0.0.1/32", "10.1.0.0/16", "0:0:0:0:0:0:0:1/128", "fd00:0:0:0:0:0:0:0/8");
    assertThat(ranges.get(1).contains(java.net.InetAddress.getByName("10.1.200.7"))).isTrue();
    assertThat(ranges.get(1).contains(java.net.InetAddress.getByName("10.2.0.1"))).isFalse();
    assertThat(ranges.get(0).contains(java.net.InetAddress.getByName("::ffff:127.0.0.1"))).isTrue(); // Java reads it as IPv4
    for (String wrong : new String[] {"localhost", "10.0.0.0/33", "::1/129", "10.0.0/8", "10.0.0.0/x", "example.com/8"}) {
      assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_WEBHOOK_ALLOW", wrong))).as(wrong)
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("LONGHAND_WEBHOOK_ALLOW").hasMessageNotContaining("\n");
    }
    Config config = new Config(0, Path.of("d"), Optional.empty(), "", "127.0.0.1", false).withWebhookAllow(ranges);
    assertThat(config.withMaxFile(1024).withOverrides(1, null, null, null).webhookAllow()).isEqualTo(ranges);
  }

  private static SmtpUrl smtp(String text) {
    return Config.fromEnvironment(Map.of("LONGHAND_SMTP_URL", text)).smtpUrl();
  }
}
