package dev.longhand.thread;

import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Follow or mute a space or a thread: how much a person hears about it.
 *
 * <ul>
 *   <li>{@code follow}: a notice for every new reply (and, for a space, every new thread), besides the usual ones.</li>
 *   <li>{@code normal}: the usual notices: mentions, replies to one's own thread, acknowledgements of it.</li>
 *   <li>{@code mute}: no notices and no inbox items, except where the post mentions the person directly (a mention
 *       still notifies and still puts the thread in the inbox). Asks and urgent notifications are addressed to the
 *       person and are never muted.</li>
 * </ul>
 *
 * A thread's own level wins over its space's (a followed thread in a muted space is followed); without one, the
 * space's level applies; without that, normal. Anyone who may read the space may set either: it is their own.
 */
public final class Subscriptions {
  /** A level, as the API and the forms spell it. */
  public enum Level {
    FOLLOW, NORMAL, MUTE;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Level parse(String raw) {
      if (raw != null) {
        for (Level l : values()) if (l.key().equals(raw.strip().toLowerCase(Locale.ROOT))) return l;
      }
      throw Problem.invalid("level", "'level' must be one of follow, normal or mute.");
    }

    static Level of(String stored) {
      return valueOf(stored.toUpperCase(Locale.ROOT));
    }
  }

  /** What applies to a person, and where it comes from: {@code thread} (its own), {@code space} or {@code default}. */
  public record State(Level level, String source) {}

  private final Database db;
  private final Clock clock;
  private final WorkspaceService workspaces;
  private final ThreadService threads;
  private static final ThreadStore THREADS = new ThreadStore();
  private final SubscriptionStore store = new SubscriptionStore();

  public Subscriptions(Database db, Clock clock, WorkspaceService workspaces, ThreadService threads) {
    this.db = db;
    this.clock = clock;
    this.workspaces = workspaces;
    this.threads = threads;
  }

  public State ofThread(long me, long threadId) {
    Thread t = threads.access(me, threadId);
    return db.read(h -> Levels.read(h, List.of(t.spaceId()), List.of(t.id())).state(me, t.spaceId(), t.id()));
  }

  public State setThread(long me, long threadId, Level level) {
    Thread t = threads.access(me, threadId);
    db.writeAll(h -> {
      store.set(h, me, 0, t.id(), t.workspaceId(), level, clock.millis());
      THREADS.readersChanged(h, t.id()); // one who unmutes it has no inbox row to keep up to date
      workspaces.readersChanged(h, t.spaceId()); // the space's count names the levels remembered for its threads (LevelMemory)
    });
    return ofThread(me, threadId);
  }

  public State ofSpace(long me, long spaceId) {
    workspaces.accessSpace(me, spaceId);
    return db.read(h -> Levels.read(h, List.of(spaceId), List.of()).state(me, spaceId, 0));
  }

  /** Sets a space's level; {@code normal} removes the person's row, so the space is as it is for everyone. */
  public State setSpace(long me, long spaceId, Level level) {
    Space space = workspaces.accessSpace(me, spaceId).space();
    db.writeAll(h -> {
      if (level == Level.NORMAL) store.clear(h, me, spaceId, 0);
      else store.set(h, me, spaceId, 0, space.workspaceId(), level, clock.millis());
      workspaces.readersChanged(h, spaceId); // one who unmutes it has no inbox rows to keep up to date
    });
    return ofSpace(me, spaceId);
  }

  /**
   * The levels people chose for some spaces and threads, read in one query for a batch of posts (the inbox fan-out
   * and the notices read it beside their other reads).
   */
  public static final class Levels {
    private final Map<Long, Map<Long, Level>> bySpace = new HashMap<>();
    private final Map<Long, Map<Long, Level>> byThread = new HashMap<>();

    static Levels read(Handle h, Collection<Long> spaces, Collection<Long> threads) {
      return of(new SubscriptionStore().rows(h, spaces, threads));
    }

    /** A thread (0: a new one) of a space, and the space's readers version read with it. */
    record At(long spaceId, long threadId, long version) {}

