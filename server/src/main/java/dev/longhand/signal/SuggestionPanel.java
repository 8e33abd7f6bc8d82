package dev.longhand.signal;

import dev.longhand.thread.Thread;
import dev.longhand.thread.ThreadPanel;
import java.util.Map;
import java.util.Optional;

/** The calm suggestion under a thread's opening post, when its signals cross the threshold: what to do, and why. */
final class SuggestionPanel implements ThreadPanel {
  private final SignalService signals;

  SuggestionPanel(SignalService signals) {
    this.signals = signals;
  }

  @Override
  public Optional<Section> section(long viewerId, Thread thread) {
    Signal.View v = signals.viewChecked(thread.id());
    if (v.suggestion() == null) return Optional.empty();
    return Optional.of(new Section(Place.TOP, "signal/suggestion.jte", Map.of("view", v, "threadId", thread.id(),
        "maySlowDown", signals.mayTurnOnSlowMode(viewerId, thread.id()))));
  }
}
