package dev.longhand.brainstorm;

import dev.longhand.event.BrainstormPhaseChanged;
import dev.longhand.event.BrainstormStarted;
import dev.longhand.event.DomainEvent;
import dev.longhand.notify.Level;
import dev.longhand.notify.Notice;
import dev.longhand.notify.NoticeSource;
import dev.longhand.store.OutboxEvent;
import dev.longhand.workspace.WorkspaceService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Whom a brainstorm tells, through the notification producer (at each person's hours): those who have written in its
 * thread, when it starts (so they may bring ideas) and when voting opens. Never the starter, never anyone who may no
 * longer read the thread. The notice opens the brainstorm's page.
 */
final class BrainstormNotices implements NoticeSource {
  private final WorkspaceService workspaces;
  private final BrainstormStore store = new BrainstormStore();

  BrainstormNotices(WorkspaceService workspaces) {
    this.workspaces = workspaces;
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(BrainstormStarted.class, BrainstormPhaseChanged.class);
  }

  @Override
  public List<Notice> notices(Handle h, OutboxEvent event) {
    long id;
    if (event.event() instanceof BrainstormStarted started) {
      id = started.brainstormId();
    } else if (event.event() instanceof BrainstormPhaseChanged changed && changed.phase().equals(Brainstorm.Phase.VOTING.key())) {
      id = changed.brainstormId();
    } else {
      return List.of();
    }
    Optional<BrainstormStore.Located> found = store.locate(h, id);
    if (found.isEmpty()) return List.of(); // its thread is gone
    BrainstormStore.Located at = found.get();
    Brainstorm b = at.stored().brainstorm();
    boolean voting = event.event() instanceof BrainstormPhaseChanged;
    if (voting && b.phase() == Brainstorm.Phase.CLOSED) return List.of();
    String text = voting
        ? "Voting is open on the brainstorm in “" + at.threadTitle() + "”: " + b.prompt()
        : at.starterName() + " started a brainstorm in “" + at.threadTitle() + "”: " + b.prompt() + " (ideas are anonymous)";
    Set<Long> readers = new HashSet<>(workspaces.readers(h, at.spaceId()));
    List<Notice> out = new ArrayList<>();
    for (long person : store.participants(h, b.threadId())) {
      if (person == b.startedBy() || !readers.contains(person)) continue;
      out.add(new Notice(person, b.workspaceId(), Level.DIRECT, "brainstorm", b.threadId(), voting ? 0 : b.startedBy(), text, "", b.path()));
    }
    return out;
  }
}
