package dev.longhand.notify;

import dev.longhand.due.DueWork;
import dev.longhand.event.NotificationDelivered;
import dev.longhand.event.NotificationsRead;
import dev.longhand.event.ThreadRead;
import dev.longhand.http.Problem;
import dev.longhand.mail.Mail;
import dev.longhand.mail.Mailer;
import dev.longhand.mail.ReplyAddresses;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.store.Pipeline;
import dev.longhand.time.DeliveryPolicy;
import dev.longhand.time.WorkingRange;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Delivers notifications by each person's policy: {@code direct} ones now when they are in working
 * hours and outside focus, else held as due work until their next reachable moment (checked again
 * when it comes); {@code ambient} ones only into digests; {@code urgent} ones at once, with a
 * written reason, limited per sender and workspace per day.
 */
public final class NotificationService implements Notifications {
  static final String DELIVER = "deliver-notification";
  public static final int URGENT_LIMIT_MAX = 50;

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final DueWork due;
  private final Policies policies;
  private final WorkspaceService workspaces;
  private final NotificationStore store = new NotificationStore();
  private final Landings landings;
  private final Mailer mailer;
  private final Supplier<String> publicAddress;
  private final ReplyAddresses replyAddresses;
  private volatile List<NoticeSource> settledBy = List.of();

  /** Kinds that also go by email when delivered (for people who want email): asks, their nudges and answers, urgent ones. */
  static final Set<String> EMAILED = Set.of("ask", "ask-nudge", "ask-overdue", "ask-answered", "urgent");

  public NotificationService(Database db, Ids ids, Clock clock, Outbox outbox, DueWork due, Policies policies,
      WorkspaceService workspaces, Mailer mailer, Supplier<String> publicAddress) {
    this(db, ids, clock, outbox, due, policies, workspaces, mailer, publicAddress, ReplyAddresses.OFF);
  }

  /** As above; mails about a thread carry a signed Reply-To from {@code replyAddresses} (reply by email). */
  public NotificationService(Database db, Ids ids, Clock clock, Outbox outbox, DueWork due, Policies policies,
      WorkspaceService workspaces, Mailer mailer, Supplier<String> publicAddress, ReplyAddresses replyAddresses) {
    this.replyAddresses = replyAddresses;
    this.mailer = mailer;
    this.publicAddress = publicAddress;
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
    this.due = due;
    this.policies = policies;
    this.workspaces = workspaces;
    this.landings = new Landings(db, clock, policies, workspaces);
  }

  @Override
  public long notify(Handle h, Notice n) {
    return notify(h, n, 0);
  }

  /** As {@link #notify(Handle, Notice)}; a non-zero {@code sourceEvent} makes a replayed event notify only once. */
  long notify(Handle h, Notice n, long sourceEvent) {
    Batch batch = new Batch(h, store.notifiedFor(h, sourceEvent == 0 ? List.of() : List.of(sourceEvent)), new HashMap<>());
    long id = batch.notify(n, sourceEvent);
    batch.flush();
    return id;
  }

  /** What a batch of notices needs to know before it writes: what its events already told, its recipients' policies. */
  record Known(Set<NotificationStore.Told> told, Map<Long, DeliveryPolicy> policies) {}

  /**
   * Reads, once for a whole batch and outside its write, which of the events already told anyone and each
   * recipient's policy. A policy changed in the milliseconds between this read and the write applies from the
   * next batch, as if the change had come just after it.
   */
  Known known(Handle h, Collection<Long> sourceEvents, Collection<Long> recipients) {
    return new Known(store.notifiedFor(h, sourceEvents), policies.policies(h, recipients));
  }

  /**
   * Notices for many events in one transaction (the producer's batch), with what was {@link #known} of them;
   * their rows are queued on one pipeline, written by {@link Batch#flush}.
   */
  Batch batch(Handle h, Known known) {
    return new Batch(h, new HashSet<>(known.told()), new HashMap<>(known.policies()));
  }

  final class Batch {
    private final Handle h;
    private final Pipeline p;
    private final Set<NotificationStore.Told> told;
    private final Map<Long, DeliveryPolicy> policyOf;

    private Batch(Handle h, Set<NotificationStore.Told> told, Map<Long, DeliveryPolicy> policyOf) {
      this.h = h;
      this.p = db.pipeline(h);
      this.told = told;
      this.policyOf = policyOf;
    }

