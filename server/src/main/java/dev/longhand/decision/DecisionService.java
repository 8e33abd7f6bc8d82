package dev.longhand.decision;

import dev.longhand.due.DueWork;
import dev.longhand.event.DecisionChanged;
import dev.longhand.event.DecisionRecorded;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Decisions: recorded from scratch or from a thread ({@link ThreadResolutions}), changed with every change kept in their
 * history, superseded (the old one is marked and both link to each other), listed in each space's and workspace's
 * log, exported as ADRs. Revisit-by dates are due work ({@link Revisits}) re-planned in every write that moves them.
 *
 * <p>Anyone who may read a space may record and change its decisions; the history says who did what.
 */
public final class DecisionService {
  static final int LOG_LIMIT = 500;

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final Revisits revisits;
  private final DecisionStore store = new DecisionStore();

  public DecisionService(Database db, Ids ids, Clock clock, Outbox outbox, WorkspaceService workspaces, DueWork due,
      dev.longhand.notify.Notifications notifications) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.revisits = new Revisits(due, notifications, workspaces, ids, store);
  }

  /** Records a new decision in a space the person may read; a superseded one is marked and linked back. */
  /** The revisit reminders' due work; Longhand registers it before due work starts. */
  public Map<String, DueWork.Handler> dueWork() {
    return revisits.dueWork();
  }

  public Decision recordDecision(long accountId, long spaceId, Decision.Draft draft) {
    return db.write(h -> recordIn(h, accountId, workspaces.accessSpace(h, accountId, spaceId).space(), draft));
  }

  /**
   * The write behind {@link #recordDecision}, inside a caller's transaction (resolving a thread uses it too, and
   * closing a sync session); the caller has checked that the person may read the space.
   */
  public Decision recordIn(Handle h, long accountId, Space space, Decision.Draft draft) {
    long now = clock.millis();
    Checked c = check(h, accountId, space, draft, null);
    Optional<Decision.Row> old = checkedSupersedes(h, space, draft.supersedes());
    if (c.status() == Decision.Status.SUPERSEDED) {
      throw Problem.invalid("status", "'status' cannot start as superseded: record the newer decision with 'supersedes' instead.");
    }
    Optional<Decision.Source> source = Optional.ofNullable(draft.source()).map(s -> checkedSource(h, accountId, space, s));
    Decision d = new Decision(ids.next(), space.workspaceId(), space.id(), store.nextNumber(h, space.workspaceId()), c.title(),
        c.context(), c.options(), c.decision(), c.rationale(), c.consequences(), c.status(), c.ownerId(), c.revisitBy(),
        old.map(r -> r.decision().id()), Optional.empty(), source, accountId, now, now);
    store.insert(h, d);
    store.addHistory(h, ids.next(), d, accountId, now, "recorded", List.of(new Decision.Change("status", "", d.status().key())));
    revisits.plan(h, d);
    outbox.append(h, d.workspaceId(), new DecisionRecorded(d.id(), d.spaceId(), d.number()));
    old.ifPresent(r -> supersede(h, accountId, r.decision(), d, now));
    return d;
  }

  private void supersede(Handle h, long accountId, Decision old, Decision by, long now) {
    Decision marked = new Decision(old.id(), old.workspaceId(), old.spaceId(), old.number(), old.title(), old.context(), old.options(),
        old.decision(), old.rationale(), old.consequences(), Decision.Status.SUPERSEDED, old.ownerId(), old.revisitBy(),
        old.supersedesId(), Optional.of(by.id()), old.source(), old.createdBy(), old.createdAt(), now);
    store.update(h, marked);
    store.addHistory(h, ids.next(), marked, accountId, now, "superseded", List.of(
        new Decision.Change("status", old.status().key(), "superseded"),
        new Decision.Change("supersededBy", "", "#" + by.number() + " " + by.title())));
    revisits.plan(h, marked);
    outbox.append(h, old.workspaceId(), new DecisionChanged(old.id(), List.of("status", "supersededBy")));
  }

  /** Changes the fields the draft gives (null keeps a field); every change is kept in the history. */
  public Decision changeDecision(long accountId, long decisionId, Decision.Draft change) {
    return db.write(h -> {
      Decision.Row row = readable(h, accountId, decisionId);
      Decision d = row.decision();
      if (change.supersedes() != null && !change.supersedes().isBlank()) {
        throw Problem.invalid("supersedes", "'supersedes' is set when a decision is recorded; record a new decision to supersede this one.");
      }
      Checked c = check(h, accountId, workspaces.accessSpace(h, accountId, d.spaceId()).space(), change, d);
      if (c.status() != d.status() && (c.status() == Decision.Status.SUPERSEDED || d.status() == Decision.Status.SUPERSEDED)) {
        throw Problem.invalid("status", d.status() == Decision.Status.SUPERSEDED
            ? "'status' stays superseded: this decision was replaced by a newer one."
            : "'status' becomes superseded only when a newer decision is recorded with 'supersedes'.");
      }
      long now = clock.millis();
      Decision next = new Decision(d.id(), d.workspaceId(), d.spaceId(), d.number(), c.title(), c.context(), c.options(), c.decision(),
          c.rationale(), c.consequences(), c.status(), c.ownerId(), c.revisitBy(), d.supersedesId(), d.supersededById(), d.source(),
          d.createdBy(), d.createdAt(), now);
      List<Decision.Change> changes = changes(h, d, next);
      if (changes.isEmpty()) return d;
      store.update(h, next);
      store.addHistory(h, ids.next(), next, accountId, now, "changed", changes);
      if (!d.revisitBy().equals(next.revisitBy()) || d.ownerId() != next.ownerId() || d.status() != next.status()) revisits.plan(h, next);
      outbox.append(h, d.workspaceId(), new DecisionChanged(d.id(), changes.stream().map(Decision.Change::field).toList()));
      return next;
    });
  }

  /** The title of a thread or document a decision may come from, when the person may read it. */
  public Optional<String> sourceTitle(long accountId, Decision.Source source) {
    return db.read(h -> DecisionSources.readable(h, workspaces, accountId, source).map(DecisionSources.Ref::title));
  }

  /** A decision with its links both ways and its history, for a reader of its space. */
  public Decision.Detail decision(long accountId, long decisionId) {
    return db.read(h -> {
      Decision.Row row = readable(h, accountId, decisionId);
      Decision d = row.decision();
      Optional<Decision.Link> supersedes = d.supersedesId().flatMap(id -> link(h, accountId, id));
      Optional<Decision.Link> supersededBy = d.supersededById().flatMap(id -> link(h, accountId, id));
      Optional<Decision.Origin> origin = d.source()
          .map(s -> new Decision.Origin(s, DecisionSources.readable(h, workspaces, accountId, s).map(DecisionSources.Ref::title)));
      String workspaceName = store.workspaceName(h, d.workspaceId());
      return new Decision.Detail(d, row.spaceName(), workspaceName, row.owner(), supersedes, supersededBy, origin, store.history(h, d.id()));
    });
  }

  /** A space's decision log, newest first, filtered; dates are days in {@code zone}. */
  public List<Decision.Row> spaceLog(long accountId, long spaceId, Decision.Filter filter, ZoneId zone) {
    return db.read(h -> {
      workspaces.accessSpace(h, accountId, spaceId);
      return filtered(h, List.of(spaceId), filter, zone);
    });
  }

  /** The decisions of every space of the workspace the person may read, newest first, filtered. */
  public List<Decision.Row> workspaceLog(long accountId, long workspaceId, Decision.Filter filter, ZoneId zone) {
    List<Long> spaces = workspaces.spaces(accountId, workspaceId).stream().map(Space::id).toList();
    return db.read(h -> filtered(h, spaces, filter, zone));
  }

  /** The workspace's decisions the person may read, as ADR Markdown files in a zip. */
  public byte[] exportAdrs(long accountId, long workspaceId, ZoneId zone) {
    List<Long> spaces = workspaces.spaces(accountId, workspaceId).stream().map(Space::id).toList();
    return AdrExport.zip(db.read(h -> store.allInSpaces(h, spaces)), zone);
  }

  /** The people who may own a decision in this space: its readers. */
  public List<dev.longhand.workspace.Workspace.Member> possibleOwners(long accountId, long spaceId) {
    return workspaces.spaceReaders(accountId, spaceId);
  }

  /** The workspace and the people in it, for the workspace log's filters. */
  public dev.longhand.workspace.Workspace.Membership workspace(long accountId, long workspaceId) {
    return workspaces.accessWorkspace(accountId, workspaceId);
  }

  public List<dev.longhand.workspace.Workspace.Member> workspaceMembers(long accountId, long workspaceId) {
    return workspaces.members(accountId, workspaceId);
  }

  /** A space the person may read, for the decision form. */
  public Space.Access space(long accountId, long spaceId) {
    return workspaces.accessSpace(accountId, spaceId);
  }

  private List<Decision.Row> filtered(Handle h, List<Long> spaces, Decision.Filter f, ZoneId zone) {
    long from = f.from().map(d -> d.atStartOfDay(zone).toInstant().toEpochMilli()).orElse(Long.MIN_VALUE);
    long to = f.to().map(d -> d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli()).orElse(Long.MAX_VALUE);
    return store.inSpaces(h, spaces, f, from, to, LOG_LIMIT);
  }

  Decision.Row readable(Handle h, long accountId, long decisionId) {
    Decision.Row row = store.find(h, decisionId).orElseThrow(() -> Problem.notFound("decision"));
    try {
      workspaces.accessSpace(h, accountId, row.decision().spaceId());
    } catch (Problem p) {
      throw Problem.notFound("decision");
    }
    return row;
  }

  private Optional<Decision.Link> link(Handle h, long accountId, long id) {
    try {
      Decision d = readable(h, accountId, id).decision();
      return Optional.of(new Decision.Link(d.id(), d.number(), d.title(), d.status()));
    } catch (Problem notReadable) {
      return Optional.empty();
    }
  }

  /** A thread as decisions see it: where it lives, its title and opening post. */
  public record ThreadRef(long id, long workspaceId, long spaceId, String title, String body) {}

  // Checking a draft.

  record Checked(String title, String context, List<Decision.Option> options, String decision, String rationale,
                 String consequences, Decision.Status status, long ownerId, Optional<LocalDate> revisitBy) {}

  /** Checks a draft against {@code current} (null for a new decision: then title and decision are required). */
  private Checked check(Handle h, long accountId, Space space, Decision.Draft in, Decision current) {
    String title = text("title", in.title(), current == null ? null : current.title(), DecisionInput.TITLE_MAX, true);
    String context = text("context", in.context(), current == null ? "" : current.context(), DecisionInput.TEXT_MAX, false);
    String decision = text("decision", in.decision(), current == null ? null : current.decision(), DecisionInput.TEXT_MAX, true);
    String rationale = text("rationale", in.rationale(), current == null ? "" : current.rationale(), DecisionInput.TEXT_MAX, false);
    String consequences = text("consequences", in.consequences(), current == null ? "" : current.consequences(), DecisionInput.TEXT_MAX, false);
    List<Decision.Option> options = in.options() == null ? (current == null ? List.of() : current.options()) : options(in.options());
    Decision.Status status = in.status() == null || (in.status().isBlank() && current == null)
        ? (current == null ? Decision.Status.ACCEPTED : current.status())
        : Decision.Status.of(in.status()).orElseThrow(() -> Problem.invalid("status",
            "'status' must be one of " + String.join(", ", Decision.Status.KEYS) + ", not '" + in.status() + "'."));
    long owner = in.owner() == null || in.owner().isBlank() ? (current == null ? accountId : current.ownerId()) : owner(h, space, in.owner());
    Optional<LocalDate> revisitBy = in.revisitBy() == null ? (current == null ? Optional.empty() : current.revisitBy())
        : revisitBy(h, in.revisitBy(), owner, current);
    return new Checked(title, context, options, decision, rationale, consequences, status, owner, revisitBy);
  }

  private static String text(String field, String given, String current, int max, boolean required) {
    String value = given == null ? current : given.strip();
    if (required && (value == null || value.isBlank())) throw Problem.invalid(field, "'" + field + "' is required.");
    if (value == null) return "";
    if (value.codePointCount(0, value.length()) > max) throw Problem.invalid(field, "'" + field + "' must be at most " + max + " characters.");
    return value;
  }

  private static List<Decision.Option> options(List<Decision.Option> given) {
    if (given.size() > DecisionInput.OPTIONS_MAX) {
      throw Problem.invalid("options", "'options' can list at most " + DecisionInput.OPTIONS_MAX + " options.");
    }
    List<Decision.Option> out = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      Decision.Option o = given.get(i);
      String field = "options[" + i + "]";
      String title = o.title() == null ? "" : o.title().strip();
      if (title.isEmpty()) throw Problem.invalid(field + ".title", "'" + field + ".title' is required: name the option.");
      if (title.length() > DecisionInput.TITLE_MAX) {
        throw Problem.invalid(field + ".title", "'" + field + ".title' must be at most " + DecisionInput.TITLE_MAX + " characters.");
      }
      for (String list : List.of("pros", "cons")) {
        List<String> lines = list.equals("pros") ? o.pros() : o.cons();
        if (lines.size() > 30) throw Problem.invalid(field + "." + list, "'" + field + "." + list + "' can list at most 30 points.");
        if (lines.stream().anyMatch(l -> l.length() > DecisionInput.LINE_MAX)) {
          throw Problem.invalid(field + "." + list, "Each point of '" + field + "." + list + "' must be at most " + DecisionInput.LINE_MAX + " characters.");
        }
      }
      out.add(new Decision.Option(title, List.copyOf(o.pros()), List.copyOf(o.cons())));
    }
    return out;
  }

  private long owner(Handle h, Space space, String raw) {
    long id = Ids.parse(raw.strip());
    if (id < 0 || !workspaces.readers(h, space).contains(id)) {
      throw Problem.invalid("owner", "'owner' must be the id of someone who can read this space.");
    }
    return id;
  }

  private Optional<LocalDate> revisitBy(Handle h, String raw, long ownerId, Decision current) {
    if (raw.isBlank()) return Optional.empty();
    LocalDate date = Input.date("revisitBy", raw);
    if (current != null && current.revisitBy().equals(Optional.of(date))) return Optional.of(date);
    LocalDate today = LocalDate.now(clock.withZone(revisits.zoneOf(h, ownerId)));
    if (date.isBefore(today)) throw Problem.invalid("revisitBy", "'revisitBy' must be today or later in the owner's zone (" + today + ").");
    if (date.isAfter(today.plusYears(20))) throw Problem.invalid("revisitBy", "'revisitBy' must be within 20 years.");
    return Optional.of(date);
  }

  private Optional<Decision.Row> checkedSupersedes(Handle h, Space space, String raw) {
    if (raw == null || raw.isBlank()) return Optional.empty();
    long id = Ids.parse(raw.strip());
    Optional<Decision.Row> old = id < 0 ? Optional.empty() : store.find(h, id).filter(r -> r.decision().spaceId() == space.id());
    if (old.isEmpty()) throw Problem.invalid("supersedes", "'supersedes' must be the id of a decision in this space.");
    Decision d = old.get().decision();
    if (d.status() == Decision.Status.SUPERSEDED || d.status() == Decision.Status.REJECTED) {
      throw Problem.invalid("supersedes", "'supersedes' must be a proposed or accepted decision; #" + d.number() + " is " + d.status().key() + ".");
    }
    return old;
  }

  private Decision.Source checkedSource(Handle h, long accountId, Space space, Decision.Source s) {
    Optional<DecisionSources.Ref> ref = DecisionSources.readable(h, workspaces, accountId, s);
    if (ref.isEmpty() || ref.get().workspaceId() != space.workspaceId()) {
      throw Problem.invalid("source.id", "'source.id' must be the id of a " + s.kind() + " in this workspace that you can read.");
    }
    return s;
  }

  /** What a change altered, field by field, as readers read it. */
  private List<Decision.Change> changes(Handle h, Decision a, Decision b) {
    Map<String, String[]> pairs = new LinkedHashMap<>();
    pairs.put("title", new String[] {a.title(), b.title()});
    pairs.put("status", new String[] {a.status().key(), b.status().key()});
    pairs.put("context", new String[] {a.context(), b.context()});
    pairs.put("options", new String[] {AdrExport.optionsText(a.options()), AdrExport.optionsText(b.options())});
    pairs.put("decision", new String[] {a.decision(), b.decision()});
    pairs.put("rationale", new String[] {a.rationale(), b.rationale()});
    pairs.put("consequences", new String[] {a.consequences(), b.consequences()});
    pairs.put("revisitBy", new String[] {a.revisitBy().map(LocalDate::toString).orElse(""), b.revisitBy().map(LocalDate::toString).orElse("")});
    if (a.ownerId() != b.ownerId()) pairs.put("owner", new String[] {revisits.nameOf(h, a.ownerId()), revisits.nameOf(h, b.ownerId())});
    List<Decision.Change> out = new ArrayList<>();
    pairs.forEach((field, v) -> {
      if (!v[0].equals(v[1])) out.add(new Decision.Change(field, v[0], v[1]));
    });
    return out;
  }
}
