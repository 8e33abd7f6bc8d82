package dev.longhand.mailin;

import dev.longhand.config.ReplyMail;
import dev.longhand.mail.ReplyAddresses;
import dev.longhand.store.Database;
import dev.longhand.thread.ThreadService;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reply by email as {@code Longhand} wires it: {@link #prepare} (before notifications are built: they sign reply
 * addresses) reads or makes the signing key when replies can come in at all, and {@link #start} (once threads exist)
 * opens the SMTP listener and starts the IMAP poller that the settings ask for. Off (neither set): no key, no
 * Reply-To on any mail, nothing listening.
 */
public final class MailIn implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MailIn.class);
  private final Database db;
  private final Clock clock;
  private final ReplyMail settings;
  private final Optional<ReplyTokens> tokens;
  private MailInService service;
  private SmtpListener listener;
  private ImapPoller poller;

  private MailIn(Database db, Clock clock, ReplyMail settings, Optional<ReplyTokens> tokens) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.tokens = tokens;
  }

  /** The key and addresses of reply by email, when the settings switch it on; {@code mailFrom} gives the default domain. */
  public static MailIn prepare(Database db, Clock clock, ReplyMail settings, String mailFrom) {
    if (!settings.enabled()) return new MailIn(db, clock, settings, Optional.empty());
    String base = settings.address().isEmpty() ? "reply@" + domainOf(mailFrom) : settings.address();
    return new MailIn(db, clock, settings, Optional.of(ReplyTokens.load(db, clock, settings.ttl(), base)));
  }

  private static String domainOf(String from) {
    try {
      String address = new InternetAddress(from, true).getAddress();
      return address.substring(address.indexOf('@') + 1);
    } catch (AddressException e) {
      throw new IllegalArgumentException("LONGHAND_MAIL_FROM must be an email address such as longhand@example.com, not '" + from + "'");
    }
  }

  /** What notification and digest mails ask for their Reply-To: {@link ReplyAddresses#OFF} when reply by email is off. */
  public ReplyAddresses addresses() {
    return tokens.<ReplyAddresses>map(t -> t).orElse(ReplyAddresses.OFF);
  }

  /** Opens the listener and starts the poller the settings ask for, posting through {@code threads}. */
  public void start(ThreadService threads) {
    if (tokens.isEmpty()) return;
    service = new MailInService(db, clock, tokens.get(), threads);
    String base = tokens.get().baseAddress();
    settings.listen().ifPresent(at -> {
      listener = new SmtpListener(at, base.substring(base.indexOf('@') + 1), settings.maxSize(), service);
      listener.start();
      log.info("Reply by email: listening for SMTP at {} for {}", at, base.replace("@", "+…@"));
    });
    settings.imap().ifPresent(imap -> {
      poller = new ImapPoller(imap, settings.imapPoll(), settings.maxSize(), service);
      poller.start();
      log.info("Reply by email: reading {} every {}", imap, settings.imapPoll());
    });
  }

  /** Replies by email by outcome since start, for {@code /metrics}; empty when reply by email is off. */
  public Map<String, AtomicLong> counts() {
    return service == null ? Map.of() : service.counts();
  }

  @Override
  public void close() {
    if (listener != null) listener.close();
    if (poller != null) poller.close();
  }
}
