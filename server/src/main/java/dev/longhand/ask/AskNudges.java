package dev.longhand.ask;

import dev.longhand.calendar.CalendarService;
import dev.longhand.due.DueWork;
import dev.longhand.event.AskCreated;
import dev.longhand.event.AsksDone;
import dev.longhand.event.DomainEvent;
import dev.longhand.notify.Level;
import dev.longhand.notify.Notice;
import dev.longhand.notify.Notifications;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import dev.longhand.time.WorkCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The gentle side of asks, after commit. A durable outbox consumer: for each new ask it sends the assignee a
 * {@code direct} notice ("ask") and schedules two nudges as due work, {@code ask-half} when half the window has
 * passed in the assignee's working time and {@code ask-due} at the deadline; when asks are done it cancels their
 * pending nudges. The nudge handlers skip done asks; each sends the assignee a {@code direct} notice
 * ("ask-nudge", never urgent), and at the deadline the asker too ("ask-overdue").
 *
 * <p>Exactly once: the follow-up of an ask is claimed with a flag on its row in the same transaction that sends the
 * notice and schedules the nudges, so an event handed over again after a crash does nothing; cancelling is
 * idempotent anyway; due work runs each nudge once.
 */
public final class AskNudges implements OutboxConsumer {
  public static final String HALF = "ask-half";
  public static final String DUE = "ask-due";

  private final Database db;
  private final DueWork due;
  private final Notifications notifications;
  private final CalendarService calendars;
  private final AskStore store = new AskStore();

  public AskNudges(Database db, DueWork due, Notifications notifications, CalendarService calendars) {
    this.db = db;
    this.due = due;
    this.notifications = notifications;
    this.calendars = calendars;
  }

  @Override
  public String name() {
    return "ask-nudges";
  }

  /** Nudges are planned in batches; a tenth of a second later changes nothing for anyone. */
  @Override
  public long gatherNanos() {
    return 100_000_000L;
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(AskCreated.class, AsksDone.class);
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    for (OutboxEvent e : events) {
      switch (e.event()) {
        case AskCreated created -> db.writeAll(h -> followUp(h, created.askId()));
        case AsksDone done -> {
          if (!done.askIds().isEmpty()) db.writeAll(h -> done.askIds().forEach(id -> {
            due.cancel(h, HALF, id);
            due.cancel(h, DUE, id);
          }));
        }
        default -> { }
      }
    }
  }

  /** The new ask's notice to the assignee and its two nudges, once. */
  void followUp(Handle h, long askId) {
    Optional<Ask.Row> found = store.find(h, askId);
    if (found.isEmpty() || !store.claimFollowUp(h, askId)) return;
    Ask.Row r = found.get();
    Ask a = r.ask();
    if (a.isDone()) return; // answered before we got here: nothing to say or to nudge
    Map<Long, WorkCalendar> cals = calendars.calendars(h, List.of(a.assigneeId()));
    ZoneId zone = zoneOf(cals, a.assigneeId());
    notifications.notify(h, new Notice(a.assigneeId(), a.workspaceId(), Level.DIRECT, "ask", a.threadId(), a.askerId(),
        r.asker().name() + " asked you in “" + r.threadTitle() + "” to answer within "
            + Within.parse(a.within()).map(Within::words).orElse(a.within()) + ": by " + AskViews.at(a.dueAt(), zone) + " your time",
        "", link(a)));
    Instant created = Instant.ofEpochMilli(a.createdAt());
    Instant dueAt = Instant.ofEpochMilli(a.dueAt());
    WorkCalendar c = cals.get(a.assigneeId());
    if (c != null) {
      Duration window = c.workingBetween(created, dueAt);
      due.schedule(h, HALF, a.id(), c.addWorking(created, window.dividedBy(2)), "");
    }
    due.schedule(h, DUE, a.id(), dueAt, "");
  }

  private void halfway(Handle h, DueWork.Item item, Instant now) {
    store.find(h, item.subjectId()).filter(r -> !r.ask().isDone()).ifPresent(r -> {
      Ask a = r.ask();
      ZoneId zone = zoneOf(calendars.calendars(h, List.of(a.assigneeId())), a.assigneeId());
      notifications.notify(h, new Notice(a.assigneeId(), a.workspaceId(), Level.DIRECT, "ask-nudge", a.threadId(), 0,
          "Half the time for " + r.asker().name() + "’s ask in “" + r.threadTitle() + "” has passed: it is due "
              + AskViews.at(a.dueAt(), zone) + " your time", "", link(a)));
    });
  }

  private void deadline(Handle h, DueWork.Item item, Instant now) {
    store.find(h, item.subjectId()).filter(r -> !r.ask().isDone()).ifPresent(r -> {
      Ask a = r.ask();
      Map<Long, WorkCalendar> cals = calendars.calendars(h, List.of(a.assigneeId(), a.askerId()));
      notifications.notify(h, new Notice(a.assigneeId(), a.workspaceId(), Level.DIRECT, "ask-nudge", a.threadId(), 0,
          r.asker().name() + "’s ask in “" + r.threadTitle() + "” is due now (" + AskViews.at(a.dueAt(), zoneOf(cals, a.assigneeId()))
              + " your time): reply in the thread, or mark it done", "", link(a)));
      notifications.notify(h, new Notice(a.askerId(), a.workspaceId(), Level.DIRECT, "ask-overdue", a.threadId(), 0,
          r.assignee().name() + " has not answered your ask in “" + r.threadTitle() + "” yet; it was due "
              + AskViews.at(a.dueAt(), zoneOf(cals, a.askerId())) + " your time", "", link(a)));
    });
  }

  /** An ask made in a reply leads to that reply (and leaves with it when it is deleted); one in an opening post, to its thread. */
  private static String link(Ask a) {
    return a.postId() == a.threadId() ? "" : a.path();
  }

  private static ZoneId zoneOf(Map<Long, WorkCalendar> cals, long accountId) {
    return Optional.ofNullable(cals.get(accountId)).map(WorkCalendar::zone).orElse(ZoneId.of("UTC"));
  }

  /** The two nudges' due work; Longhand registers them before due work starts. */
  public Map<String, DueWork.Handler> dueWork() {
    return Map.of(HALF, this::halfway, DUE, this::deadline);
  }
}