    /**
     * The levels for posts in these threads, those the {@code memory} holds at the versions given taken from it and
     * the rest read in one query. Remembered only from reads outside a transaction, which see committed rows alone (as
     * {@code WorkspaceService.readersAt}); inside one they are read.
     */
    static Levels readAt(Handle h, LevelMemory memory, Collection<At> wanted) {
      Set<Long> spaces = new HashSet<>();
      Set<Long> threads = new HashSet<>();
      if (h.isInTransaction()) {
        wanted.forEach(at -> add(at, spaces, threads));
        return read(h, spaces, threads);
      }
      List<SubscriptionStore.Row> rows = new ArrayList<>();
      List<At> missing = new ArrayList<>();
      for (At at : wanted) {
        List<SubscriptionStore.Row> known = memory.get(new LevelMemory.Place(at.spaceId(), at.threadId()), at.version());
        if (known != null) rows.addAll(known);
        else {
          missing.add(at);
          add(at, spaces, threads);
        }
      }
      if (!missing.isEmpty()) {
        List<SubscriptionStore.Row> read = new SubscriptionStore().rows(h, spaces, threads);
        for (At at : missing) {
          memory.put(new LevelMemory.Place(at.spaceId(), at.threadId()), at.version(), read.stream()
              .filter(r -> r.threadId() == 0 ? r.spaceId() == at.spaceId() : r.threadId() == at.threadId()).toList());
        }
        rows.addAll(read);
      }
      return of(rows);
    }

    /**
     * The levels for posts in these threads when the {@code memory} holds them all at the versions given, else null:
     * for a write that read the versions in its own transaction, which may use what is remembered but, as
     * {@link #readAt} says, remembers nothing.
     */
    static Levels remembered(LevelMemory memory, Collection<At> wanted) {
      List<SubscriptionStore.Row> rows = new ArrayList<>();
      for (At at : wanted) {
        List<SubscriptionStore.Row> known = memory.get(new LevelMemory.Place(at.spaceId(), at.threadId()), at.version());
        if (known == null) return null;
        rows.addAll(known);
      }
      return of(rows);
    }

    private static void add(At at, Set<Long> spaces, Set<Long> threads) {
      spaces.add(at.spaceId());
      if (at.threadId() != 0) threads.add(at.threadId());
    }

    private static Levels of(Collection<SubscriptionStore.Row> rows) {
      Levels levels = new Levels();
      for (SubscriptionStore.Row r : rows) {
        if (r.threadId() != 0) levels.byThread.computeIfAbsent(r.threadId(), k -> new HashMap<>()).put(r.accountId(), Level.of(r.level()));
        else levels.bySpace.computeIfAbsent(r.spaceId(), k -> new HashMap<>()).put(r.accountId(), Level.of(r.level()));
      }
      return levels;
    }

    State state(long account, long spaceId, long threadId) {
      Level own = byThread.getOrDefault(threadId, Map.of()).get(account);
      if (own != null) return new State(own, "thread");
      Level space = bySpace.getOrDefault(spaceId, Map.of()).get(account);
      return space != null ? new State(space, "space") : new State(Level.NORMAL, "default");
    }

    Level level(long account, long spaceId, long threadId) {
      return state(account, spaceId, threadId).level();
    }

    /** The people whose level for the thread is {@code level}, among those who chose one. */
    Set<Long> with(Level level, long spaceId, long threadId) {
      Set<Long> people = new HashSet<>();
      people.addAll(byThread.getOrDefault(threadId, Map.of()).keySet());
      people.addAll(bySpace.getOrDefault(spaceId, Map.of()).keySet());
      people.removeIf(p -> level(p, spaceId, threadId) != level);
      return people;
    }

    /** Those of {@code readers} whose inbox a post in the thread reaches: all but the muted it does not mention. */
    List<Long> inboxReaders(List<Long> readers, Set<Long> mentioned, long spaceId, long threadId) {
      Set<Long> muted = with(Level.MUTE, spaceId, threadId);
      if (muted.isEmpty()) return readers;
      return readers.stream().filter(r -> !muted.contains(r) || mentioned.contains(r)).toList();
    }
  }
}
