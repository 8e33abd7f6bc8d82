package dev.longhand.mailin;

import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.thread.ThreadService;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in replies by email, whichever way they came (the SMTP listener, the IMAP poller): checks the reply address,
 * leaves out what a program sent, and posts the reply's text as that person in that thread through the thread
 * feature's own reply path ({@link ThreadService#addReplyIn}), which checks at that moment that they may still read
 * and write there, notifies, and is indexed for search. The message's key is written in the reply's transaction, so the
 * same message delivered twice posts once. Every outcome other than a post is logged and counted ({@link #counts}).
 */
public final class MailInService {
  private static final Logger log = LoggerFactory.getLogger(MailInService.class);
  /** The longest reply posted, as the API's limit for a reply's body. */
  static final int BODY_MAX = 50_000;

  /** What became of a reply address or a message. */
  public enum Outcome {
    /** Posted in its thread. */
    POSTED,
    /** Posted before (the same Message-ID): nothing posted again. */
    DUPLICATE,
    /** Not a reply address of this server: another local part or domain. */
    NOT_OURS,
    /** A reply address whose signature does not check: tampered with, or another server's. */
    FORGED,
    /** A genuine reply address whose time ran out. */
    EXPIRED,
    /** Signed by us for a person this server does not know. */
    UNKNOWN_PERSON,
    /** The person may no longer read or write in the thread (or it is gone), or the text was refused. */
    REFUSED,
    /** Sent by a program on its own (out of office, a bounce). */
    AUTOMATIC,
    /** Nothing left once quotes and signatures are left out. */
    EMPTY,
    /** Not now (slow mode, the database away): the sender should try again later. */
    LATER;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private final Database db;
  private final Clock clock;
  private final ReplyTokens tokens;
  private final ThreadService threads;
  private final MailInStore store = new MailInStore();
  private final Map<Outcome, AtomicLong> counts = new EnumMap<>(Outcome.class);

  public MailInService(Database db, Clock clock, ReplyTokens tokens, ThreadService threads) {
    this.db = db;
    this.clock = clock;
    this.tokens = tokens;
    this.threads = threads;
    for (Outcome o : Outcome.values()) counts.put(o, new AtomicLong());
  }

  /** How many addresses and messages came to each outcome since start, by the outcome's label ("forged", ...). */
  public Map<String, AtomicLong> counts() {
    Map<String, AtomicLong> out = new java.util.LinkedHashMap<>();
    counts.forEach((o, n) -> out.put(o.label(), n));
    return out;
  }

  /** Checks a recipient: a valid reply address of ours, or why not (forged and expired ones are logged and counted). */
  ReplyTokens.Check address(String recipient, String from) {
    ReplyTokens.Check check = tokens.check(recipient);
    switch (check) {
      case ReplyTokens.Check.Forged f -> {
        count(Outcome.FORGED);
        log.warn("reply by email: a forged or foreign reply address {} (from {}); nothing posted", recipient, from);
      }
      case ReplyTokens.Check.Expired e -> {
        count(Outcome.EXPIRED);
        log.info("reply by email: the reply address of person {} for thread {} has expired (from {}); nothing posted",
            e.accountId(), e.threadId(), from);
      }
      case ReplyTokens.Check.NotOurs n -> {
        count(Outcome.NOT_OURS);
        log.debug("reply by email: {} is not a reply address of ours (from {})", recipient, from);
      }
      case ReplyTokens.Check.Valid v -> { }
    }
    return check;
  }

  /** Posts a received mail as {@code to.accountId()}'s reply in {@code to.threadId()}, unless one of the rules says otherwise. */
  Outcome receive(ReplyTokens.Check.Valid to, InboundMail mail) {
    if (mail.automatic()) return outcome(Outcome.AUTOMATIC, to, mail, "sent by a program on its own");
    String body = mail.text().replace("\u0000", "");
    if (body.isBlank()) return outcome(Outcome.EMPTY, to, mail, "nothing left without quotes and signature");
    if (body.length() > BODY_MAX) return outcome(Outcome.REFUSED, to, mail, "longer than " + BODY_MAX + " characters");
    try {
      return db.write(h -> {
        if (store.handled(h, mail.messageKey())) return outcome(Outcome.DUPLICATE, to, mail, "posted before");
        if (!store.accountExists(h, to.accountId())) return outcome(Outcome.UNKNOWN_PERSON, to, mail, "no such person here");
        long workspace = threads.accessIn(h, to.accountId(), to.threadId()).workspaceId();
        var posted = threads.addReplyIn(h, to.accountId(), to.threadId(), body);
        store.insertHandled(h, mail.messageKey(), workspace, to.threadId(), to.accountId(), posted.id(), clock.millis());
        return outcome(Outcome.POSTED, to, mail, "reply " + posted.id());
      });
    } catch (Problem p) {
      if (p.status() == 429 || p.status() == 503) return outcome(Outcome.LATER, to, mail, p.detail());
      return outcome(Outcome.REFUSED, to, mail, p.status() + " " + p.detail());
    } catch (RuntimeException e) {
      // Two deliveries of one message at once: the second's key collides with the first's, which posted.
      if (db.read(h -> store.handled(h, mail.messageKey()))) return outcome(Outcome.DUPLICATE, to, mail, "posted meanwhile");
      log.warn("reply by email: could not post message {}: {}", mail.messageId(), e.toString());
      return outcome(Outcome.LATER, to, mail, e.getClass().getSimpleName());
    }
  }

  private Outcome outcome(Outcome o, ReplyTokens.Check.Valid to, InboundMail mail, String why) {
    count(o);
    if (o == Outcome.POSTED) {
      log.info("reply by email: message {} from {} posted as person {} in thread {} ({})", mail.messageId(), mail.from(),
          to.accountId(), to.threadId(), why);
    } else {
      log.info("reply by email: message {} from {} for person {} in thread {}: {} ({}); nothing posted", mail.messageId(),
          mail.from(), to.accountId(), to.threadId(), o.label(), why);
    }
    return o;
  }

  private void count(Outcome o) {
    counts.get(o).incrementAndGet();
  }
}
