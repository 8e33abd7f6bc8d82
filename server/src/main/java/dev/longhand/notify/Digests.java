package dev.longhand.notify;

import dev.longhand.account.WorkingTimeChanges;
import dev.longhand.due.ComposingHandler;
import dev.longhand.due.DueWork;
import dev.longhand.mail.Mail;
import dev.longhand.mail.Mailer;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Pipeline;
import dev.longhand.time.DeliveryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One digest per person per digest time: what happened in their spaces since the last one (new
 * threads, replies to threads they follow, asks waiting on them, ambient notifications), in-app and
 * by email, in HTML and plain text. Nothing when there is nothing. Each person has one pending
 * {@code digest} due item; running it schedules the next.
 */
public final class Digests {
  private static final Logger log = LoggerFactory.getLogger(Digests.class);
  static final String KIND = "digest";
  /** A first digest looks back at most this far. */
  static final Duration FIRST_LOOKBACK = Duration.ofDays(1);

  /** A made digest: its sections, for the page and the email, each with a few words for the subject line. */
  public record Section(String heading, List<DigestSource.Line> lines, String summary) {}

  public record Digest(long id, long accountId, long coversFrom, long coversTo, String subject, String text, String html,
      long createdAt) {}

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final DueWork due;
  private final Policies policies;
  private final NotificationService notifications;
  private final Mailer mailer;
  private final List<DigestSource> sources;
  private final DigestMail format;
  private final NotificationStore store = new NotificationStore();
  private final DigestStore digests = new DigestStore();

