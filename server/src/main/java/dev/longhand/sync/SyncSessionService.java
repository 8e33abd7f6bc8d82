package dev.longhand.sync;

import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Sync sessions: proposed from a thread or a space by anyone who writes there, with a purpose, an agenda and
 * participants who may read it; read by whoever may read the space (and the thread, while it lives). Unknown ids,
 * foreign ones and sessions of spaces or threads one cannot read are all "not found".
 */
public final class SyncSessionService {
  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final WorkspaceService workspaces;
  private final SyncSessionStore store = new SyncSessionStore();

  public SyncSessionService(Database db, Ids ids, Clock clock, WorkspaceService workspaces) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.workspaces = workspaces;
  }

  public Database db() {
    return db;
  }

  public Clock clock() {
    return clock;
  }

  public SyncSessionStore store() {
    return store;
  }

  /** Proposes a session from a thread the person may read and write in. */
  public SyncSession.Detail propose(long accountId, long threadId, SyncSession.Proposal p) {
    return db.write(h -> {
      SyncSessionStore.ThreadRef t = store.thread(h, threadId).orElseThrow(() -> Problem.notFound("thread"));
      Space.Access access = spaceOf(h, accountId, t.spaceId(), "thread");
      return propose(h, accountId, access, t.id(), p);
    });
  }

  /** The same as {@link #propose(long, long, SyncSession.Proposal)}: its name in the first commit, kept for callers of it. */
  public SyncSession.Detail proposeFromThread(long accountId, long threadId, SyncSession.Proposal p) {
    return propose(accountId, threadId, p);
  }

  /** Proposes a session from a space the person may read and write in. */
  public SyncSession.Detail proposeInSpace(long accountId, long spaceId, SyncSession.Proposal p) {
    return db.write(h -> propose(h, accountId, workspaces.accessSpace(h, accountId, spaceId), 0, p));
  }

  private SyncSession.Detail propose(Handle h, long accountId, Space.Access access, long threadId, SyncSession.Proposal p) {
    Permissions.check(access.role(), Action.POST, access.relations());
    String purpose = purpose(p.purpose());
    List<String> agenda = agenda(p.agenda());
    int minutes = minutes(p.minutes());
    String link = callLink(p.callLink());
    Set<Long> people = participants(h, access.space(), accountId, p.participants());
    long now = clock.millis();
    SyncSession s = new SyncSession(ids.next(), access.space().workspaceId(), access.space().id(), threadId, accountId, purpose,
        minutes, SyncSession.Status.PROPOSED, 0, 0, 0, link, now, now, 0);
    store.insert(h, s);
    store.insertAgenda(h, s, agenda);
    store.insertParticipants(h, s, people, now);
    return detail(h, s);
  }

  /** A thread the person may read and propose a session from, with the people who may take part (its space's readers). */
  public Proposing propose(long accountId, long threadId) {
    return db.read(h -> {
      SyncSessionStore.ThreadRef t = store.thread(h, threadId).orElseThrow(() -> Problem.notFound("thread"));
      Space.Access access = spaceOf(h, accountId, t.spaceId(), "thread");
      Set<Long> readers = new HashSet<>(workspaces.readers(h, access.space()));
      List<SyncSession.Person> people = store.people(h, readers);
      return new Proposing(t, access, people);
    });
  }

  /** What the propose form offers for a session proposed from a space (no thread): who may take part, by name. */
  public Proposing proposeInSpace(long accountId, long spaceId) {
    return db.read(h -> {
      Space.Access access = workspaces.accessSpace(h, accountId, spaceId);
      return new Proposing(null, access, store.people(h, new HashSet<>(workspaces.readers(h, access.space()))));
    });
  }

  /** What the propose form offers: the thread (null when proposed from a space), and who may take part, by name. */
  public record Proposing(SyncSessionStore.ThreadRef thread, Space.Access access, List<SyncSession.Person> people) {}

  /** A session the person may read, with its agenda and people. */
  public SyncSession.Detail session(long accountId, long sessionId) {
    return db.read(h -> detail(h, readable(h, accountId, sessionId).session()));
  }

  /** A session and the reader's standing in its space; "not found" unless they may read it. */
  public Readable readable(Handle h, long accountId, long sessionId) {
    SyncSession s = store.find(h, sessionId).orElseThrow(() -> Problem.notFound("sync session"));
    if (s.threadId() != 0 && store.thread(h, s.threadId()).isEmpty()) throw Problem.notFound("sync session");
    return new Readable(s, spaceOf(h, accountId, s.spaceId(), "sync session"));
  }

  /** A readable session and how its reader stands to its space. */
  public record Readable(SyncSession session, Space.Access access) {}

  public SyncSession.Detail detail(Handle h, SyncSession s) {
    String title = s.threadId() == 0 ? "" : store.thread(h, s.threadId()).map(SyncSessionStore.ThreadRef::title).orElse("");
    return new SyncSession.Detail(s, store.person(h, s.organiserId()), store.agenda(h, s.id()), store.participants(h, s.id()), title);
  }

  /** A thread's sessions for a reader of it, newest first. */
  public List<SyncSession> ofThread(long accountId, long threadId) {
    return db.read(h -> {
      SyncSessionStore.ThreadRef t = store.thread(h, threadId).orElseThrow(() -> Problem.notFound("thread"));
      spaceOf(h, accountId, t.spaceId(), "thread");
      return store.ofThread(h, threadId, 20);
    });
  }

  /**
   * A thread's latest sessions, newest first, for the thread panel: the thread page asks only after it checked that
   * its viewer may read the thread (the {@code ThreadPanel} contract), so this is one query.
   */
  List<SyncSession> ofReadThread(long threadId) {
    return db.read(h -> store.ofThread(h, threadId, 20));
  }

  /** Whether someone may still read a space: a participant removed since the session was planned hears nothing of it. */
  boolean mayRead(Handle h, long accountId, long spaceId) {
    try {
      workspaces.accessSpace(h, accountId, spaceId);
      return true;
    } catch (Problem p) {
      return false;
    }
  }

  private Space.Access spaceOf(Handle h, long accountId, long spaceId, String what) {
    try {
      return workspaces.accessSpace(h, accountId, spaceId);
    } catch (Problem p) {
      throw Problem.notFound(what);
    }
  }

  static String purpose(String raw) {
    String p = raw == null ? "" : raw.strip();
    if (p.isEmpty()) throw Problem.invalid("purpose", "'purpose' is required: say why this needs a synchronous moment.");
    if (p.codePointCount(0, p.length()) > SyncSession.MAX_PURPOSE) {
      throw Problem.invalid("purpose", "'purpose' must be at most " + SyncSession.MAX_PURPOSE + " characters.");
    }
    return p;
  }

  static List<String> agenda(List<String> raw) {
    List<String> items = new ArrayList<>();
    for (String item : raw == null ? List.<String>of() : raw) {
      String t = item == null ? "" : item.strip();
      if (t.isEmpty()) continue;
      if (t.codePointCount(0, t.length()) > SyncSession.MAX_AGENDA_TEXT) {
        throw Problem.invalid("agenda", "Each agenda item must be at most " + SyncSession.MAX_AGENDA_TEXT + " characters.");
      }
      items.add(t);
    }
    if (items.isEmpty()) throw Problem.invalid("agenda", "'agenda' needs at least one item.");
    if (items.size() > SyncSession.MAX_AGENDA_ITEMS) {
      throw Problem.invalid("agenda", "'agenda' may have at most " + SyncSession.MAX_AGENDA_ITEMS + " items.");
    }
    return items;
  }

  static int minutes(Integer raw) {
    if (raw == null) throw Problem.invalid("minutes", "'minutes' is required: how long the session lasts.");
    if (raw < SyncSession.MIN_MINUTES || raw > SyncSession.MAX_MINUTES) {
      throw Problem.invalid("minutes", "'minutes' must be between " + SyncSession.MIN_MINUTES + " and " + SyncSession.MAX_MINUTES + ".");
    }
    return raw;
  }

  /** An http(s) address of a call (any video tool), or empty. */
  static String callLink(String raw) {
    String l = raw == null ? "" : raw.strip();
    if (l.isEmpty()) return "";
    if (l.length() > SyncSession.MAX_CALL_LINK) {
      throw Problem.invalid("callLink", "'callLink' must be at most " + SyncSession.MAX_CALL_LINK + " characters.");
    }
    try {
      URI u = new URI(l);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && !u.getHost().isBlank()) return l;
    } catch (java.net.URISyntaxException e) {
      // refused below
    }
    throw Problem.invalid("callLink", "'callLink' must be an http or https address, such as https://meet.example.com/abc.");
  }

  /** The organiser first, then the named people; every one must read the space. */
  private Set<Long> participants(Handle h, Space space, long organiserId, List<Long> named) {
    Set<Long> out = new LinkedHashSet<>();
    out.add(organiserId);
    if (named != null) out.addAll(named);
    if (out.size() < 2) throw Problem.invalid("participants", "'participants' must name at least one other person.");
    if (out.size() > SyncSession.MAX_PARTICIPANTS) {
      throw Problem.invalid("participants", "A session has at most " + SyncSession.MAX_PARTICIPANTS + " participants.");
    }
    Set<Long> readers = new HashSet<>(workspaces.readers(h, space));
    for (long id : out) {
      if (id <= 0) throw Problem.invalid("participants", "Each participant must be a person's id.");
      if (!readers.contains(id)) throw Problem.invalid("participants", "Person " + id + " cannot read this space, so cannot take part.");
    }
    return out;
  }
}
