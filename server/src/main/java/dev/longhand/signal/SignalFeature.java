package dev.longhand.signal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.due.DueWork;
import dev.longhand.feature.Feature;
import dev.longhand.http.Router;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.thread.ThreadPanel;
import java.util.List;
import java.util.Map;

/**
 * Escalation signals: the {@code signals} consumer that computes and stores them, their API, the dismissal form, the
 * suggestion on the thread page ({@link #panel()}), and the due work that computes a thread again when an ask comes due.
 */
public final class SignalFeature implements Feature {
  private final SignalService signals;
  private final SignalConsumer consumer;
  private final ObjectMapper json;

  public SignalFeature(Database db, SignalService signals, ObjectMapper json) {
    this.signals = signals;
    this.consumer = new SignalConsumer(db, signals);
    this.json = json;
  }

  /** The suggestion section of the thread page, for {@code ThreadFeature}'s panels. */
  public ThreadPanel panel() {
    return new SuggestionPanel(signals);
  }

  @Override
  public void routes(Router r) {
    new SignalApi(signals, json).register(r);
    new SignalPages(signals, json).register(r);
  }

  @Override
  public List<OutboxConsumer> consumers() {
    return List.of(consumer);
  }

  @Override
  public Map<String, DueWork.Handler> dueWork() {
    return Map.of(SignalService.ASK_DUE, signals::askCameDue);
  }
}
