package dev.longhand.decision;

import dev.longhand.event.ThreadReopened;
import dev.longhand.event.ThreadResolved;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Outbox;
import dev.longhand.thread.Resolutions;
import dev.longhand.thread.Thread;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Resolving a thread: its outcome is a decision (recorded in the thread's space, prefilled from the thread), an
 * answer, or "dropped, because ...". A resolved thread shows its outcome at the top of its page and in the API
 * ({@link Resolutions}); reopening it removes the outcome and keeps any decision in the log.
 */
public final class ThreadResolutions implements Resolutions {
  public static final List<String> OUTCOMES = List.of("decision", "answer", "dropped");
  static final int NOTE_MAX = 20_000;

  private final Database db;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final DecisionService decisions;
  private static final DecisionStore THREADS = new DecisionStore();
  private final DecisionStore store = new DecisionStore();

  public ThreadResolutions(Database db, Clock clock, Outbox outbox, WorkspaceService workspaces, DecisionService decisions) {
    this.db = db;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.decisions = decisions;
  }

  /** What the resolve form starts from: the thread, its outcome if resolved, and a decision drafted from it. */
  public record Start(DecisionService.ThreadRef thread, Space space, Optional<Resolution> resolution, Decision.Draft draft) {}

  public Start start(long accountId, long threadId) {
    return db.read(h -> {
      DecisionService.ThreadRef t = thread(h, accountId, threadId);
      Decision.Draft draft = new Decision.Draft(t.title(), t.body(), List.of(), "", "", "", "accepted", String.valueOf(accountId), "",
          "", new Decision.Source("thread", t.id()));
      return new Start(t, workspaces.accessSpace(h, accountId, t.spaceId()).space(), resolution(h, t.id()), draft);
    });
  }

  /**
   * Resolves the thread. For a decision, the draft's title and context default to the thread's title and opening
   * post; for an answer or dropped, {@code note} is the answer or the reason. A resolved thread must be reopened first.
   */
  public Resolution resolveThread(long accountId, long threadId, String outcome, Decision.Draft draft, String note) {
    return db.write(h -> {
      DecisionService.ThreadRef t = thread(h, accountId, threadId);
      if (outcome == null || !OUTCOMES.contains(outcome)) {
        throw Problem.invalid("outcome", "'outcome' must be one of decision, answer, dropped" + (outcome == null ? "." : ", not '" + outcome + "'."));
      }
      if (store.resolution(h, t.id()).isPresent()) {
        throw Problem.conflict("outcome", "This thread is already resolved. Reopen it first to record another outcome.");
      }
      Optional<Long> decisionId = Optional.empty();
      String text = "";
      if (outcome.equals("decision")) {
        Decision.Draft filled = new Decision.Draft(draft.title() == null ? t.title() : draft.title(),
            draft.context() == null ? t.body() : draft.context(), draft.options(), draft.decision(), draft.rationale(),
            draft.consequences(), draft.status(), draft.owner(), draft.revisitBy(), draft.supersedes(), new Decision.Source("thread", t.id()));
        decisionId = Optional.of(decisions.recordIn(h, accountId, workspaces.accessSpace(h, accountId, t.spaceId()).space(), filled).id());
      } else {
        String field = outcome.equals("answer") ? "answer" : "reason";
        text = note == null ? "" : note.strip();
        if (text.isEmpty()) {
          throw Problem.invalid(field, outcome.equals("answer") ? "'answer' is required: what was the answer?"
              : "'reason' is required: say why the thread was dropped.");
        }
        if (text.length() > NOTE_MAX) throw Problem.invalid(field, "'" + field + "' must be at most " + NOTE_MAX + " characters.");
      }
      if (!store.insertResolution(h, new DecisionStore.Resolved(t.id(), t.workspaceId(), t.spaceId(), outcome, decisionId, text,
          store.person(h, accountId), clock.millis()))) {
        throw Problem.conflict("outcome", "This thread was resolved by someone else just now. Reopen it first to record another outcome.");
      }
      outbox.append(h, t.workspaceId(), new ThreadResolved(t.id(), outcome, accountId, decisionId.orElse(null)));
      return resolution(h, t.id()).orElseThrow();
    });
  }

  /** Reopens a resolved thread; its decision, if any, stays in the log. Not resolved: "not found". */
  public void reopenThread(long accountId, long threadId) {
    db.writeAll(h -> {
      DecisionService.ThreadRef t = thread(h, accountId, threadId);
      if (!store.deleteResolution(h, t.id())) throw Problem.notFound("resolution");
      outbox.append(h, t.workspaceId(), new ThreadReopened(t.id(), accountId));
    });
  }

  @Override
  public Optional<Resolution> of(long readerId, long threadId) {
    return db.read(h -> resolution(h, threadId));
  }

  private Optional<Resolution> resolution(Handle h, long threadId) {
    return store.resolution(h, threadId).map(r -> {
      Optional<Decision> d = r.decisionId().flatMap(id -> store.find(h, id)).map(Decision.Row::decision);
      return new Resolution(r.outcome(), r.note(), d.map(Decision::path).orElse(""),
          d.map(x -> "#" + x.number() + " " + x.title()).orElse(""), d.map(x -> x.status().key()).orElse(""),
          new Thread.Person(r.by().id(), r.by().name(), r.by().handle()), r.at());
    });
  }

  private DecisionService.ThreadRef thread(Handle h, long accountId, long threadId) {
    return readableThread(h, workspaces, accountId, threadId).orElseThrow(() -> Problem.notFound("thread"));
  }

  /** A thread the person may read, or empty (unknown, elsewhere, or in a space they may not read). */
  static Optional<DecisionService.ThreadRef> readableThread(Handle h, WorkspaceService workspaces, long accountId, long threadId) {
    Optional<DecisionService.ThreadRef> t = THREADS.thread(h, threadId);
    if (t.isEmpty()) return t;
    try {
      workspaces.accessSpace(h, accountId, t.get().spaceId());
      return t;
    } catch (Problem notReadable) {
      return Optional.empty();
    }
  }
}
