package dev.longhand.sync;

import dev.longhand.thread.Thread;
import dev.longhand.thread.ThreadPanel;
import java.util.Map;
import java.util.Optional;

/** The thread page's list of its sync sessions, with the link to propose one (under the opening post). */
public final class SyncPanel implements ThreadPanel {
  private final SyncSessionService sessions;

  public SyncPanel(SyncSessionService sessions) {
    this.sessions = sessions;
  }

  @Override
  public Optional<Section> section(long viewerId, Thread thread) {
    return Optional.of(new Section(Place.TOP, "sync/panel.jte",
        Map.of("threadId", thread.id(), "sessions", sessions.ofReadThread(thread.id()))));
  }
}
