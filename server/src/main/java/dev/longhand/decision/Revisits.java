package dev.longhand.decision;

import dev.longhand.due.DueWork;
import dev.longhand.http.Problem;
import dev.longhand.notify.Level;
import dev.longhand.notify.Notice;
import dev.longhand.notify.Notifications;
import dev.longhand.store.Ids;
import dev.longhand.workspace.WorkspaceService;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Revisit-by dates: a {@code decision-revisit} due item at the start of that day in the owner's zone (their delivery
 * policy then holds the notice until they work). Every write that changes the date, the owner or the status plans
 * it again; superseded and rejected decisions are not revisited. When it falls due the owner gets a {@code direct}
 * notice and the history says so.
 */
final class Revisits {
  static final String KIND = "decision-revisit";

  private final DueWork due;
  private final Notifications notifications;
  private final WorkspaceService workspaces;
  private final Ids ids;
  private final DecisionStore store;

  Revisits(DueWork due, Notifications notifications, WorkspaceService workspaces, Ids ids, DecisionStore store) {
    this.due = due;
    this.notifications = notifications;
    this.workspaces = workspaces;
    this.ids = ids;
    this.store = store;
  }

  /** Cancels the decision's pending reminder and schedules the one it needs now, in the write's transaction. */
  void plan(Handle h, Decision d) {
    due.cancel(h, KIND, d.id());
    if (d.revisitBy().isEmpty() || !revisitable(d)) return;
    Instant at = d.revisitBy().get().atStartOfDay(zoneOf(h, d.ownerId())).toInstant();
    due.schedule(h, KIND, d.id(), at, d.revisitBy().get().toString());
  }

  private static boolean revisitable(Decision d) {
    return d.status() == Decision.Status.ACCEPTED || d.status() == Decision.Status.PROPOSED;
  }

  private void remind(Handle h, DueWork.Item item, Instant now) {
    Optional<Decision.Row> row = store.find(h, item.subjectId());
    if (row.isEmpty()) return;
    Decision d = row.get().decision();
    if (!revisitable(d) || !d.revisitBy().map(Object::toString).equals(Optional.of(item.payload()))) return; // re-planned since
    try {
      workspaces.accessSpace(h, d.ownerId(), d.spaceId());
    } catch (Problem lostAccess) {
      return; // the owner can no longer read it: nobody to remind
    }
    long thread = d.source().filter(s -> s.kind().equals("thread")).map(Decision.Source::id).orElse(0L);
    notifications.notify(h, new Notice(d.ownerId(), d.workspaceId(), Level.DIRECT, "decision-revisit", thread, 0,
        "Time to revisit decision #" + d.number() + " “" + d.title() + "” (" + row.get().spaceName() + ", revisit by "
            + d.revisitBy().get() + "): " + d.path(), ""));
    store.addHistory(h, ids.next(), d, 0, now.toEpochMilli(), "revisit-reminded",
        List.of(new Decision.Change("revisitBy", "", d.revisitBy().get().toString())));
  }

  ZoneId zoneOf(Handle h, long accountId) {
    try {
      return store.accountZone(h, accountId).map(ZoneId::of).orElse(ZoneId.of("UTC"));
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }

  String nameOf(Handle h, long accountId) {
    return store.accountName(h, accountId).orElse("");
  }

  /** The revisit reminder's due work; Longhand registers them before due work starts. */
  public Map<String, DueWork.Handler> dueWork() {
    return Map.of(KIND, this::remind);
  }
}