    /** Writes the notices queued so far; the batch's transaction must not end before. */
    void flush() {
      p.flush();
    }

    long notify(Notice n, long sourceEvent) {
      return notify(n, sourceEvent, clock.millis());
    }

    /**
     * As {@link #notify(Notice, long)}, for something that happened at {@code happenedAt} (its event's time, which
     * the notification keeps as its own whenever it is delivered); delivery is decided by the clock now.
     */
    long notify(Notice n, long sourceEvent, long happenedAt) {
      if (sourceEvent != 0 && !told.add(new NotificationStore.Told(sourceEvent, n.recipientId(), n.kind()))) return 0;
      long id = ids.next();
      long now = clock.millis();
      long created = Math.min(happenedAt, now);
      switch (n.level()) {
        case URGENT -> {
          store.insert(p, id, n, sourceEvent, created, now, now);
          announce(p, n.workspaceId(), n.recipientId(), id);
        }
        case AMBIENT -> store.insert(p, id, n, sourceEvent, created, null, null);
        case DIRECT -> {
          DeliveryPolicy policy = policyOf.computeIfAbsent(n.recipientId(), person -> policies.policy(h, person));
          Optional<Instant> at = policy.nextReachable(Instant.ofEpochMilli(now));
          if (at.isEmpty() || !at.get().isAfter(Instant.ofEpochMilli(now))) {
            // Reachable now, or never (no working hours set): nothing to hold it for.
            store.insert(p, id, n, sourceEvent, created, now, now);
            announce(p, n.workspaceId(), n.recipientId(), id);
          } else {
            store.insert(p, id, n, sourceEvent, created, at.get().toEpochMilli(), null);
            due.schedule(p, DELIVER, id, at.get(), "");
          }
        }
      }
      return id;
    }
  }

  /**
   * A held notification's moment came: deliver it, unless the person went into focus meanwhile (held again), or what
   * it is about was settled while it was held (dropped).
   */
  private void deliverHeld(Handle h, DueWork.Item item, Instant now) {
    Optional<Notification> found = store.byId(h, item.subjectId());
    if (found.isEmpty() || !found.get().held()) return;
    Notification n = found.get();
    Optional<Instant> at = policies.policy(h, n.recipientId()).nextReachable(now);
    if (at.isPresent() && at.get().isAfter(now)) {
      store.reschedule(h, n.id(), at.get().toEpochMilli());
      due.schedule(h, DELIVER, n.id(), at.get(), "");
      return;
    }
    release(h, n.recipientId(), List.of(n), now);
  }

  /**
   * Delivers held notifications whose moment came, each keeping its own time ({@code created_at}); those whose matter
   * was settled while they were held (the thread read since, the ask done), as the features' {@link NoticeSource}s
   * tell, are dropped instead: never delivered, never unread, kept so a replayed event does not make them again.
   */
  private void release(Handle h, long recipientId, List<Notification> held, Instant now) {
    Set<Long> settled = new HashSet<>();
    for (NoticeSource s : settledBy) settled.addAll(s.settled(h, recipientId, held));
    for (Notification n : held) {
      if (settled.contains(n.id())) {
        store.drop(h, n.id(), now.toEpochMilli());
      } else {
        store.markDelivered(h, n.id(), now.toEpochMilli());
        announceNow(h, n.workspaceId(), n.recipientId(), n.id());
      }
    }
  }

  /**
   * The features' notice sources, which tell which held notifications were settled while held; Longhand hands them
   * over once the features are built, before due work starts (this service is built before them: they notify).
   */
  public void settleWith(List<NoticeSource> sources) {
    this.settledBy = List.copyOf(sources);
  }

  /** A digest was made: it appears in the notification centre, delivered (digests come only at reachable times). */
  void deliverDigest(Pipeline p, long accountId, long workspaceId, long digestId, String subject) {
    long id = ids.next();
    long now = clock.millis();
    store.insert(p, id, new Notice(accountId, workspaceId, Level.AMBIENT, "digest", 0, 0, subject, ""), digestId, now, now, now);
    outbox.append(p, workspaceId, new NotificationDelivered(accountId, id)); // no email of its own: the digest queued its mail
  }

