package dev.longhand.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.config.SmtpUrl;
import dev.longhand.due.DueWork;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import dev.longhand.store.Pipeline;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email over SMTP (Angus Mail). {@link #queue} stores the mail as due work of kind {@value #KIND} in the caller's
 * transaction, so a write that rolls back sends nothing; the ticker sends it after commit, outside any transaction
 * (an {@link DueWork.ExternalHandler}), retrying with backoff while the SMTP server is unreachable or answers 4xx.
 *
 * <p>Delivery is at least once, not exactly once: SMTP and our database cannot commit together, so a crash after
 * the server accepted a mail but before its row is deleted sends it again after {@link DueWork#LEASE}. Losing mail
 * would be worse than a rare duplicate, and every attempt of one item carries the same Message-ID (made from the
 * item's id), so mail clients and servers that de-duplicate see one message.
 *
 * <p>A permanent refusal (5xx: no such recipient, message rejected) is not retried: it is logged and the item is
 * done, since trying again hourly would never succeed.
 */
public final class SmtpMailer implements Mailer {
  private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);
  public static final String KIND = "mail";
  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final SmtpUrl smtp;
  private final InternetAddress from;
  private final String messageIdDomain;
  private final Session session;
  private final DueWork due;
  private final Clock clock;
  private final ObjectMapper json;

  /**
   * Jakarta Mail 2.1 looks up its stream provider with a {@link java.util.ServiceLoader} for every body part it makes
   * (jakartaee/mail-api#699, #861): a scan of every jar on the class path, about half the cost of building a
   * digest's message. Naming the provider in the system property that lookup reads first makes it a class-name
   * lookup; a value set outside is kept.
   */
  static {
    if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
      System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  /** A bad From address fails here, at start, naming LONGHAND_MAIL_FROM. */
  public SmtpMailer(DueWork due, SmtpUrl smtp, String from, Clock clock, ObjectMapper json) {
    this.due = due;
    this.smtp = smtp;
    this.clock = clock;
    this.json = json;
    try {
      this.from = new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("LONGHAND_MAIL_FROM must be an email address such as longhand@example.com, not '" + from + "'");
    }
    String address = this.from.getAddress();
    this.messageIdDomain = address.substring(address.indexOf('@') + 1);
    this.session = Session.getInstance(properties(smtp, address));
  }

  private static Properties properties(SmtpUrl smtp, String envelopeFrom) {
    String p = "mail." + smtp.protocol() + ".";
    Properties props = new Properties();
    props.put("mail.transport.protocol", smtp.protocol());
    props.put(p + "host", smtp.host());
    props.put(p + "port", String.valueOf(smtp.port()));
    props.put(p + "from", envelopeFrom);
    props.put(p + "auth", String.valueOf(smtp.authenticates()));
    props.put(p + "starttls.enable", String.valueOf(smtp.startTls()));
    props.put(p + "starttls.required", String.valueOf(smtp.startTls()));
    props.put(p + "ssl.checkserveridentity", "true");
    // A slow or silent server fails the attempt (and it is retried) rather than stall the ticker.
    props.put(p + "connectiontimeout", "10000");
    props.put(p + "timeout", "30000");
    props.put(p + "writetimeout", "30000");
    return props;
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void queue(Handle h, Mail mail) {
    due.schedule(h, KIND, 0, clock.instant(), payload(mail));
  }

  @Override
  public void queue(Pipeline p, Mail mail) {
    due.schedule(p, KIND, 0, clock.instant(), payload(mail));
  }

  /** The mail as its due item's payload; one without a recipient, subject or text, or to a non-address, is refused. */
  private String payload(Mail mail) {
    if (mail.to() == null || mail.subject() == null || mail.text() == null) {
      throw new IllegalArgumentException("a mail needs a recipient, a subject and a plain text body");
    }
    try {
      new InternetAddress(mail.to(), true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("not an email address: " + mail.to());
    }
    try {
      return json.writeValueAsString(mail);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a mail could not be written as JSON", e);
    }
  }

  private void send(DueWork.Item item, Instant now) throws Exception {
    Mail mail = json.readValue(item.payload(), Mail.class);
    try (Transport transport = session.getTransport(smtp.protocol())) {
      // Connected first: while the server is down, a retry costs a refused connection, not a message built for nothing.
      connect(transport);
      MimeMessage message = message(item.id(), mail, now);
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException e) {
      if (!permanent(e)) throw e;
      log.error("the SMTP server refused mail {} to {} for good; not retrying it: {}", item.id(), mail.to(), e.getMessage());
    }
  }

  MimeMessage message(long itemId, Mail mail, Instant now) throws MessagingException {
    String messageId = "<" + itemId + ".longhand@" + messageIdDomain + ">";
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId); // the same on every attempt, so a repeat is recognisable
      }
    };
    message.setFrom(from);
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
    message.setSubject(mail.subject(), UTF_8);
    message.setSentDate(Date.from(now));
    message.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no vacation replies to notifications
    if (mail.replyTo() != null && !mail.replyTo().isBlank()) message.setReplyTo(InternetAddress.parse(mail.replyTo(), true));
    if (mail.calendar() != null && !mail.calendar().isBlank()) {
      // An invitation: text (and HTML) with the iCalendar part last, as calendar apps and mail clients expect.
      MimeMultipart parts = new MimeMultipart("alternative");
      MimeBodyPart text = new MimeBodyPart();
      text.setText(mail.text(), UTF_8);
      quotedPrintable(text);
      parts.addBodyPart(text);
      if (mail.html() != null && !mail.html().isBlank()) {
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), UTF_8, "html");
        quotedPrintable(html);
        parts.addBodyPart(html);
      }
      String method = mail.calendarMethod() == null ? "REQUEST" : mail.calendarMethod();
      MimeBodyPart ics = new MimeBodyPart();
      ics.setContent(mail.calendar(), "text/calendar; charset=UTF-8; method=" + method);
      ics.setHeader("Content-Type", "text/calendar; charset=UTF-8; method=" + method);
      parts.addBodyPart(ics);
      message.setContent(parts);
    } else if (mail.html() == null || mail.html().isBlank()) {
      message.setText(mail.text(), UTF_8);
      quotedPrintable(message);
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(mail.text(), UTF_8);
      quotedPrintable(text);
      MimeBodyPart html = new MimeBodyPart();
      html.setText(mail.html(), UTF_8, "html");
      quotedPrintable(html);
      message.setContent(new MimeMultipart("alternative", text, html)); // simplest first, as RFC 2046 asks
    }
    message.saveChanges();
    return message;
  }

  /**
   * Text in quoted-printable, said rather than found: left to itself Jakarta Mail reads every part through to choose
   * an encoding, most of the cost of building a digest's mail. Quoted-printable carries any text, and keeps ASCII as is.
   */
  private static void quotedPrintable(jakarta.mail.Part part) throws MessagingException {
    part.setHeader("Content-Transfer-Encoding", "quoted-printable");
  }

  /**
   * Connects, or throws {@link DueWork.Unavailable}: without a connection (refused, no route, wrong credentials) no
   * mail can go, so the others wait rather than each trying.
   */
  private void connect(Transport transport) throws DueWork.Unavailable {
    try {
      transport.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
    } catch (MessagingException e) {
      throw new DueWork.Unavailable("no connection to the mail server at " + smtp.host() + ":" + smtp.port(), e);
    }
  }

  /** A 5xx answer about the recipients or the message: retrying cannot help. Anything else (4xx, I/O) is retried. */
  private static boolean permanent(MessagingException e) {
    for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
      if (x instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500) return true;
      if (x instanceof SMTPSendFailedException s && s.getReturnCode() >= 500) return true;
    }
    return e instanceof SendFailedException s && s.getValidSentAddresses() == null && hasAny(s.getInvalidAddresses())
        && !hasAny(s.getValidUnsentAddresses());
  }

  private static boolean hasAny(Address[] addresses) {
    return addresses != null && addresses.length > 0;
  }

  /** Sending queued mail, outside any transaction; Longhand registers them before due work starts. */
  public Map<String, DueWork.ExternalHandler> externalDueWork() {
    return Map.of(KIND, this::send);
  }
}
