package dev.longhand.mailin;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The embedded SMTP listener ({@code LONGHAND_SMTP_LISTEN}, SubEthaSMTP): the reply domain's MX, or the relay its mail
 * server forwards replies to. It takes only what it can handle, and says so in SMTP's own terms, so the sending server
 * tells its user rather than the reply vanishing:
 *
 * <ul>
 *   <li>RCPT: an address that is not one of our reply addresses is refused (550 5.1.1); a forged one (550 5.7.1) and
 *       an expired one (550 5.7.1, "reply on the web") too, logged and counted;
 *   <li>DATA: more than {@code LONGHAND_REPLY_MAX_SIZE} is refused (552); a reply its writer may no longer post is
 *       refused (550 5.7.1); slow mode or a database away asks to try later (451 4.3.0); a duplicate, an automatic
 *       answer and a reply with nothing of its own are accepted and dropped (logged).
 * </ul>
 */
final class SmtpListener implements AutoCloseable {
  private static final int MAX_RECIPIENTS = 10;
  private final SMTPServer server;
  private final MailInService service;
  private final long maxSize;
  private final Session session = Session.getInstance(new Properties());

  SmtpListener(InetSocketAddress at, String hostName, long maxSize, MailInService service) {
    this.service = service;
    this.maxSize = maxSize;
    this.server = new SMTPServer(Handler::new);
    server.setBindAddress(at.getAddress());
    server.setPort(at.getPort());
    server.setHostName(hostName);
    server.setSoftwareName("Longhand");
    server.setMaxMessageSize((int) Math.min(Integer.MAX_VALUE, maxSize)); // SIZE= in MAIL FROM is refused at once
    server.setMaxRecipients(MAX_RECIPIENTS);
    server.setMaxConnections(50);
    server.setConnectionTimeout(60_000);
    server.setDisableReceivedHeaders(true); // a message without a Message-ID keeps one key however often it comes
  }

  void start() {
    server.start();
  }

  @Override
  public void close() {
    if (server.isRunning()) server.stop();
  }

  /** One message of one SMTP session: MAIL, RCPT (each checked), DATA. */
  private final class Handler implements MessageHandler {
    private final List<ReplyTokens.Check.Valid> to = new ArrayList<>();
    private String from = "";

    Handler(MessageContext context) {}

    @Override
    public void from(String sender) {
      this.from = sender == null ? "" : sender;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      switch (service.address(recipient, from)) {
        case ReplyTokens.Check.Valid v -> to.add(v);
        case ReplyTokens.Check.Expired e ->
            throw new RejectException(550, "5.7.1 This reply address has expired: reply on the web page of the thread instead");
        case ReplyTokens.Check.Forged f -> throw new RejectException(550, "5.7.1 This reply address is not valid");
        case ReplyTokens.Check.NotOurs n -> throw new RejectException(550, "5.1.1 <" + recipient + ">: no such recipient here");
      }
    }

    @Override
    public void data(InputStream data) throws RejectException, TooMuchDataException, IOException {
      byte[] raw = readAtMost(data, maxSize);
      InboundMail mail;
      try {
        mail = InboundMail.parse(new MimeMessage(session, new ByteArrayInputStream(raw)), raw);
        if (from.isEmpty()) mail = mail.sentByAProgram(); // the null sender <>: a bounce or another automatic notice
      } catch (jakarta.mail.MessagingException e) {
        throw new RejectException(554, "5.6.0 The message could not be read: " + e.getMessage());
      }
      boolean later = false;
      boolean refused = false;
      for (ReplyTokens.Check.Valid v : to) {
        switch (service.receive(v, mail)) {
          case LATER -> later = true;
          case REFUSED, UNKNOWN_PERSON -> refused = true;
          default -> { }
        }
      }
      if (later) throw new RejectException(451, "4.3.0 The reply cannot be posted just now; try again later");
      if (refused) throw new RejectException(550, "5.7.1 The reply was not posted: you can no longer write in this thread");
    }

    @Override
    public void done() {}
  }

  /** The message, or 552 once it passes the limit (what was sent is read and dropped, so the session stays in step). */
  private static byte[] readAtMost(InputStream in, long max) throws IOException, RejectException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
      if (total > max) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        throw new RejectException(552, "5.3.4 The message is larger than this server takes (" + max + " bytes)");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
