package dev.longhand.mailin;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A received mail as reply by email needs it: a key that is the same however often it is delivered (the SHA-256 of
 * its Message-ID, else of its bytes), the addresses it was sent to (for IMAP, where the envelope is gone), who sent
 * it, whether a program sent it on its own (an out-of-office answer, a bounce), and the reply's own text: the
 * text/plain part, else the HTML part made text, with quoted mail and signatures left out ({@link ReplyText}).
 */
record InboundMail(String messageKey, String messageId, Set<String> recipients, String from, boolean automatic, String text) {
  private static final String[] RECIPIENT_HEADERS = {"To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"};

  static InboundMail parse(MimeMessage m, byte[] raw) throws MessagingException, IOException {
    String messageId = m.getMessageID() == null ? "" : m.getMessageID().strip();
    String key = sha256(messageId.isEmpty() ? raw : ("id:" + messageId).getBytes(StandardCharsets.UTF_8));
    Set<String> recipients = new LinkedHashSet<>();
    for (String header : RECIPIENT_HEADERS) {
      String[] values = m.getHeader(header);
      if (values == null) continue;
      for (String value : values) {
        try {
          for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
            if (a.getAddress() != null) recipients.add(a.getAddress().toLowerCase(Locale.ROOT));
          }
        } catch (MessagingException e) {
          // an unparsable header names no reply address
        }
      }
    }
    Address[] from = m.getFrom();
    String sender = from == null || from.length == 0 ? "" : from[0] instanceof InternetAddress ia ? ia.getAddress() : from[0].toString();
    String text = body(m);
    return new InboundMail(key, messageId, recipients, sender == null ? "" : sender, automatic(m, sender), text);
  }

  /** The same mail, known to be sent by a program (its envelope sender was empty). */
  InboundMail sentByAProgram() {
    return new InboundMail(messageKey, messageId, recipients, from, true, text);
  }

  /**
   * Sent by a program rather than a person (RFC 3834's Auto-Submitted, the older Precedence and X-Autoreply headers,
   * bounces from a mailer daemon): such mail is never posted, so an out-of-office answer does not land in a thread.
   */
  private static boolean automatic(MimeMessage m, String sender) throws MessagingException {
    String auto = m.getHeader("Auto-Submitted", ",");
    if (auto != null && !auto.strip().equalsIgnoreCase("no")) return true;
    String precedence = m.getHeader("Precedence", ",");
    if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) return true;
    if (m.getHeader("X-Autoreply") != null || m.getHeader("X-Autorespond") != null) return true;
    return sender != null && sender.toLowerCase(Locale.ROOT).matches("(mailer-daemon|postmaster)@.*");
  }

  /** The reply's own words: the first text/plain part that is not an attachment, else the first HTML part as text. */
  private static String body(Part message) throws MessagingException, IOException {
    List<Part> plain = new ArrayList<>();
    List<Part> html = new ArrayList<>();
    collect(message, plain, html, 0);
    if (!plain.isEmpty()) return ReplyText.strip(content(plain.getFirst()));
    if (!html.isEmpty()) return ReplyText.strip(HtmlText.text(content(html.getFirst())));
    return "";
  }

  private static void collect(Part p, List<Part> plain, List<Part> html, int depth) throws MessagingException, IOException {
    if (depth > 10 || Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) return;
    if (p.isMimeType("text/plain")) plain.add(p);
    else if (p.isMimeType("text/html")) html.add(p);
    else if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart part = mp.getBodyPart(i);
        collect(part, plain, html, depth + 1);
      }
    }
  }

  private static String content(Part p) throws MessagingException, IOException {
    Object c = p.getContent();
    if (c instanceof String s) return s;
    if (c instanceof InputStream in) {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