  /**
   * Holds were computed for a policy that changed (focus started or ended, settings saved, working hours, away days or
   * holidays changed): recompute them now. Reachable now: released (see {@link #release}); else held until the new
   * next reachable moment, earlier or later than planned.
   */
  void releaseHeld(Handle h, long accountId) {
    Instant now = clock.instant();
    List<Notification> held = store.held(h, accountId);
    if (held.isEmpty()) return;
    Optional<Instant> at = policies.policy(h, accountId).nextReachable(now);
    for (Notification n : held) due.cancel(h, DELIVER, n.id());
    if (at.isEmpty() || !at.get().isAfter(now)) {
      release(h, accountId, held, now);
      return;
    }
    for (Notification n : held) {
      store.reschedule(h, n.id(), at.get().toEpochMilli());
      due.schedule(h, DELIVER, n.id(), at.get(), "");
    }
  }

  /** Tells the person's open pages (an outbox event) and their email, once the notification is written. */
  private void announce(Pipeline p, long workspaceId, long recipient, long notificationId) {
    outbox.append(p, workspaceId, new NotificationDelivered(recipient, notificationId));
    if (mailer.enabled()) {
      p.flush(); // the email reads the notification
      email(p.handle(), notificationId);
    }
  }

  private void announceNow(Handle h, long workspaceId, long recipient, long notificationId) {
    Pipeline p = db.pipeline(h);
    announce(p, workspaceId, recipient, notificationId);
    p.flush();
  }

  /** Asks, nudges and urgent notifications also go by email, when delivered, to people who want email. */
  private void email(Handle h, long notificationId) {
    Notification n = store.byId(h, notificationId).orElse(null);
    if (n == null || !EMAILED.contains(n.kind()) || !policies.settings(h, n.recipientId()).emailDigests()) return;
    String to = store.emailOf(h, n.recipientId());
    String link = publicAddress.get().replaceAll("/+$", "") + (n.path().isEmpty() ? "/notifications" : n.path());
    String held = heldLine(h, n);
    Optional<String> replyTo = n.threadId() == 0 ? Optional.empty() : replyAddresses.forThread(n.recipientId(), n.threadId());
    String replyLine = replyTo.isEmpty() ? "" : DigestMail.REPLY_BY_EMAIL;
    String text = n.text() + (n.reason().isEmpty() ? "" : "\n\nWhy it is urgent: " + n.reason()) + held + "\n\n" + link + "\n"
        + (replyLine.isEmpty() ? "" : "\n" + replyLine + "\n");
    String html = "<p>" + DigestMail.escape(n.text()) + "</p>" + (held.isEmpty() ? "" : "<p>" + DigestMail.escape(held.strip()) + "</p>")
        + (n.reason().isEmpty() ? "" : "<blockquote>" + DigestMail.escape(n.reason()) + "</blockquote>")
        + "<p><a href=\"" + DigestMail.escape(link) + "\">Open it in Longhand</a></p>"
        + (replyLine.isEmpty() ? "" : "<p>" + DigestMail.escape(replyLine) + "</p>");
    String subject = (n.level() == Level.URGENT ? "Urgent: " : "") + n.text();
    mailer.queue(h, new Mail(to, subject.length() > 150 ? subject.substring(0, 149) + "…" : subject, text, html)
        .withReplyTo(replyTo.orElse(null)));
  }

  /** For a notification delivered after being held: when it happened, in the person's zone; else empty. */
  private String heldLine(Handle h, Notification n) {
    if (n.deliverAt().isEmpty() || n.deliveredAt().isEmpty() || n.deliveredAt().get() - n.createdAt() < 60_000) return "";
    var zone = policies.policy(h, n.recipientId()).calendar().zone();
    return "\n\nThis happened " + DigestMail.WHEN.format(Instant.ofEpochMilli(n.createdAt()).atZone(zone))
        + " your time; Longhand held it for your working hours.";
  }

  java.time.Clock clock() {
    return clock;
  }

  /** Where a message about to be posted would land for the people it notifies directly. */
  public Landings landings() {
    return landings;
  }

  // Urgent

  /** What an urgent notification says, and who sends it to whom. */
  public record Urgent(long senderId, long recipientId, long workspaceId, long threadId, String reason) {}

