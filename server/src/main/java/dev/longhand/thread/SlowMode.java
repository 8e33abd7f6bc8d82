package dev.longhand.thread;

import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Relation;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Slow mode: the least time between one person's replies in a thread, set by its author, the space's creator or an
 * admin of the workspace. The interval lives on the thread's row; the reply batch ({@link Replies}) refuses a reply
 * that comes too soon (429 with Retry-After, naming the time), and the composer says when the reader may post next.
 */
public final class SlowMode {
  public static final Duration SHORTEST = Duration.ofMinutes(1);
  public static final Duration LONGEST = Duration.ofDays(1);

  /** A thread's slow mode for one reader: the interval (zero: off), when they may reply next (null: now), and whether they may change it. */
  public record Status(Duration interval, Instant nextReplyAt, boolean mayChange) {
    public boolean on() {
      return !interval.isZero();
    }
  }

  private final Database db;
  private final Clock clock;
  private final WorkspaceService workspaces;
  private final ThreadStore store;

  SlowMode(Database db, Clock clock, WorkspaceService workspaces, ThreadStore store) {
    this.db = db;
    this.clock = clock;
    this.workspaces = workspaces;
    this.store = store;
  }

  /** The interval written as ISO-8601 ({@code PT30M}); null or blank turns slow mode off; anything else is refused naming {@code interval}. */
  public static Duration parse(String raw) {
    if (raw == null || raw.isBlank() || raw.strip().equals("off")) return Duration.ZERO;
    Duration d;
    try {
      d = Duration.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw Problem.invalid("interval", "'interval' must be an ISO-8601 duration such as PT30M, or null to turn slow mode off.");
    }
    if (d.compareTo(SHORTEST) < 0 || d.compareTo(LONGEST) > 0 || d.getNano() != 0) {
      throw Problem.invalid("interval", "'interval' must be between 1 minute (PT1M) and 1 day (PT24H), in whole seconds.");
    }
    return d;
  }

  /**
   * Sets (or, with null or "off", ends) the thread's slow mode from the interval as written ({@code sent}: whether the
   * request named it at all); readers who may not are told 403, others 404, both before the interval is looked at.
   */
  public Status set(long accountId, long threadId, String interval, boolean sent) {
    return db.write(h -> {
      ThreadStore.Located l = located(h, accountId, threadId);
      Permissions.check(l.role(), Action.SET_SLOW_MODE, relations(h, accountId, l));
      if (!sent) throw Problem.invalid("interval", "'interval' is required: an ISO-8601 duration such as PT30M, or null to turn slow mode off.");
      Duration d = parse(interval);
      store.setSlowMode(h, threadId, d.toSeconds());
      return status(h, accountId, threadId, d, true);
    });
  }

  /** The thread's slow mode as this reader sees it (they may read the thread, else 404). */
  public Status status(long accountId, long threadId) {
    return db.read(h -> {
      ThreadStore.Located l = located(h, accountId, threadId);
      Duration interval = Duration.ofSeconds(store.slowMode(h, threadId));
      return status(h, accountId, threadId, interval, Permissions.can(l.role(), Action.SET_SLOW_MODE, relations(h, accountId, l)));
    });
  }

  private Status status(Handle h, long accountId, long threadId, Duration interval, boolean mayChange) {
    if (interval.isZero()) return new Status(interval, null, mayChange);
    Long last = store.lastReplies(h, Set.of(new ThreadStore.Reach(accountId, threadId))).get(new ThreadStore.Reach(accountId, threadId));
    Instant next = last == null ? null : Instant.ofEpochMilli(last).plus(interval);
    return new Status(interval, next != null && next.isAfter(clock.instant()) ? next : null, mayChange);
  }

  private ThreadStore.Located located(Handle h, long accountId, long threadId) {
    return store.locate(h, accountId, threadId).filter(l -> Space.Access.mayRead(l.space(), l.role(), l.member()))
        .orElseThrow(() -> Problem.notFound("thread"));
  }

  private Set<Relation> relations(Handle h, long accountId, ThreadStore.Located l) {
    Set<Relation> held = EnumSet.noneOf(Relation.class);
    held.addAll(workspaces.relations(h, accountId, new Space.Access(l.space(), l.role(), l.member())));
    if (l.thread().authorId() == accountId) held.add(Relation.AUTHOR);
    return held;
  }

  /** The refusal of a reply that comes too soon: 429, Retry-After, and the time the writer may reply again. */
  static Problem tooSoon(long intervalSeconds, long nextAtMillis, long nowMillis) {
    Instant next = Instant.ofEpochMilli(nextAtMillis);
    return Problem.tooSoon("body", "This thread is in slow mode (one reply every " + words(Duration.ofSeconds(intervalSeconds))
        + " per person): you may reply again at " + next + ".", Duration.ofMillis(nextAtMillis - nowMillis));
  }

  /** "30 minutes", "1 hour 30 minutes", "1 day". */
  public static String words(Duration d) {
    long hours = d.toHours();
    long minutes = d.toMinutesPart();
    StringBuilder s = new StringBuilder();
    if (hours == 24 && minutes == 0) return "1 day";
    if (hours > 0) s.append(hours).append(hours == 1 ? " hour" : " hours");
    if (minutes > 0) s.append(s.isEmpty() ? "" : " ").append(minutes).append(minutes == 1 ? " minute" : " minutes");
    if (s.isEmpty()) s.append(d.toSeconds()).append(" seconds");
    return s.toString();
  }

  /** The interval as the API shows it: ISO-8601, or empty when off. */
  public static Optional<String> iso(Duration d) {
    return d.isZero() ? Optional.empty() : Optional.of(d.toString());
  }
}
