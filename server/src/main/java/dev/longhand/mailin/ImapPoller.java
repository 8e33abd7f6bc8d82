package dev.longhand.mailin;

import dev.longhand.config.ReplyMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the replies mailbox ({@code LONGHAND_IMAP_URL}) every {@code LONGHAND_IMAP_POLL}: each unread message is handed
 * to {@link MailInService} under the first reply address among its To, Cc, Delivered-To, X-Original-To and
 * Envelope-To. A message that was dealt with (posted, or refused for good: forged, expired, refused, automatic, empty,
 * duplicate) is deleted; one that names no reply address of ours is marked read and left for a person; one that
 * should wait (slow mode, the database away) is left unread for the next round. A mailbox that cannot be reached is
 * logged and tried again next round.
 */
final class ImapPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);
  private final ReplyMail.Imap imap;
  private final Duration every;
  private final long maxSize;
  private final MailInService service;
  private final Session session;
  private final Thread thread;
  private volatile boolean closed;

  ImapPoller(ReplyMail.Imap imap, Duration every, long maxSize, MailInService service) {
    this.imap = imap;
    this.every = every;
    this.maxSize = maxSize;
    this.service = service;
    String p = "mail." + imap.protocol() + ".";
    Properties props = new Properties();
    props.put(p + "connectiontimeout", "10000");
    props.put(p + "timeout", "30000");
    props.put(p + "ssl.checkserveridentity", "true");
    this.session = Session.getInstance(props);
    this.thread = Thread.ofVirtual().name("mailin-imap").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  private void run() {
    while (!closed) {
      try {
        poll();
      } catch (MessagingException | RuntimeException e) {
        if (closed) return; // interrupted by close
        log.warn("reply by email: cannot read the mailbox {}: {}", imap, e.toString());
      }
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One round: every unread message of the folder, then the folder closed with the handled ones expunged. */
  int poll() throws MessagingException {
    int handled = 0;
    try (Store store = session.getStore(imap.protocol())) {
      store.connect(imap.host(), imap.port(), imap.user(), imap.password());
      Folder folder = store.getFolder(imap.folder());
      folder.open(Folder.READ_WRITE);
      try {
        for (Message m : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
          if (closed) break;
          handled += handle(m) ? 1 : 0;
        }
      } finally {
        folder.close(true);
      }
    }
    return handled;
  }

  private boolean handle(Message m) throws MessagingException {
    if (m.getSize() > maxSize) {
      log.info("reply by email: message {} in the mailbox is larger than {} bytes; left there, marked read", m.getMessageNumber(), maxSize);
      m.setFlag(Flags.Flag.SEEN, true);
      return false;
    }
    InboundMail mail;
    try {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      m.writeTo(raw);
      byte[] bytes = raw.toByteArray();
      mail = InboundMail.parse(new MimeMessage(session, new ByteArrayInputStream(bytes)), bytes);
    } catch (java.io.IOException | MessagingException e) {
      log.info("reply by email: message {} in the mailbox could not be read ({}); left there, marked read", m.getMessageNumber(), e.toString());
      m.setFlag(Flags.Flag.SEEN, true);
      return false;
    }
    ReplyTokens.Check.Valid to = null;
    boolean refusedAddress = false;
    for (String recipient : mail.recipients()) {
      ReplyTokens.Check check = service.address(recipient, mail.from());
      if (check instanceof ReplyTokens.Check.Valid v) {
        to = v;
        break;
      }
      refusedAddress |= !(check instanceof ReplyTokens.Check.NotOurs);
    }
    if (to == null) {
      if (refusedAddress) m.setFlag(Flags.Flag.DELETED, true); // forged or expired: logged and counted, nothing posted
      else m.setFlag(Flags.Flag.SEEN, true); // not a reply: left for a person
      return refusedAddress;
    }
    if (service.receive(to, mail) == MailInService.Outcome.LATER) {
      m.setFlag(Flags.Flag.SEEN, false);
      return false;
    }
    m.setFlag(Flags.Flag.DELETED, true);
    return true;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
