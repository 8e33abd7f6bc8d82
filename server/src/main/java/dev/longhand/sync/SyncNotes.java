package dev.longhand.sync;

import dev.longhand.event.SyncNotesSaved;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Outbox;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Relation;
import dev.longhand.workspace.Space;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A sync session's shared notes, one text per agenda item, which everyone on the session's page sees change live
 * ({@link SyncNotesLive} hears {@code SyncNotesSaved} after commit).
 *
 * <p>Readers of the session's thread (its space's readers) read them; its participants, its organiser and the
 * workspace's owners and admins write them, while the session is proposed or scheduled. No edit is lost silently: a
 * save may name the revision of the item it was written from, and is refused (409) when someone saved that item
 * since; a save that names no revision overwrites (last write wins for that item), as a form post without script does.
 */
public final class SyncNotes {
  /** The longest notes of one agenda item; twenty items of it still fit in one summary reply. */
  public static final int NOTES_MAX = 2000;

  private final Database db;
  private final Clock clock;
  private final Outbox outbox;
  private final SyncSessionService sessions;
  private final SyncNotesStore store = new SyncNotesStore();

  public SyncNotes(Database db, Clock clock, Outbox outbox, SyncSessionService sessions) {
    this.db = db;
    this.clock = clock;
    this.outbox = outbox;
    this.sessions = sessions;
  }

  /** One item's notes as stored. */
  record Stored(int position, String notes, int revision, long updatedBy, String updatedByName, long updatedAt) {}

  /** An agenda item with its notes; {@code revision} 0 and no {@code updatedBy} while nobody wrote any. */
  public record Item(int index, String agendaItem, String notes, int revision, long updatedBy, String updatedByName, long updatedAt) {
    public boolean written() {
      return !notes.isBlank();
    }
  }

  /** The notes of a session as one reader sees them, and what they may do. */
  public record Sheet(SyncSession session, List<Item> items, boolean mayWrite, boolean mayClose) {
    /** The agenda items that still have no notes. */
    public List<Item> missing() {
      return items.stream().filter(i -> !i.written()).toList();
    }
  }

  /** One item's new notes; {@code revision} the one they were written from, when the writer says. */
  public record Save(int index, String notes, Optional<Integer> revision) {}

  /** How the reader stands to a session they may read. */
  record Reach(SyncSession session, Space.Access access, boolean participant) {
    Set<Relation> relations(long me) {
      Set<Relation> held = EnumSet.noneOf(Relation.class);
      if (session.organiserId() == me) held.add(Relation.ORGANISER);
      if (participant) held.add(Relation.PARTICIPANT);
      return access.relations(held);
    }

    boolean may(long me, Action action) {
      return Permissions.can(access.role(), action, relations(me));
    }
  }

  /** The session's notes for a reader of its thread; unknown, foreign and unreadable sessions are all "not found". */
  public Sheet sheet(long me, long sessionId) {
    return db.read(h -> sheet(h, me, reach(h, me, sessionId)));
  }

  /** Checks that the person may read the session, for its live stream, which subscribes once. */
  public void access(long me, long sessionId) {
    db.read(h -> reach(h, me, sessionId));
  }