  public Digests(Database db, Ids ids, Clock clock, DueWork due, Policies policies, NotificationService notifications,
      Mailer mailer, List<DigestSource> sources, DigestMail format) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.due = due;
    this.policies = policies;
    this.notifications = notifications;
    this.mailer = mailer;
    this.sources = List.copyOf(sources);
    this.format = format;
  }

  public boolean emailEnabled() {
    return mailer.enabled();
  }

  /** Gives every workspace member without a pending digest one; run at start and when people join. */
  public void scheduleMissing() {
    db.writeAll(h -> {
      List<Long> missing = digests.withoutNextDigest(h);
      for (long account : missing) reschedule(h, account);
    });
  }

  /** Replaces the person's pending digest with one at their next digest time. */
  void reschedule(Handle h, long accountId) {
    due.cancel(h, KIND, accountId);
    Optional<Instant> next = policies.policy(h, accountId).nextDigest(clock.instant());
    policies.setNextDigest(h, accountId, next.map(Instant::toEpochMilli).orElse(null));
    next.ifPresent(at -> due.schedule(h, KIND, accountId, at, ""));
  }

  /**
   * What a person's digest read: their policy, since when it looked, the last of the ambient notifications it told
   * (in order: the oldest 100 waiting), and the letter (null when there was nothing to tell).
   */
  record Composed(DeliveryPolicy policy, Instant since, Optional<Notification> lastAmbient, Letter letter) {}

  /** A digest as written and, when it goes by email, the mail. */
  record Letter(String subject, String text, String html, long workspaceId, Mail mail) {}

  /**
   * What a batch of digests reads once for them all: each person's settings, delivery policy, address, first
   * workspace, undigested ambient notifications and each source's lines (a source with nothing at all in the batch's
   * widest period is asked nothing more).
   */
  record Batch(Map<Long, Policies.Settings> settings, Map<Long, DeliveryPolicy> policies, Map<Long, String> emails,
      Map<Long, Long> workspaces, Map<DigestSource, Map<Long, List<DigestSource.Line>>> lines,
      Map<Long, List<Notification>> ambient) {}

  /** The digest's due work: prepared and composed on a reader (on SQLite beside the writer), then written. */
  private final ComposingHandler<Batch, Composed> making = new ComposingHandler<>() {
    @Override
    public Batch prepare(Handle h, List<DueWork.Item> items, Instant now) {
      return Digests.this.prepare(h, items.stream().map(DueWork.Item::subjectId).distinct().toList(), now);
    }

    @Override
    public Composed compose(Handle h, DueWork.Item item, Batch batch, Instant now) {
      return Digests.this.compose(h, item.subjectId(), batch, now);
    }

    @Override
    public void apply(Handle h, DueWork.Item item, Composed composed, Instant now) {
      Digests.this.apply(h, item.subjectId(), composed, now);
    }
  };

  private Batch prepare(Handle h, List<Long> accountIds, Instant now) {
    Map<Long, Policies.Settings> settings = policies.settings(h, accountIds);
    Map<Long, DeliveryPolicy> policyOf = policies.policies(h, accountIds, settings);
    Map<Long, Instant> sinceOf = new java.util.HashMap<>();
    settings.forEach((person, s) -> sinceOf.put(person, since(s, now)));
    Instant earliest = sinceOf.values().stream().min(Instant::compareTo).orElse(now);
    Map<DigestSource, Map<Long, List<DigestSource.Line>>> lines = new java.util.LinkedHashMap<>();
    for (DigestSource source : sources) {
      if (!source.quietBetween(h, earliest, now)) lines.put(source, source.linesForEach(h, sinceOf, now));
    }
    return new Batch(settings, policyOf, mailer.enabled() ? store.emailsOf(h, accountIds) : Map.of(),
        digests.firstWorkspaces(h, accountIds), lines, store.undigested(h, accountIds, now.toEpochMilli(), db.dialect() == Database.Dialect.POSTGRESQL));
  }

  private static Instant since(Policies.Settings settings, Instant now) {
    return settings.lastDigestAt().map(Instant::ofEpochMilli).orElse(now.minus(FIRST_LOOKBACK));
  }

  private Composed compose(Handle h, long accountId, Batch batch, Instant now) {
    Policies.Settings settings = batch.settings().get(accountId);
    DeliveryPolicy policy = batch.policies().get(accountId);
    Instant since = since(settings, now);
    List<Section> sections = new ArrayList<>();
    batch.lines().forEach((source, byPerson) -> {
      List<DigestSource.Line> lines = byPerson.getOrDefault(accountId, List.of());
      if (!lines.isEmpty()) sections.add(new Section(source.heading(), lines, source.summary(lines)));
    });
    List<Notification> ambient = batch.ambient().getOrDefault(accountId, List.of());
    if (!ambient.isEmpty()) {
      sections.add(new Section("Also", ambient.stream()
          .map(n -> new DigestSource.Line(n.text(), n.path().isEmpty() ? "/notifications" : n.path())).toList(),
          DigestSource.count(ambient.size(), "other notification", "other notifications")));
    }
    Letter letter = sections.isEmpty() ? null : letter(accountId, since, now, sections, settings.emailDigests(), policy, batch);
    return new Composed(policy, since, ambient.isEmpty() ? Optional.empty() : Optional.of(ambient.getLast()), letter);
  }

  private Letter letter(long accountId, Instant since, Instant now, List<Section> sections, boolean email,
      DeliveryPolicy policy, Batch batch) {
    java.time.ZoneId zone = policy.calendar().zone();
    String subject = format.subject(sections);
    String text = format.text(subject, sections, since, now, zone, accountId);
    String html = format.html(subject, sections, since, now, zone, accountId);
    Mail mail = email && mailer.enabled()
        ? new Mail(batch.emails().get(accountId), subject, text, html).withReplyTo(format.replyTo(accountId, sections).orElse(null))
        : null;
    return new Letter(subject, text, html, batch.workspaces().getOrDefault(accountId, 0L), mail);
  }

  /** The digest's writes, in one pipeline: one round trip on PostgreSQL. */
  private void apply(Handle h, long accountId, Composed c, Instant now) {
    Pipeline p = db.pipeline(h);
    // One pending digest a person: any other (a reschedule racing this run) would tell the same news again, since a
    // batch read everyone's last digest before this one was written. First: a pipeline runs its inserts into a table
    // together, where the first one came, so a later DELETE would take the next digest scheduled below too.
    due.cancel(p, KIND, accountId);
    // Only those it told: beyond the oldest 100, the rest wait for the next digest rather than go untold.
    c.lastAmbient().ifPresent(last -> store.markDigested(p, accountId, last.createdAt(), last.id(), now.toEpochMilli()));
    Letter letter = c.letter();
    if (letter != null) {
      long id = ids.next();
      digests.insert(p, id, accountId, c.since().toEpochMilli(), now.toEpochMilli(), letter.subject(), letter.text(), letter.html(),
          now.toEpochMilli());
      notifications.deliverDigest(p, accountId, letter.workspaceId(), id, letter.subject());
      if (letter.mail() != null) mailer.queue(p, letter.mail());
      log.debug("digest {} for {}", id, accountId);
    }
    Optional<Instant> next = c.policy().nextDigest(now);
    policies.digestMade(p, accountId, now.toEpochMilli(), next.map(Instant::toEpochMilli).orElse(null));
    next.ifPresent(at -> due.schedule(p, KIND, accountId, at, ""));
    p.flush();
  }

  /**
   * A digest's HTML for its in-app page: the body of the email without its inline styles (the page's stylesheet
   * styles its classes; its content security policy would refuse them anyway).
   */
  public static String pageHtml(Digest d) {
    return d.html().replaceAll("(?s)^.*?<body[^>]*>", "").replaceAll("<p class=\"digest-reply\"[^>]*>.*?</p>", "").replaceAll("(?s)</body>.*$", "").replaceAll(" style=\"[^\"]*\"", "");
  }

  public List<Digest> recent(long accountId, int limit) {
    return db.read(h -> digests.recent(h, accountId, limit));
  }

  /** One of the person's own digests; empty for anyone else's. */
  public Optional<Digest> digest(long accountId, long digestId) {
    return db.read(h -> digests.digest(h, accountId, digestId));
  }

  public Optional<Instant> nextDigest(long accountId) {
    return Optional.ofNullable(db.read(h -> policies.settings(h, accountId).nextDigestAt().orElse(null))).map(Instant::ofEpochMilli);
  }

  /** The digest's due work: sending one when it falls due; Longhand registers them before due work starts. */
  public Map<String, DueWork.Handler> dueWork() {
    return Map.of(KIND, making, WorkingTimeChanges.KIND, this::workingTimeChanged);
  }

  /** Someone's hours, away days or holidays changed: their held notifications and next digest follow the new calendar. */
  private void workingTimeChanged(Handle h, DueWork.Item item, Instant now) {
    notifications.releaseHeld(h, item.subjectId());
    reschedule(h, item.subjectId());
  }
}
