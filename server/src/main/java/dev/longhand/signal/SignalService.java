package dev.longhand.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.calendar.CalendarService;
import dev.longhand.due.DueWork;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.thread.ThreadService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * A thread's escalation signals: computed by the {@code signals} consumer from the thread's events and stored
 * ({@link #recompute}), read as stored with what they suggest ({@link #view}), dismissed with a reason
 * ({@link #dismiss}) and answered by a closed sync session ({@link #answered}). Readers of the thread see its signals;
 * anyone else is told 404.
 */
public final class SignalService {
  /** Due work: an open ask of the thread comes due, so its signals are computed again (it is now past due). */
  static final String ASK_DUE = "signals-ask-due";
  static final int REASON_MAX = 500;
  private static final TypeReference<List<Signal>> LIST = new TypeReference<>() {};

  private final Database db;
  private final Clock clock;
  private final ThreadService threads;
  private final CalendarService calendars;
  private final DueWork due;
  private final ObjectMapper json;
  private final SignalStore store = new SignalStore();

  public SignalService(Database db, Clock clock, ThreadService threads, CalendarService calendars, DueWork due, ObjectMapper json) {
    this.db = db;
    this.clock = clock;
    this.threads = threads;
    this.calendars = calendars;
    this.due = due;
    this.json = json;
  }

  /** The thread's signals as stored and what they suggest; 404 unless the person may read the thread. */
  public Signal.View view(long viewerId, long threadId) {
    threads.access(viewerId, threadId);
    return db.read(h -> view(h, threadId));
  }

  /** The same for a thread whose access was checked already (the thread page's panel). */
  Signal.View viewChecked(long threadId) {
    return db.read(h -> view(h, threadId));
  }

  /**
   * Dismisses the suggestion: every present signal counts as heard at its present score, with the reason, so the
   * same signals do not suggest again (a new or stronger one may). The reason is required.
   */
  public Signal.View dismiss(long viewerId, long threadId, String reason) {
    threads.access(viewerId, threadId); // first: an outsider learns nothing from a bad body
    if (reason == null || reason.isBlank()) throw Problem.invalid("reason", "'reason' is required: say why the thread needs no change.");
    if (reason.strip().length() > REASON_MAX) throw Problem.invalid("reason", "'reason' must be at most " + REASON_MAX + " characters.");
    return db.write(h -> {
      Optional<SignalStore.ThreadRow> t = store.thread(h, threadId);
      if (t.isEmpty()) throw Problem.notFound("thread");
      store.quiet(h, threadId, t.get().workspaceId(), stored(h, threadId), "dismissed", reason.strip(), viewerId, clock.millis());
      return view(h, threadId);
    });
  }

  /** Whether the suggestion offers this person to turn on slow mode: they may set it, and it is off. */
  boolean mayTurnOnSlowMode(long viewerId, long threadId) {
    var status = threads.slowMode().status(viewerId, threadId);
    return status.mayChange() && !status.on();
  }

  /** Computes the thread's signals from its posts, asks and resolution, and stores them (in the consumer's transaction). */
  void recompute(Handle h, long threadId) {
    compute(h, threadId).ifPresent(c -> save(h, c));
  }

  /** A thread's signals as computed now, to be saved; empty for a deleted thread (its signals are never read again). */
  record Computed(SignalStore.ThreadRow thread, String signals, boolean resolved) {}

  /** Reads the thread and computes its signals: a read, so that the consumer does it outside the write. */
  Optional<Computed> compute(Handle h, long threadId) {
    return store.thread(h, threadId).map(t -> {
      Signal.Snapshot snapshot = snapshot(h, t);
      return new Computed(t, write(SignalComputer.compute(snapshot)), snapshot.resolved());
    });
  }

  void save(Handle h, Computed c) {
    store.save(h, c.thread(), c.signals(), c.resolved(), clock.millis());
  }

  /** The thread as the rules read it. */
  Signal.Snapshot snapshot(Handle h, SignalStore.ThreadRow t) {
    List<Signal.Post> posts = store.posts(h, t.id(), SignalRules.POSTS_READ);
    TreeSet<Long> people = new TreeSet<>();
    people.add(t.authorId());
    posts.forEach(p -> people.add(p.authorId()));
    return new Signal.Snapshot(t.id(), t.authorId(), posts, store.openAsks(h, t.id()), store.resolved(h, t.id()),
        new LazyCalendars(() -> calendars.calendars(h, people)), clock.instant());
  }

  /** A closed sync session answers the signals that led to it: they count as heard at their present scores. */
  void answered(Handle h, long threadId, long sessionId, long closedBy) {
    store.thread(h, threadId).ifPresent(t ->
        store.quiet(h, threadId, t.workspaceId(), stored(h, threadId), "answered", "sync session " + sessionId, closedBy, clock.millis()));
  }

  /** When a new ask comes due, its thread's signals are computed again. */
  void planAskDue(Handle h, long askId) {
    store.ask(h, askId).ifPresent(a -> {
      due.cancel(h, ASK_DUE, askId);
      due.schedule(h, ASK_DUE, askId, Instant.ofEpochMilli(a[1] + 1000), "");
    });
  }

  void askDone(Handle h, long askId) {
    due.cancel(h, ASK_DUE, askId);
  }

  /** The due work's handler: the ask's thread again. */
  void askCameDue(Handle h, DueWork.Item item, Instant now) {
    store.ask(h, item.subjectId()).ifPresent(a -> recompute(h, a[0]));
  }

  private Signal.View view(Handle h, long threadId) {
    Optional<SignalStore.Stored> s = store.stored(h, threadId);
    List<Signal> signals = s.map(x -> read(x.signals())).orElse(List.of());
    List<Signal.Quiet> quiets = store.quiets(h, threadId);
    Signal.Suggestion suggestion = SignalComputer.suggest(signals, quiets, s.map(SignalStore.Stored::resolved).orElse(false));
    String dismissed = quiets.stream().filter(q -> q.why().equals("dismissed")).map(Signal.Quiet::reason).findFirst().orElse("");
    return new Signal.View(threadId, signals, suggestion, dismissed);
  }

  private List<Signal> stored(Handle h, long threadId) {
    return store.stored(h, threadId).map(x -> read(x.signals())).orElse(List.of());
  }

  private String write(List<Signal> signals) {
    try {
      return json.writeValueAsString(signals);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Signal> read(String stored) {
    try {
      return json.readValue(stored, LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored signals", e);
    }
  }
}
