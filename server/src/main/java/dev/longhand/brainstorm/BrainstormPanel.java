package dev.longhand.brainstorm;

import dev.longhand.thread.Thread;
import dev.longhand.thread.ThreadPanel;
import java.util.Map;
import java.util.Optional;

/** The thread page's section of brainstorms: each with its phase, and "Start a brainstorm". */
public final class BrainstormPanel implements ThreadPanel {
  private final BrainstormService brainstorms;

  public BrainstormPanel(BrainstormService brainstorms) {
    this.brainstorms = brainstorms;
  }

  @Override
  public Optional<Section> section(long viewerId, Thread thread) {
    return Optional.of(new Section(Place.TOP, "brainstorm/panel.jte",
        Map.of("threadId", thread.id(), "lines", brainstorms.ofThread(thread))));
  }
}
