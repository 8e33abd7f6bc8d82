package dev.longhand.sync;

import dev.longhand.due.DueWork;
import dev.longhand.notify.Level;
import dev.longhand.notify.Notice;
import dev.longhand.notify.Notifications;
import dev.longhand.time.Interval;
import dev.longhand.time.WorkCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reminders before a session starts, as due work ({@value #KIND}, one item per participant, the session as subject):
 * {@link #BEFORE} before it, or, when that moment falls outside someone's hours (a session early in their morning),
 * {@link #BEFORE} before the end of their last working period before it, so the reminder is not held until after the
 * session. Rescheduling and cancelling cancel them; a reminder whose session moved or was cancelled meanwhile says nothing,
 * and neither does one to someone who may no longer read the session's space.
 */
final class SyncReminders {
  static final String KIND = "sync-reminder";
  static final Duration BEFORE = Duration.ofMinutes(15);
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final DueWork due;
  private final Notifications notifications;
  private final SyncSessionStore store;
  private final SyncSessionService sessions;

  SyncReminders(DueWork due, Notifications notifications, SyncSessionStore store, SyncSessionService sessions) {
    this.sessions = sessions;
    this.due = due;
    this.notifications = notifications;
    this.store = store;
  }

  /** Plans each participant's reminder of a scheduled session, replacing any planned before. */
  void plan(Handle h, SyncSession s, List<Long> people, Map<Long, WorkCalendar> calendars, Instant now) {
    cancel(h, s);
    Instant start = Instant.ofEpochMilli(s.startAt());
    for (long p : people) {
      Instant at = when(calendars.get(p), start, now);
      due.schedule(h, KIND, s.id(), at.isBefore(now) ? now : at, p + ":" + s.startAt());
    }
  }

  void cancel(Handle h, SyncSession s) {
    due.cancel(h, KIND, s.id());
  }

  /** When to remind someone of a session starting at {@code start}. */
  static Instant when(WorkCalendar c, Instant start, Instant now) {
    Instant plain = start.minus(BEFORE);
    if (c == null || c.isWorking(plain) || c.isWorking(start)) return plain;
    Optional<Interval> last = c.previousPeriod(start);
    if (last.isPresent() && last.get().end().isAfter(now) && Duration.between(last.get().end(), start).toHours() < 24) {
      return last.get().end().minus(BEFORE);
    }
    return plain;
  }

  private void remind(Handle h, DueWork.Item item, Instant now) {
    String[] parts = item.payload().split(":");
    long person = Long.parseLong(parts[0]);
    long startAt = Long.parseLong(parts[1]);
    store.find(h, item.subjectId()).filter(s -> s.scheduled() && s.startAt() == startAt)
        .filter(s -> sessions.mayRead(h, person, s.spaceId())).ifPresent(s -> {
      ZoneId zone = ZoneId.of(store.person(h, person).timeZone());
      notifications.notify(h, new Notice(person, s.workspaceId(), Level.DIRECT, KIND, s.threadId(), 0,
          "Sync session “" + s.purpose() + "” starts " + AT.format(Instant.ofEpochMilli(s.startAt()).atZone(zone)) + " your time"
              + (s.callLink().isEmpty() ? "" : " · " + s.callLink()), "", s.path()));
    });
  }

  Map<String, DueWork.Handler> dueWork() {
    return Map.of(KIND, this::remind);
  }
}