  public long sendUrgent(Urgent u) {
    String reason = u.reason() == null ? "" : u.reason().strip();
    if (reason.isEmpty()) throw Problem.invalid("reason", "An urgent notification needs a written reason: it interrupts someone's focus or evening.");
    if (reason.length() > 500) throw Problem.invalid("reason", "'reason' must be at most 500 characters.");
    if (u.senderId() == u.recipientId()) throw Problem.invalid("to", "You cannot send an urgent notification to yourself.");
    return db.write(h -> {
      long workspaceId = u.workspaceId();
      String about = "";
      if (u.threadId() != 0) {
        var thread = store.threadPlace(h, u.threadId()).orElseThrow(() -> Problem.notFound("thread"));
        Permissions.check(workspaces.accessSpace(h, u.senderId(), thread.spaceId()).role(), Action.SEND_URGENT);
        try {
          workspaces.accessSpace(h, u.recipientId(), thread.spaceId());
        } catch (Problem p) {
          throw Problem.invalid("to", "That person cannot read this thread.");
        }
        workspaceId = thread.workspaceId();
        about = " about “" + thread.title() + "”";
      } else {
        Permissions.check(workspaces.accessWorkspace(u.senderId(), workspaceId).role(), Action.SEND_URGENT);
        if (!store.isMember(h, workspaceId, u.recipientId())) throw Problem.invalid("to", "That person is not in this workspace.");
      }
      int limit = store.urgentPerDay(h, workspaceId);
      Instant now = clock.instant();
      var zone = policies.policy(h, u.senderId()).calendar().zone();
      long startOfDay = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
      int sent = store.urgentSentSince(h, u.senderId(), workspaceId, startOfDay);
      if (sent >= limit) {
        throw Problem.tooManyRequests("You have sent " + sent + " urgent notification" + (sent == 1 ? "" : "s")
            + " today; this workspace allows " + limit + " a day. Write in the thread instead: it will be read in their hours.");
      }
      String sender = store.nameOf(h, u.senderId()).orElse("Someone");
      return notify(h, new Notice(u.recipientId(), workspaceId, Level.URGENT, "urgent", u.threadId(), u.senderId(),
          sender + " sent an urgent notification" + about, reason));
    });
  }

  public List<Notification> urgentLog(long viewerId, long workspaceId) {
    requireAdmin(viewerId, workspaceId);
    return db.read(h -> store.urgentLog(h, workspaceId, 200));
  }

  public int urgentPerDay(long viewerId, long workspaceId) {
    workspaces.accessWorkspace(viewerId, workspaceId);
    return db.read(h -> store.urgentPerDay(h, workspaceId));
  }

  public void setUrgentPerDay(long viewerId, long workspaceId, int limit) {
    requireAdmin(viewerId, workspaceId);
    if (limit < 0 || limit > URGENT_LIMIT_MAX) {
      throw Problem.invalid("urgentPerDay", "'urgentPerDay' must be between 0 and " + URGENT_LIMIT_MAX + ".");
    }
    db.writeAll(h -> store.setUrgentPerDay(h, workspaceId, limit));
  }

  private void requireAdmin(long viewerId, long workspaceId) {
    Permissions.check(workspaces.accessWorkspace(viewerId, workspaceId).role(), Action.SEE_URGENT_LOG);
  }

  // The notification centre

  public record Centre(List<Notification> delivered, List<Notification> held, int unread) {}

  public Centre centre(long accountId) {
    return db.read(h -> new Centre(store.delivered(h, accountId, 100), store.held(h, accountId), store.unreadCount(h, accountId)));
  }

  /** One of the person's own notifications. */
  public Optional<Notification> one(long accountId, long notificationId) {
    return db.read(h -> store.byId(h, notificationId)).filter(n -> n.recipientId() == accountId);
  }

  public int unread(long accountId) {
    return db.read(h -> store.unreadCount(h, accountId));
  }

  /**
   * Opens one of the person's own notifications: marks it read, if it was delivered, and returns it, read, so its
   * page can be shown; "not found" for anyone else's, as for one that does not exist.
   */
  public Notification open(long accountId, long notificationId) {
    return db.write(h -> {
      Notification n = store.byId(h, notificationId).filter(x -> x.recipientId() == accountId)
          .orElseThrow(() -> Problem.notFound("notification"));
      long now = clock.millis();
      boolean changed = store.markRead(h, accountId, notificationId, now);
      // Notices about one thread are one entry of the centre: opening it reads them all.
      if (Grouping.groupable(n) && n.delivered()) changed |= store.markThreadRead(h, accountId, n.threadId(), now) > 0;
      if (changed) outbox.append(h, n.workspaceId(), new NotificationsRead(accountId));
      return store.byId(h, notificationId).orElseThrow();
    });
  }