  /**
   * Saves notes of some agenda items, all or none: participants, the organiser and admins may while the session is
   * open; an index outside the agenda, an index given twice or notes too long are refused naming the field; a stale
   * revision is a conflict naming the item. Notes that did not change are not saved again.
   */
  public Sheet save(long me, long sessionId, List<Save> saves) {
    return db.write(h -> {
      Reach r = reach(h, me, sessionId);
      Permissions.check(r.access().role(), Action.WRITE_SYNC_NOTES, r.relations(me));
      if (!r.session().open()) {
        throw Problem.conflict("status", "This session is " + r.session().status().key() + ": its notes no longer change.");
      }
      List<String> agenda = agenda(h, sessionId);
      if (saves.isEmpty()) throw Problem.invalid("items", "'items' must name at least one agenda item and its notes.");
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < saves.size(); i++) {
        Save s = saves.get(i);
        if (s.index() < 0 || s.index() >= agenda.size()) {
          throw Problem.invalid("items[" + i + "].agendaIndex", "'items[" + i + "].agendaIndex' must be an agenda item's index, 0 to "
              + (agenda.size() - 1) + ".");
        }
        if (!seen.add(s.index())) {
          throw Problem.invalid("items[" + i + "].agendaIndex", "'items[" + i + "].agendaIndex' names agenda item " + s.index() + " twice.");
        }
        if (s.notes().codePointCount(0, s.notes().length()) > NOTES_MAX) {
          throw Problem.invalid("items[" + i + "].notes", "'items[" + i + "].notes' must be at most " + NOTES_MAX + " characters.");
        }
      }
      Map<Integer, Stored> now = new HashMap<>();
      for (Stored s : store.notes(h, sessionId)) now.put(s.position(), s);
      long at = clock.millis();
      boolean changed = false;
      for (int i = 0; i < saves.size(); i++) {
        Save s = saves.get(i);
        Stored old = now.get(s.index());
        int current = old == null ? 0 : old.revision();
        if (s.revision().isPresent() && s.revision().get() != current) throw stale(i, agenda.get(s.index()), old);
        if (old != null && old.notes().equals(s.notes())) continue;
        if (old == null) store.insert(h, sessionId, r.session().workspaceId(), s.index(), s.notes(), me, at);
        else if (!store.update(h, sessionId, s.index(), current, s.notes(), me, at)) throw stale(i, agenda.get(s.index()), old);
        changed = true;
      }
      if (changed) outbox.append(h, r.session().workspaceId(), new SyncNotesSaved(sessionId, me));
      return sheet(h, me, r);
    });
  }

  private static Problem stale(int i, String item, Stored old) {
    String who = old == null ? "Someone" : old.updatedByName();
    return Problem.conflict("items[" + i + "].revision", who + " saved the notes of “" + item + "” since you loaded them"
        + (old == null ? "" : " (revision " + old.revision() + ")") + ": load them again, then save your change.");
  }

  /** The session, if the person may read it (its space, and its thread while it lives), else "not found". */
  Reach reach(Handle h, long me, long sessionId) {
    if (sessionId < 0) throw Problem.notFound("sync session");
    SyncSessionService.Readable r = sessions.readable(h, me, sessionId);
    return new Reach(r.session(), r.access(), store.isParticipant(h, sessionId, me));
  }

  /** The session with its agenda and people, as the sync pages show it. */
  SyncSession.Detail detail(Handle h, SyncSession s) {
    return sessions.detail(h, s);
  }

  /** The participants' names, the organiser first. */
  List<String> participantNames(Handle h, long sessionId) {
    return sessions.store().participants(h, sessionId).stream().map(p -> p.person().name()).toList();
  }

  /** The agenda's items' texts, in order. */
  List<String> agenda(Handle h, long sessionId) {
    return sessions.store().agenda(h, sessionId).stream().map(SyncSession.AgendaItem::text).toList();
  }

  Sheet sheet(Handle h, long me, Reach r) {
    List<String> agenda = agenda(h, r.session().id());
    Map<Integer, Stored> stored = new HashMap<>();
    for (Stored s : store.notes(h, r.session().id())) stored.put(s.position(), s);
    List<Item> items = new ArrayList<>(agenda.size());
    for (int i = 0; i < agenda.size(); i++) {
      Stored s = stored.get(i);
      items.add(s == null ? new Item(i, agenda.get(i), "", 0, 0, "", 0)
          : new Item(i, agenda.get(i), s.notes(), s.revision(), s.updatedBy(), s.updatedByName(), s.updatedAt()));
    }
    boolean open = r.session().open();
    return new Sheet(r.session(), List.copyOf(items), open && r.may(me, Action.WRITE_SYNC_NOTES), open && r.may(me, Action.CLOSE_SYNC_SESSION));
  }
}
