package dev.longhand.draft;

import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Drafts on the server, saved as people type: one per person and composer ({@link Drafts} names the keys), private to
 * their author (nobody else can read, overwrite or even learn of one: another person's key is simply theirs, empty).
 * Saving checks that the author may read the place the key names (a thread, a space, a document), and reading
 * checks it again, so a draft in a space someone has lost is not shown to them. A draft with neither title nor body
 * is removed. A save says when its composer's text began ({@code basedOn}, the page's time): once the post of that
 * key was sent after that, the save is refused (409), so a save still in flight when the post went cannot bring the
 * sent text back. A save without it (a client that keeps no such time) is taken as it comes.
 */
public final class DraftService {
  public static final int TITLE_MAX = 200;
  public static final int BODY_MAX = 50_000;

  /** A saved draft. */
  public record Draft(String key, String title, String body, long updatedAt) {}

  private final Database db;
  private final Clock clock;
  private final WorkspaceService workspaces;
  private final DraftStore store = new DraftStore();

  public DraftService(Database db, Clock clock, WorkspaceService workspaces) {
    this.db = db;
    this.clock = clock;
    this.workspaces = workspaces;
  }

  /** The person's draft under the key, if any. */
  public Optional<Draft> get(long me, String rawKey) {
    String key = key(rawKey);
    return db.read(h -> {
      place(h, me, key);
      return store.get(h, me, key).map(r -> new Draft(r.key(), r.title(), r.body(), r.updatedAt()));
    });
  }

  /** Saves (or, when empty, removes) the person's draft; empty answer when removed. */
  public Optional<Draft> save(long me, String rawKey, String title, String body) {
    return save(me, rawKey, title, body, Optional.empty());
  }

  /**
   * As {@link #save(long, String, String, String)}, for a composer whose text began at {@code basedOn}: refused, with
   * nothing changed, when that key's post was sent after it.
   */
  public Optional<Draft> save(long me, String rawKey, String title, String body, Optional<Instant> basedOn) {
    String key = key(rawKey);
    String t = title == null ? "" : title;
    String b = body == null ? "" : body;
    if (t.length() > TITLE_MAX) throw Problem.invalid("title", "'title' must be at most " + TITLE_MAX + " characters.");
    if (b.length() > BODY_MAX) throw Problem.invalid("body", "'body' must be at most " + BODY_MAX + " characters.");
    if (!t.isEmpty() && !key.startsWith("thread:")) throw Problem.invalid("title", "Only a new thread's draft has a title.");
    long now = clock.millis();
    return db.write(h -> {
      long workspace = place(h, me, key);
      if (basedOn.isPresent() && store.sentAt(h, me, key).orElse(0L) > basedOn.get().toEpochMilli()) {
        throw Problem.conflict("basedOn", "This text was sent after it was begun; it is not kept as a draft.");
      }
      if (t.isBlank() && b.isBlank()) {
        store.discard(h, me, key);
        return Optional.empty();
      }
      store.save(h, me, key, workspace, t, b, now);
      return Optional.of(new Draft(key, t, b, now));
    });
  }

  /** Removes the person's draft (a composer cleared, or sent by a client that keeps its own); nothing there is fine. */
  public void discard(long me, String rawKey) {
    String key = key(rawKey);
    db.writeAll(h -> {
      place(h, me, key);
      store.discard(h, me, key);
    });
  }

  /** The key in its one spelling; a key that names nothing is "not found", as a draft that does not exist. */
  static String key(String raw) {
    String s = raw == null ? "" : raw.strip();
    int colon = s.indexOf(':');
    String kind = colon < 0 ? "" : s.substring(0, colon);
    long id = colon < 0 ? -1 : Ids.parse(s.substring(colon + 1));
    if (!(kind.equals("reply") || kind.equals("thread") || kind.equals("comment")) || id < 0) {
      throw Problem.notFound("draft");
    }
    return kind + ":" + id;
  }

  /** The workspace of what the key names, when the person may read it; "not found" otherwise, whatever the reason. */
  private long place(Handle h, long me, String key) {
    int colon = key.indexOf(':');
    String kind = key.substring(0, colon);
    long id = Long.parseLong(key.substring(colon + 1));
    Optional<Long> space = switch (kind) {
      case "reply" -> store.spaceOfThread(h, id);
      case "comment" -> store.spaceOfDocument(h, id);
      default -> Optional.of(id);
    };
    if (space.isEmpty()) throw Problem.notFound("draft");
    try {
      return workspaces.accessSpace(h, me, space.get()).space().workspaceId();
    } catch (Problem p) {
      throw p.status() == 404 ? Problem.notFound("draft") : p;
    }
  }
}
