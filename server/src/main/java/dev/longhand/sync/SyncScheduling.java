package dev.longhand.sync;

import dev.longhand.calendar.CalendarService;
import dev.longhand.http.Problem;
import dev.longhand.mail.Mail;
import dev.longhand.mail.Mailer;
import dev.longhand.store.Database;
import dev.longhand.time.Interval;
import dev.longhand.time.WorkCalendar;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Relation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Placing a session in time: its slots (fair rotation fed by the minutes outside their hours each participant bore in
 * earlier sessions), scheduling and rescheduling (SEQUENCE raised, invites mailed, reminders planned, the minutes it
 * costs each person kept as history), cancelling (METHOD:CANCEL mailed), its invite, and weekly meeting budgets.
 * Mail goes through {@link Mailer} as due work in the write's transaction, so it is sent only after commit.
 */
public final class SyncScheduling {
  public static final int DEFAULT_BUDGET_MINUTES = 300;
  public static final int MAX_BUDGET_MINUTES = 40 * 60;
  static final Duration MAX_AHEAD = Duration.ofDays(90);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private final SyncSessionService sessions;
  private final CalendarService calendars;
  private final Mailer mailer;
  private final SyncReminders reminders;
  private final Supplier<String> baseUrl;
  private final Database db;
  private final Clock clock;
  private final SyncSessionStore store;

  public SyncScheduling(SyncSessionService sessions, CalendarService calendars, Mailer mailer,
      dev.longhand.due.DueWork due, dev.longhand.notify.Notifications notifications, Supplier<String> baseUrl) {
    this.sessions = sessions;
    this.calendars = calendars;
    this.mailer = mailer;
    this.baseUrl = baseUrl;
    this.db = sessions.db();
    this.clock = sessions.clock();
    this.store = sessions.store();
    this.reminders = new SyncReminders(due, notifications, store, sessions);
  }

  Map<String, dev.longhand.due.DueWork.Handler> dueWork() {
    return reminders.dueWork();
  }

  /** The offered slots of a proposed or scheduled session over the next {@code days}, fairest first. */
  public Slots slots(long viewerId, long sessionId, int days) {
    return db.read(h -> {
      SyncSession.Detail d = sessions.detail(h, sessions.readable(h, viewerId, sessionId).session());
      if (days < 1 || days > SyncSlots.MAX_DAYS) throw Problem.invalid("days", "'days' must be between 1 and " + SyncSlots.MAX_DAYS + ".");
      SyncSession s = d.session();
      if (!s.open()) throw Problem.conflict("status", "This session is " + s.status().key() + ": it has no slots to offer.");
      List<Long> people = people(d);
      Map<Long, WorkCalendar> cals = calendars.calendars(h, people);
      Instant from = firstSlot(clock.instant());
      List<SyncSlots.Slot> ranked = SyncSlots.rank(cals, people, store.burden(h, s.workspaceId(), people, s.id()), from,
          from.plus(Duration.ofDays(days)), Duration.ofMinutes(s.minutes()), SyncSlots.OFFERED);
      return new Slots(d, ranked);
    });
  }

  /** A session's offered slots, with the session for the names of the people. */
  public record Slots(SyncSession.Detail detail, List<SyncSlots.Slot> slots) {}

