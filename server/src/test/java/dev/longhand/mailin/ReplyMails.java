package dev.longhand.mailin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** What the reply-by-email tests read from mail: its text and HTML parts, and what an SMTP server answered when it refused. */
final class ReplyMails {
  private ReplyMails() {}

  interface Sending {
    void send() throws Exception;
  }

  /** What the listener answered when it refused: every message of the exception chain. */
  static String refusal(Sending sending) {
    StringBuilder all = new StringBuilder();
    assertThatThrownBy(sending::send).isInstanceOf(MessagingException.class).satisfies(e -> {
      for (Exception x = (Exception) e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
        all.append(x.getMessage()).append('\n');
      }
    });
    return all.toString();
  }

  static String text(MimeMessage m) throws Exception {
    return part(m, "text/plain");
  }

  static String html(MimeMessage m) throws Exception {
    return part(m, "text/html");
  }

  private static String part(jakarta.mail.Part p, String type) throws Exception {
    if (p.isMimeType(type)) return (String) p.getContent();
    if (p.getContent() instanceof jakarta.mail.Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        String found = part(mp.getBodyPart(i), type);
        if (found != null) return found;
      }
    }
    return null;
  }
}
