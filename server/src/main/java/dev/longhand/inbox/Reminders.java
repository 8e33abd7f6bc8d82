package dev.longhand.inbox;

import dev.longhand.due.DueWork;
import dev.longhand.event.ThreadMarkedUnread;
import dev.longhand.event.ThreadRead;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * "Remind me later": the thread leaves the inbox now and comes back to its top at the chosen
 * moment, with the reason "reminder". Stored as a row and a {@code reminder} due item, so a
 * restart keeps every reminder.
 */
public final class Reminders {
  static final String KIND = "reminder";
  static final Duration LONGEST = Duration.ofDays(366);

  /** A pending reminder: the thread (its title and space) snoozed until {@code remindAt}. */
  public record Reminder(long id, long threadId, String title, String spaceName, long remindAt) {}

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final DueWork due;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final InboxStore store = new InboxStore();
  private final ReminderStore reminders = new ReminderStore();

  public Reminders(Database db, Ids ids, Clock clock, DueWork due, Outbox outbox, WorkspaceService workspaces) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.due = due;
    this.outbox = outbox;
    this.workspaces = workspaces;
  }

  public Reminder remind(long accountId, long threadId, Instant at) {
    Instant now = clock.instant();
    if (!at.isAfter(now)) throw Problem.invalid("at", "A reminder must be in the future.");
    if (Duration.between(now, at).compareTo(LONGEST) > 0) throw Problem.invalid("at", "A reminder can be at most a year away.");
    long id = ids.next();
    return db.write(h -> {
      InboxStore.Place place = readable(h, accountId, threadId);
      reminders.insert(h, id, accountId, threadId, at.toEpochMilli(), now.toEpochMilli());
      due.schedule(h, KIND, id, at, "");
      if (store.clear(h, accountId, threadId)) {
        outbox.append(h, place.workspaceId(), new ThreadRead(threadId, accountId));
      }
      ReminderStore.Titled thread = reminders.thread(h, threadId);
      return new Reminder(id, threadId, thread.title(), thread.spaceName(), at.toEpochMilli());
    });
  }

  /** The person's snoozed threads, soonest back first; only threads they may still read. */
  public List<Reminder> pending(long accountId) {
    return db.read(h -> reminders.pending(h, accountId));
  }

  public Optional<Reminder> pendingFor(long accountId, long threadId) {
    return pending(accountId).stream().filter(r -> r.threadId() == threadId).findFirst();
  }

  public void cancel(long accountId, long reminderId) {
    boolean gone = db.write(h -> {
      boolean deleted = reminders.delete(h, reminderId, accountId);
      if (deleted) due.cancel(h, KIND, reminderId);
      return deleted;
    });
    if (!gone) throw Problem.notFound("reminder");
  }

  private void fire(Handle h, DueWork.Item item, Instant now) {
    var row = reminders.owner(h, item.subjectId());
    if (row.isEmpty()) return;
    reminders.delete(h, item.subjectId());
    long accountId = row.get().accountId();
    long threadId = row.get().threadId();
    InboxStore.Place place;
    try {
      place = readable(h, accountId, threadId);
    } catch (Problem lostAccess) {
      return; // they can no longer read it: nothing to bring back
    }
    store.remind(h, accountId, place, now.toEpochMilli());
    outbox.append(h, place.workspaceId(), new ThreadMarkedUnread(threadId, accountId));
  }

  private InboxStore.Place readable(Handle h, long accountId, long threadId) {
    return InboxService.readable(store, workspaces, h, accountId, threadId);
  }

  /** A reminder's due work; Longhand registers them before due work starts. */
  public Map<String, DueWork.Handler> dueWork() {
    return Map.of(KIND, this::fire);
  }
}