  public int markAllRead(long accountId) {
    return db.write(h -> {
      int marked = store.markAllRead(h, accountId, clock.millis());
      if (marked > 0) outbox.append(h, 0, new NotificationsRead(accountId));
      return marked;
    });
  }

  /** A thread was read to its end (its page opened): its notices are read too, for each (person, thread). */
  void threadsRead(List<ThreadRead> read) {
    if (read.isEmpty()) return;
    db.writeAll(h -> {
      long now = clock.millis();
      Set<Long> changed = new java.util.LinkedHashSet<>();
      for (ThreadRead r : read) if (store.markThreadRead(h, r.accountId(), r.threadId(), now) > 0) changed.add(r.accountId());
      for (long person : changed) outbox.append(h, 0, new NotificationsRead(person));
    });
  }

  // The top bar's badges

  /** What the top bar shows: threads in the inbox, unread entries of the notification centre. */
  public record Badges(int inbox, int notifications) {}

  private final BadgeStore badgeStore = new BadgeStore();

  public Badges badges(long accountId) {
    return badges(List.of(accountId)).get(accountId);
  }

  /** The badges of several people, in two queries. */
  public Map<Long, Badges> badges(Collection<Long> people) {
    return db.read(h -> {
      Map<Long, Integer> inbox = badgeStore.inboxCounts(h, people);
      Map<Long, Integer> unread = badgeStore.unreadEntries(h, people);
      Map<Long, Badges> out = new HashMap<>();
      for (long p : people) out.put(p, new Badges(inbox.getOrDefault(p, 0), unread.getOrDefault(p, 0)));
      return out;
    });
  }

  /** Those of {@code people} whose inbox holds one of the threads: whom a batch of posts may have moved. */
  Set<Long> withInboxRows(Collection<Long> threads, Collection<Long> people) {
    return db.read(h -> badgeStore.withInboxRows(h, threads, people));
  }

  /** The centre's delivered notices as its entries (notices about one thread grouped), and how many are unread. */
  public record Entries(List<Grouping.Group> groups, int unread) {}

  public Entries entries(long accountId) {
    return db.read(h -> {
      List<Notification> delivered = store.delivered(h, accountId, 100);
      Set<Long> threads = new HashSet<>();
      delivered.stream().filter(Grouping::groupable).forEach(n -> threads.add(n.threadId()));
      List<Grouping.Group> groups = Grouping.group(delivered, badgeStore.titles(h, threads));
      return new Entries(groups, badgeStore.unreadEntries(h, List.of(accountId)).getOrDefault(accountId, 0));
    });
  }

  // Delivery settings

  public Policies.Settings settings(long accountId) {
    return db.read(h -> policies.settings(h, accountId));
  }

  public DeliveryPolicy policy(long accountId) {
    return db.read(h -> policies.policy(h, accountId));
  }

  /** Saves digest times, focus blocks and the email choice; pending holds and the next digest follow the new policy. */
  public void saveSettings(long accountId, List<LocalTime> digestTimes, List<WorkingRange> focusBlocks, boolean emailDigests,
      Digests digests) {
    if (digestTimes.size() > 6) throw Problem.invalid("digestTimes", "At most six digests a day.");
    db.writeAll(h -> {
      policies.save(h, accountId, digestTimes, focusBlocks, emailDigests);
      releaseHeld(h, accountId);
      digests.reschedule(h, accountId);
    });
  }

  /** Focus for a while: nothing but urgent reaches the person until it ends. */
  public Instant focusFor(long accountId, Duration length) {
    if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofHours(12)) > 0) {
      throw Problem.invalid("minutes", "Focus for between 1 minute and 12 hours.");
    }
    Instant until = clock.instant().plus(length).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    db.writeAll(h -> {
      policies.setFocusUntil(h, accountId, until.toEpochMilli());
      releaseHeld(h, accountId); // what would have landed in the focus now lands when it ends
    });
    return until;
  }

  public void endFocus(long accountId) {
    db.writeAll(h -> {
      policies.setFocusUntil(h, accountId, null);
      releaseHeld(h, accountId);
    });
  }

  /** The due work of held deliveries; Longhand registers them before due work starts. */
  public Map<String, DueWork.Handler> dueWork() {
    return Map.of(DELIVER, this::deliverHeld);
  }
}
