package dev.longhand.notify;

import dev.longhand.time.DeliveryPolicy;
import dev.longhand.store.Database;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a message about to be posted in a space would land for the people it notifies directly (those it mentions,
 * and the thread's author for a reply): "deliver in their hours", shown in the composer before sending.
 */
public final class Landings {
  private final Database db;
  private final Clock clock;
  private final Policies policies;
  private final WorkspaceService workspaces;
  private final NotificationStore store = new NotificationStore();

  Landings(Database db, Clock clock, Policies policies, WorkspaceService workspaces) {
    this.db = db;
    this.clock = clock;
    this.policies = policies;
    this.workspaces = workspaces;
  }

  /** When a direct notification sent now would reach someone: now, or the start of their next reachable time. */
  public record Landing(long accountId, String name, String handle, String zone, boolean now, Optional<Instant> at) {}

  /** For the space's readers the message names (or whose thread it answers), other than the viewer. */
  public List<Landing> of(long viewerId, long spaceId, List<String> handles, long threadId) {
    var readers = workspaces.spaceReaders(viewerId, spaceId);
    Set<String> wanted = new HashSet<>();
    handles.forEach(x -> wanted.add(x.toLowerCase(Locale.ROOT)));
    long author = threadId == 0 ? 0 : db.read(h -> store.threadAuthor(h, threadId, spaceId));
    Instant now = clock.instant();
    return db.read(h -> readers.stream()
        .filter(m -> m.accountId() != viewerId && (wanted.contains(m.handle()) || m.accountId() == author))
        .map(m -> {
          DeliveryPolicy p = policies.policy(h, m.accountId());
          Optional<Instant> at = p.nextReachable(now);
          boolean immediately = at.isEmpty() || !at.get().isAfter(now);
          return new Landing(m.accountId(), m.name(), m.handle(), p.calendar().zone().getId(), immediately,
              immediately ? Optional.empty() : at);
        }).toList());
  }
}
