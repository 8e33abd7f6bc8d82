package dev.longhand.thread;

import java.util.Map;
import java.util.Optional;

/** The note above the composer of a thread in slow mode: the interval, and when the reader may reply next. */
final class SlowModePanel implements ThreadPanel {
  private final SlowMode slowMode;

  SlowModePanel(SlowMode slowMode) {
    this.slowMode = slowMode;
  }

  @Override
  public Optional<Section> section(long viewerId, Thread thread) {
    SlowMode.Status s = slowMode.status(viewerId, thread.id());
    if (!s.on()) return Optional.empty();
    return Optional.of(new Section(Place.COMPOSER, "thread/slowmodenote.jte", Map.of("status", s, "threadId", thread.id(),
        "words", SlowMode.words(s.interval()))));
  }
}