  /** The first slot worth offering: the next half hour, at least half an hour from now. */
  static Instant firstSlot(Instant now) {
    Instant t = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(30));
    long step = SyncSlots.STEP.toSeconds();
    return Instant.ofEpochSecond(Math.ceilDiv(t.getEpochSecond(), step) * step);
  }

  /**
   * Schedules (or reschedules) a session at {@code start}: its invites go out (SEQUENCE raised on a reschedule), its
   * reminders are planned, and the minutes outside their hours it costs each participant join their history. The same
   * start again changes nothing. {@code callLink} replaces the call link when given.
   */
  public SyncSession schedule(long viewerId, long sessionId, String start, String callLink) {
    return db.write(h -> {
      SyncSession s = manageable(h, viewerId, sessionId);
      if (start == null || start.isBlank()) throw Problem.invalid("start", "'start' is required: when the session starts.");
      Instant at = dev.longhand.http.Input.instant("start", start).truncatedTo(ChronoUnit.MINUTES);
      String link = callLink == null ? null : SyncSessionService.callLink(callLink);
      Instant now = clock.instant();
      if (!at.isAfter(now)) throw Problem.invalid("start", "'start' must be in the future.");
      if (at.isAfter(now.plus(MAX_AHEAD))) throw Problem.invalid("start", "'start' must be within 90 days.");
      boolean moved = !s.scheduled() || s.startAt() != at.toEpochMilli();
      boolean relinked = link != null && !link.equals(s.callLink());
      if (!moved && !relinked) return s;
      long end = at.plus(Duration.ofMinutes(s.minutes())).toEpochMilli();
      int sequence = s.scheduled() ? s.sequence() + 1 : s.sequence();
      SyncSession next = s.withSchedule(SyncSession.Status.SCHEDULED, at.toEpochMilli(), end, sequence, now.toEpochMilli());
      if (link != null) next = next.withCallLink(link, now.toEpochMilli());
      store.update(h, next);
      SyncSession.Detail d = sessions.detail(h, next);
      List<Long> people = people(d);
      Map<Long, WorkCalendar> cals = calendars.calendars(h, people);
      store.setOutsideMinutes(h, s.id(), SyncSlots.stretch(cals, people, new Interval(at, Instant.ofEpochMilli(end))));
      reminders.plan(h, next, people, cals, now);
      mail(h, sessions.detail(h, next), s.scheduled() ? "Moved: " : "Invitation: ");
      return next;
    });
  }

  /** Cancels a proposed or scheduled session; a scheduled one's participants get METHOD:CANCEL. */
  public SyncSession cancel(long viewerId, long sessionId) {
    return db.write(h -> {
      SyncSession s = manageable(h, viewerId, sessionId);
      long now = clock.millis();
      SyncSession next = s.withSchedule(SyncSession.Status.CANCELLED, s.startAt(), s.endAt(),
          s.scheduled() ? s.sequence() + 1 : s.sequence(), now);
      store.update(h, next);
      reminders.cancel(h, next);
      if (s.scheduled()) mail(h, sessions.detail(h, next), "Cancelled: ");
      return next;
    });
  }

  /** The session's current invitation as iCalendar text, for a reader of it; 409 before it was ever scheduled. */
  public String invite(long viewerId, long sessionId) {
    return db.read(h -> {
      SyncSession.Detail d = sessions.detail(h, sessions.readable(h, viewerId, sessionId).session());
      if (d.session().startAt() == 0) throw Problem.conflict("status", "This session has not been scheduled yet.");
      return SyncInvites.ics(d, store.emails(h, people(d)), pageUrl(d.session()), clock.instant());
    });
  }

  private SyncSession manageable(Handle h, long viewerId, long sessionId) {
    SyncSessionService.Readable r = sessions.readable(h, viewerId, sessionId);
    Permissions.check(r.access().role(), Action.SCHEDULE_SYNC,
        r.access().relations(Permissions.relation(r.session().organiserId() == viewerId, Relation.ORGANISER)));
    if (!r.session().open()) {
      throw Problem.conflict("status", "This session is " + r.session().status().key() + ": it can no longer be scheduled or cancelled.");
    }
    return r.session();
  }

  /** Queues one invitation (or cancellation) per participant, each saying the time in their own zone. */
  private void mail(Handle h, SyncSession.Detail d, String prefix) {
    if (!mailer.enabled()) return;
    SyncSession s = d.session();
    Map<Long, String> emails = store.emails(h, people(d));
    String ics = SyncInvites.ics(d, emails, pageUrl(s), clock.instant());
    String method = s.status() == SyncSession.Status.CANCELLED ? "CANCEL" : "REQUEST";
    for (SyncSession.Participant p : d.participants()) {
      String to = emails.get(p.person().id());
      if (to == null) continue;
      ZoneId zone = ZoneId.of(p.person().timeZone());
      String when = WHEN.format(Instant.ofEpochMilli(s.startAt()).atZone(zone)) + "–"
          + CLOCK.format(Instant.ofEpochMilli(s.endAt()).atZone(zone)) + " your time (" + zone.getId() + ")";
      String text = (method.equals("CANCEL") ? "This sync session is cancelled.\n\n" : d.organiser().name()
          + " invites you to a sync session.\n\n") + "When: " + when + "\n" + SyncInvites.description(d, pageUrl(s));
      mailer.queue(h, new Mail(to, prefix + SyncInvites.summary(s) + " · " + when, text, null, ics, method));
    }
  }

  private String pageUrl(SyncSession s) {
    return baseUrl.get() + s.path();
  }

  static List<Long> people(SyncSession.Detail d) {
    return d.participants().stream().map(p -> p.person().id()).toList();
  }

  // Weekly meeting budgets

  /** A person's week: minutes in scheduled sessions this local week, against their budget. */
  public record Budget(long usedMinutes, int weeklyMinutes) {
    public boolean over() {
      return usedMinutes > weeklyMinutes;
    }

    /** "4 h 30 of 5 h this week". */
    public String text() {
      return SyncSlots.hours(usedMinutes) + " of " + SyncSlots.hours(weeklyMinutes) + " this week";
    }
  }

  /** Each participant's week in the session's workspace: shown to whoever may schedule it, else empty. */
  public Map<Long, Budget> budgets(SyncSession.Detail d, boolean mayManage) {
    if (!mayManage) return Map.of();
    return db.read(h -> budgets(h, d.session().workspaceId(), d.participants(), clock.instant()));
  }

  static Map<Long, Budget> budgets(Handle h, SyncSessionStore store, long workspaceId, List<SyncSession.Participant> people, Instant now) {
    List<Long> ids = people.stream().map(p -> p.person().id()).toList();
    Map<Long, Integer> settings = store.budgets(h, ids);
    Map<Long, Interval> weeks = new HashMap<>();
    for (SyncSession.Participant p : people) weeks.put(p.person().id(), SyncSlots.weekOf(now, ZoneId.of(p.person().timeZone())));
    long from = weeks.values().stream().mapToLong(w -> w.start().toEpochMilli()).min().orElse(0);
    long to = weeks.values().stream().mapToLong(w -> w.end().toEpochMilli()).max().orElse(0);
    Map<Long, Long> used = new HashMap<>();
    for (SyncSessionStore.Booked b : store.booked(h, workspaceId, ids, from, to)) {
      Interval w = weeks.get(b.accountId());
      long s = Math.max(b.startAt(), w.start().toEpochMilli());
      long e = Math.min(b.endAt(), w.end().toEpochMilli());
      if (e > s) used.merge(b.accountId(), (e - s) / 60_000, Long::sum);
    }
    Map<Long, Budget> out = new LinkedHashMap<>();
    for (long id : ids) out.put(id, new Budget(used.getOrDefault(id, 0L), settings.getOrDefault(id, DEFAULT_BUDGET_MINUTES)));
    return out;
  }

  /** The weeks of people who may take part in a session of this workspace, for the propose form. */
  public Map<Long, Budget> budgetsIn(long workspaceId, List<SyncSession.Person> people) {
    return db.read(h -> budgets(h, store, workspaceId, people.stream().map(p -> new SyncSession.Participant(p, 0)).toList(),
        clock.instant()));
  }

  /** Each person's local time now and whether they are working: the line beside their name. */
  public Map<Long, dev.longhand.time.PersonTime> times(List<Long> people) {
    return calendars.of(people);
  }

  private Map<Long, Budget> budgets(Handle h, long workspaceId, List<SyncSession.Participant> people, Instant now) {
    return budgets(h, store, workspaceId, people, now);
  }

  /** The person's own weekly budget in minutes. */
  public int budgetOf(long accountId) {
    return db.read(h -> store.budgets(h, List.of(accountId)).getOrDefault(accountId, DEFAULT_BUDGET_MINUTES));
  }

  public int setBudget(long accountId, Integer weeklyMinutes) {
    if (weeklyMinutes == null) throw Problem.invalid("weeklyMinutes", "'weeklyMinutes' is required.");
    if (weeklyMinutes < 0 || weeklyMinutes > MAX_BUDGET_MINUTES) {
      throw Problem.invalid("weeklyMinutes", "'weeklyMinutes' must be between 0 and " + MAX_BUDGET_MINUTES + ".");
    }
    db.writeAll(h -> store.putBudget(h, accountId, weeklyMinutes, clock.millis()));
    return weeklyMinutes;
  }

  /** Whether the viewer may schedule and cancel this session: what the page asks before offering it. */
  public boolean mayManage(long viewerId, long sessionId) {
    return db.read(h -> {
      SyncSessionService.Readable r = sessions.readable(h, viewerId, sessionId);
      return r.session().open() && Permissions.can(r.access().role(), Action.SCHEDULE_SYNC,
          r.access().relations(Permissions.relation(r.session().organiserId() == viewerId, Relation.ORGANISER)));
    });
  }
}
