package dev.longhand.sync;

import dev.longhand.ask.AskService;
import dev.longhand.decision.Decision;
import dev.longhand.decision.DecisionService;
import dev.longhand.event.SyncSessionClosed;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.thread.PostHooks;
import dev.longhand.thread.Thread;
import dev.longhand.thread.ThreadService;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Closing a sync session, which writes back: no session closes without notes for every agenda item and at least one
 * outcome (decisions, asks, or why nothing was decided), else 409 naming what is missing, and nothing changes.
 *
 * <p>In one transaction: each decision is recorded ({@link DecisionService#recordIn}, its source the session's thread)
 * and linked to the session; a summary reply is posted to the thread ({@link SyncSummary}); each ask is made by that
 * reply, with its deadline in the assignee's working time ({@link AskService}); the session is marked closed; and
 * {@code SyncSessionClosed} is appended. A session proposed from a space gets a new thread there with the summary.
 * Only the organiser, or an owner or admin of the workspace, closes; a cancelled or closed session is a conflict.
 */
public final class SyncClosing {
  static final int MAX_DECISIONS = 20;
  static final int MAX_ASKS = 20;
  static final int TITLE_MAX = 200;
  static final int TEXT_MAX = 2000;
  static final int ASK_TEXT_MAX = 500;
  static final int MAX_WORKING_DAYS = 30;
  /** A reply's longest body (the API's limit). */
  static final int SUMMARY_MAX = 50_000;

  private final Database db;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final SyncNotes notes;
  private final ThreadService threads;
  private final DecisionService decisions;
  private final AskService asks;
  private final SyncClosingStore store = new SyncClosingStore();

  public SyncClosing(Database db, Clock clock, Outbox outbox, WorkspaceService workspaces, SyncNotes notes, ThreadService threads,
      DecisionService decisions, AskService asks) {
    this.db = db;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.notes = notes;
    this.threads = threads;
    this.decisions = decisions;
    this.asks = asks;
  }

  /** A decision as the closing form or the API gives it. */
  public record DecisionDraft(String title, String decision, String rationale) {}

  /** An ask as given: {@code assignee} a person's id, {@code workingDays} a whole number of their working days. */
  public record AskDraft(String assignee, String text, String workingDays) {}

  /** What closing a session gives. Lists may be empty; {@code noDecisionBecause} may be empty. */
  public record Outcome(List<DecisionDraft> decisions, List<AskDraft> asks, String noDecisionBecause) {}

  /** What closing wrote: where the summary is, and the decisions it recorded. */
  public record Result(long sessionId, long threadId, long replyId, List<Long> decisionIds) {
    /** The summary on its thread's page. */
    public String summaryPath() {
      return "/threads/" + threadId + (replyId == 0 ? "" : "#reply-" + replyId);
    }
  }

  /** A decision a session recorded, for its page. */
  public record DecisionLink(long id, int number, String title) {}

  /** How a session was closed; {@code replyId} 0 when the summary opened a new thread. */
  public record Closed(long closedBy, String closedByName, long closedAt, long threadId, long replyId, String noDecisionBecause,
                       List<DecisionLink> decisions) {
    Closed withDecisions(List<DecisionLink> d) {
      return new Closed(closedBy, closedByName, closedAt, threadId, replyId, noDecisionBecause, List.copyOf(d));
    }

    public String summaryPath() {
      return "/threads/" + threadId + (replyId == 0 ? "" : "#reply-" + replyId);
    }
  }

  /** How the session was closed, for a reader of it; empty while it is open or was cancelled. */
  public Optional<Closed> closing(long me, long sessionId) {
    return db.read(h -> {
      notes.reach(h, me, sessionId);
      return store.closing(h, sessionId);
    });
  }

  /** What the close form shows: the session with its people, its notes (what is missing), and its closing once closed. */
  public record CloseForm(SyncSession.Detail detail, SyncNotes.Sheet sheet, Optional<Closed> closed) {}

  /**
   * The close form for whoever may close the session (others who may read it are refused: 403); a session that is
   * no longer open shows how it ended instead.
   */
  public CloseForm form(long me, long sessionId) {
    return db.read(h -> {
      SyncNotes.Reach r = notes.reach(h, me, sessionId);
      if (r.session().open()) Permissions.check(r.access().role(), Action.CLOSE_SYNC_SESSION, r.relations(me));
      return new CloseForm(notes.detail(h, r.session()), notes.sheet(h, me, r), store.closing(h, sessionId));
    });
  }

  /** Closes the session with its outcome; see the class comment for the rules. */
  public Result close(long me, long sessionId, Outcome outcome) {
    return db.write(h -> {
      SyncNotes.Reach r = notes.reach(h, me, sessionId);
      SyncSession s = r.session();
      Permissions.check(r.access().role(), Action.CLOSE_SYNC_SESSION, r.relations(me));
      if (!s.open()) throw Problem.conflict("status", "This session is " + s.status().key() + ": it cannot be closed.");
      Space space = r.access().space();
      Checked c = check(h, me, space, outcome);
      SyncNotes.Sheet sheet = notes.sheet(h, me, r);
      missing(sheet, c);

      long now = clock.millis();
      long threadId = s.threadId();
      String context = "Decided in the sync session “" + s.purpose() + "” (" + s.path() + ").";
      List<SyncSummary.DecisionLine> lines = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      List<Decision> recorded = new ArrayList<>();
      Thread thread = threadId == 0 ? null : threads.accessIn(h, me, threadId);
      for (DecisionDraft d : c.decisions()) {
        Decision.Draft draft = new Decision.Draft(d.title(), context, null, d.decision(), d.rationale(), null, "accepted", null, null, null,
            thread == null ? null : new Decision.Source("thread", thread.id()));
        recorded.add(decisions.recordIn(h, me, space, draft));
      }
      for (Decision d : recorded) {
        ids.add(d.id());
        lines.add(new SyncSummary.DecisionLine(d.id(), d.number(), d.title(), d.decision(), d.rationale()));
      }
      List<String> people = notes.participantNames(h, sessionId);
      List<SyncSummary.AskLine> askLines = c.asks().stream()
          .map(a -> new SyncSummary.AskLine(c.names().get(a.assigneeId()), a.text(), a.workingDays())).toList();
      String summary = SyncSummary.markdown(s, people, sheet.items(), lines, askLines, c.noDecisionBecause());
      if (summary.length() > SUMMARY_MAX) {
        throw Problem.invalid("notes", "The notes and outcomes together are longer than a reply may be (" + SUMMARY_MAX
            + " characters): shorten the notes.");
      }
      long replyId = 0;
      long postId;
      if (thread != null) {
        replyId = threads.addReplyIn(h, me, thread.id(), summary).id();
        postId = replyId;
      } else {
        thread = threads.startThreadIn(h, me, space.id(), title(s.purpose()), summary);
        threadId = thread.id();
        postId = thread.id();
      }
      List<Long> readers = workspaces.readers(h, space);
      for (int i = 0; i < c.asks().size(); i++) {
        CheckedAsk a = c.asks().get(i);
        PostHooks.Written asked = new PostHooks.Written(thread, postId, replyId == 0, me, "", now, readers,
            Optional.of(new PostHooks.Request(String.valueOf(a.assigneeId()), "P" + a.workingDays() + "D")), false);
        try {
          asks.afterPost(h, asked);
        } catch (Problem p) {
          String field = "asks[" + i + "]." + (p.field().orElse("").endsWith("within") ? "workingDays" : "assignee");
          throw p.status() == 409 ? Problem.conflict(field, p.detail()) : Problem.invalid(field, p.detail());
        }
      }
      store.linkDecisions(h, sessionId, s.workspaceId(), ids);
      store.insertClosing(h, sessionId, s.workspaceId(), me, now, threadId, replyId, c.noDecisionBecause());
      if (!store.markClosed(h, sessionId, now)) throw Problem.conflict("status", "This session was closed or cancelled meanwhile.");
      outbox.append(h, s.workspaceId(), new SyncSessionClosed(sessionId, s.threadId() == 0 ? null : s.threadId(),
          replyId == 0 ? null : replyId, me));
      return new Result(sessionId, threadId, replyId, List.copyOf(ids));
    });
  }

  /** A new thread's title for the summary of a session proposed from a space. */
  private static String title(String purpose) {
    String t = "Sync session: " + purpose.strip().replaceAll("\\s+", " ");
    return t.codePointCount(0, t.length()) <= TITLE_MAX ? t : t.substring(0, t.offsetByCodePoints(0, TITLE_MAX - 1)) + "…";
  }

  // Checking what was given.

  record CheckedAsk(long assigneeId, String text, int workingDays) {}

  record Checked(List<DecisionDraft> decisions, List<CheckedAsk> asks, String noDecisionBecause, Map<Long, String> names) {
    boolean hasOutcome() {
      return !decisions.isEmpty() || !asks.isEmpty() || !noDecisionBecause.isEmpty();
    }
  }

  /** The notes every agenda item needs and the outcome a closing needs: 409 naming what is missing, or nothing. */
  private static void missing(SyncNotes.Sheet sheet, Checked c) {
    List<SyncNotes.Item> missing = sheet.missing();
    if (missing.isEmpty() && c.hasOutcome()) return;
    List<String> says = new ArrayList<>();
    if (!missing.isEmpty()) {
      says.add("notes for " + String.join(", ", missing.stream().map(i -> (i.index() + 1) + ". “" + i.agendaItem() + "”").toList()));
    }
    if (!c.hasOutcome()) says.add("an outcome: a decision, an ask, or why nothing was decided");
    throw Problem.conflict(missing.isEmpty() ? "outcome" : "notes", "A session closes only when it has written back. Missing: "
        + String.join("; and ", says) + ".");
  }

  private Checked check(Handle h, long me, Space space, Outcome o) {
    if (o.decisions().size() > MAX_DECISIONS) throw Problem.invalid("decisions", "'decisions' may list at most " + MAX_DECISIONS + ".");
    if (o.asks().size() > MAX_ASKS) throw Problem.invalid("asks", "'asks' may list at most " + MAX_ASKS + ".");
    List<DecisionDraft> ds = new ArrayList<>();
    for (int i = 0; i < o.decisions().size(); i++) {
      DecisionDraft d = o.decisions().get(i);
      String f = "decisions[" + i + "].";
      ds.add(new DecisionDraft(text(f + "title", d.title(), TITLE_MAX, true), text(f + "decision", d.decision(), TEXT_MAX, true),
          text(f + "rationale", d.rationale(), TEXT_MAX, false)));
    }
    Map<Long, String> names = new HashMap<>();
    List<CheckedAsk> as = new ArrayList<>();
    Set<Long> readers = o.asks().isEmpty() ? Set.of() : new HashSet<>(workspaces.readers(h, space));
    for (int i = 0; i < o.asks().size(); i++) {
      AskDraft a = o.asks().get(i);
      String f = "asks[" + i + "].";
      long assignee = assignee(f + "assignee", a.assignee(), me, readers);
      String text = text(f + "text", a.text(), ASK_TEXT_MAX, true);
      int days = workingDays(f + "workingDays", a.workingDays());
      as.add(new CheckedAsk(assignee, text, days));
      names.put(assignee, "");
    }
    if (!names.isEmpty()) names.putAll(store.names(h, names.keySet()));
    String because = text("noDecisionBecause", o.noDecisionBecause(), TEXT_MAX, false);
    return new Checked(ds, as, because, names);
  }

  private static String text(String field, String given, int max, boolean required) {
    String value = given == null ? "" : given.strip();
    if (required && value.isEmpty()) throw Problem.invalid(field, "'" + field + "' is required.");
    if (value.codePointCount(0, value.length()) > max) throw Problem.invalid(field, "'" + field + "' must be at most " + max + " characters.");
    return value;
  }

  private static long assignee(String field, String raw, long me, Set<Long> readers) {
    if (raw == null || raw.isBlank()) throw Problem.invalid(field, "'" + field + "' is required: the id of the person you ask.");
    long id = Ids.parse(raw.strip());
    if (id == me) throw Problem.invalid(field, "'" + field + "' must be someone else: you cannot ask yourself.");
    if (id < 0 || !readers.contains(id)) throw Problem.invalid(field, "'" + field + "' must be the id of someone who can read this space.");
    return id;
  }

  private static int workingDays(String field, String raw) {
    int days;
    try {
      days = raw == null ? -1 : Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      days = -1;
    }
    if (days < 1 || days > MAX_WORKING_DAYS) {
      throw Problem.invalid(field, "'" + field + "' must be a whole number of working days from 1 to " + MAX_WORKING_DAYS + ".");
    }
    return days;
  }
}
