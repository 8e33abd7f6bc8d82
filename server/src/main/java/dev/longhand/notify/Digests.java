package dev.longhand.notify;

import dev.longhand.account.WorkingTimeChanges;
import dev.longhand.due.DueWork;
import dev.longhand.mail.Mail;
import dev.longhand.mail.Mailer;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
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

  private void run(Handle h, DueWork.Item item, Instant now) {
    long accountId = item.subjectId();
    Policies.Settings settings = policies.settings(h, accountId);
    DeliveryPolicy policy = policies.policy(h, accountId, settings);
    Instant since = settings.lastDigestAt().map(Instant::ofEpochMilli).orElse(now.minus(FIRST_LOOKBACK));
    List<Section> sections = new ArrayList<>();
    for (DigestSource source : sources) {
      List<DigestSource.Line> lines = source.linesFor(h, accountId, since, now);
      if (!lines.isEmpty()) sections.add(new Section(source.heading(), lines, source.summary(lines)));
    }
    List<Notification> ambient = store.undigested(h, accountId, now.toEpochMilli());
    if (!ambient.isEmpty()) {
      sections.add(new Section("Also", ambient.stream()
          .map(n -> new DigestSource.Line(n.text(), n.path().isEmpty() ? "/notifications" : n.path())).toList(),
          DigestSource.count(ambient.size(), "other notification", "other notifications")));
      store.markDigested(h, accountId, now.toEpochMilli(), now.toEpochMilli());
    }
    if (!sections.isEmpty()) make(h, accountId, since, now, sections, settings.emailDigests(), policy);
    Optional<Instant> next = policy.nextDigest(now);
    policies.digestMade(h, accountId, now.toEpochMilli(), next.map(Instant::toEpochMilli).orElse(null));
    next.ifPresent(at -> due.schedule(h, KIND, accountId, at, ""));
  }

  private void make(Handle h, long accountId, Instant since, Instant now, List<Section> sections, boolean email,
      DeliveryPolicy policy) {
    long id = ids.next();
    int count = sections.stream().mapToInt(s -> s.lines().size()).sum();
    java.time.ZoneId zone = policy.calendar().zone();
    String subject = format.subject(sections);
    String text = format.text(subject, sections, since, now, zone, accountId);
    String html = format.html(subject, sections, since, now, zone, accountId);
    digests.insert(h, id, accountId, since.toEpochMilli(), now.toEpochMilli(), subject, text, html, now.toEpochMilli());
    long workspace = digests.firstWorkspace(h, accountId);
    notifications.deliverDigest(h, accountId, workspace, id, subject);
    if (email && mailer.enabled()) {
      String to = store.emailOf(h, accountId);
      mailer.queue(h, new Mail(to, subject, text, html).withReplyTo(format.replyTo(accountId, sections).orElse(null)));
    }
    log.debug("digest {} for {} with {} lines", id, accountId, count);
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
    return Map.of(KIND, this::run, WorkingTimeChanges.KIND, this::workingTimeChanged);
  }

  /** Someone's hours, away days or holidays changed: their held notifications and next digest follow the new calendar. */
  private void workingTimeChanged(Handle h, DueWork.Item item, Instant now) {
    notifications.releaseHeld(h, item.subjectId());
    reschedule(h, item.subjectId());
  }
}
