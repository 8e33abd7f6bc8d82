package dev.longhand.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which thread a page address leads to, for the Reply-To of a mail that links it. */
class ReplyAddressesTest {
  @Test
  void aThreadsAddressLeadsToItsThread() {
    assertThat(ReplyAddresses.threadOf("/threads/12")).isEqualTo(12);
    assertThat(ReplyAddresses.threadOf("/threads/12/replies/34")).isEqualTo(12);
    assertThat(ReplyAddresses.threadOf("/threads/12#reply-3")).isEqualTo(12);
    assertThat(ReplyAddresses.threadOf("/threads/12?page=2")).isEqualTo(12);
    assertThat(ReplyAddresses.threadOf("/threads/9223372036854775807")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void anythingElseLeadsNowhere() {
    assertThat(ReplyAddresses.threadOf(null)).isZero();
    assertThat(ReplyAddresses.threadOf("")).isZero();
    assertThat(ReplyAddresses.threadOf("/threads/")).isZero();
    assertThat(ReplyAddresses.threadOf("/threads/12x")).isZero();
    assertThat(ReplyAddresses.threadOf("/threads/-12")).isZero();
    assertThat(ReplyAddresses.threadOf("/threads/١٢")).isZero(); // digits of another script
    assertThat(ReplyAddresses.threadOf("/threads/99999999999999999999")).isZero(); // 20 digits
    assertThat(ReplyAddresses.threadOf("/threads/9223372036854775808")).isZero(); // beyond a long
    assertThat(ReplyAddresses.threadOf("/documents/12")).isZero();
    assertThat(ReplyAddresses.threadOf("https://evil.example/threads/12")).isZero();
  }
}
