package dev.longhand.mailin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.config.Config;
import dev.longhand.config.ReplyMail;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of reply by email, from the environment: off by default, and a bad value names its variable. */
class ReplySettingsTest {
  @Test
  void offUnlessAListenerOrAMailboxIsSet() {
    ReplyMail off = Config.fromEnvironment(Map.of()).replyMail();
    assertThat(off.enabled()).isFalse();
    assertThat(off.ttl()).isEqualTo(Duration.ofDays(30));
    assertThat(off.maxSize()).isEqualTo(10L * 1024 * 1024);
  }

  @Test
  void readsTheListenerTheMailboxAndTheAddress() {
    ReplyMail on = Config.fromEnvironment(Map.of("LONGHAND_SMTP_LISTEN", "0.0.0.0:2525",
        "LONGHAND_IMAP_URL", "imaps://replies%40acme.example:p%40ss@imap.acme.example/Replies", "LONGHAND_IMAP_POLL", "30s",
        "LONGHAND_REPLY_ADDRESS", "reply@replies.acme.example", "LONGHAND_REPLY_TTL", "7d", "LONGHAND_REPLY_MAX_SIZE", "2MB")).replyMail();
    assertThat(on.enabled()).isTrue();
    assertThat(on.listen().orElseThrow().getPort()).isEqualTo(2525);
    ReplyMail.Imap imap = on.imap().orElseThrow();
    assertThat(imap).extracting(ReplyMail.Imap::tls, ReplyMail.Imap::host, ReplyMail.Imap::port, ReplyMail.Imap::user,
        ReplyMail.Imap::password, ReplyMail.Imap::folder).containsExactly(true, "imap.acme.example", 993, "replies@acme.example", "p@ss", "Replies");
    assertThat(imap.toString()).doesNotContain("p@ss");
    assertThat(on.imapPoll()).isEqualTo(Duration.ofSeconds(30));
    assertThat(on.address()).isEqualTo("reply@replies.acme.example");
    assertThat(on.ttl()).isEqualTo(Duration.ofDays(7));
    assertThat(on.maxSize()).isEqualTo(2L * 1024 * 1024);
  }

  @Test
  void aBadValueNamesItsVariable() {
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_SMTP_LISTEN", "2525"))).hasMessageContaining("LONGHAND_SMTP_LISTEN");
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_SMTP_LISTEN", "0.0.0.0:70000"))).hasMessageContaining("LONGHAND_SMTP_LISTEN");
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_IMAP_URL", "http://x/INBOX"))).hasMessageContaining("LONGHAND_IMAP_URL");
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_IMAP_URL", "imaps://host/INBOX"))).hasMessageContaining("user name");
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_REPLY_ADDRESS", "reply+x@acme.example")))
        .hasMessageContaining("LONGHAND_REPLY_ADDRESS");
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LONGHAND_REPLY_TTL", "soon"))).hasMessageContaining("LONGHAND_REPLY_TTL");
  }
}
