package dev.longhand.brainstorm;

import dev.longhand.due.DueWork;
import dev.longhand.event.BrainstormIdeaAdded;
import dev.longhand.event.BrainstormIdeaWithdrawn;
import dev.longhand.event.BrainstormPhaseChanged;
import dev.longhand.event.BrainstormStarted;
import dev.longhand.event.BrainstormVoted;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.thread.Thread;
import dev.longhand.thread.ThreadService;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brainstorms on a thread: started by any reader of it, an anonymous idea phase, dot-voting, then the ranked result
 * filed as the starter's reply (through {@link ThreadService}, so it notifies, is indexed and searchable like any
 * reply). Every read and write checks that the person may read the thread (otherwise "not found"). Authors and voters
 * are stored only as tags ({@link Tags}); no answer ever names who wrote an idea. Phases move at their times as due
 * work; the checks of a write also read the clock, so an idea a moment after {@code ideasUntil} is refused even
 * before the due work has run.
 */
public final class BrainstormService {
  private static final Logger log = LoggerFactory.getLogger(BrainstormService.class);
  static final String VOTING = "brainstorm-voting";
  static final String CLOSING = "brainstorm-close";
  public static final int PROMPT_MAX = 300;
  public static final int IDEA_MAX = 500;
  public static final int MAX_DOTS = 10;
  public static final int DEFAULT_DOTS = 3;
  static final int IDEAS_PER_PERSON = 20;
  static final int IDEAS_MAX = 300;
  static final Duration LONGEST = Duration.ofDays(60);

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final ThreadService threads;
  private final DueWork due;
  private final BrainstormStore store = new BrainstormStore();

  public BrainstormService(Database db, Ids ids, Clock clock, Outbox outbox, WorkspaceService workspaces, ThreadService threads,
                           DueWork due) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.threads = threads;
    this.due = due;
  }

  /** The thread a brainstorm would be started on, and its space's name, if the person may read it. */
  public Brainstorm.Origin origin(long accountId, long threadId) {
    Thread t = threads.access(accountId, threadId);
    return new Brainstorm.Origin(t, workspaces.accessSpace(accountId, t.spaceId()).space().name());
  }

  /** Starts a brainstorm on the thread; its phases are scheduled as due work. Answers it as its starter sees it. */
  public Brainstorm.View start(long accountId, long threadId, Brainstorm.Start s) {
    Thread t = threads.access(accountId, threadId);
    long now = clock.millis();
    String prompt = s.prompt() == null ? "" : s.prompt().strip();
    if (prompt.isEmpty()) throw Problem.invalid("prompt", "'prompt' is required: the question people bring ideas to.");
    if (prompt.codePointCount(0, prompt.length()) > PROMPT_MAX) {
      throw Problem.invalid("prompt", "'prompt' must be at most " + PROMPT_MAX + " characters.");
    }
    if (s.ideasUntil() <= now) throw Problem.invalid("ideasUntil", "'ideasUntil' must be in the future.");
    if (s.ideasUntil() > now + LONGEST.toMillis()) throw Problem.invalid("ideasUntil", "'ideasUntil' can be at most 60 days away.");
    if (s.votesUntil() <= s.ideasUntil()) throw Problem.invalid("votesUntil", "'votesUntil' must be after 'ideasUntil': voting follows the ideas.");
    if (s.votesUntil() > now + LONGEST.toMillis()) throw Problem.invalid("votesUntil", "'votesUntil' can be at most 60 days away.");
    if (s.dots() < 1 || s.dots() > MAX_DOTS) throw Problem.invalid("dots", "'dots' must be from 1 to " + MAX_DOTS + ".");
    Brainstorm b = new Brainstorm(ids.next(), t.workspaceId(), t.id(), accountId, prompt, s.dots(), s.ideasUntil(), s.votesUntil(),
        Brainstorm.Phase.IDEAS, Optional.empty(), now);
    db.writeAll(h -> {
      store.insert(h, b, Tags.newKey());
      due.schedule(h, VOTING, b.id(), Instant.ofEpochMilli(b.ideasUntil()), "");
      due.schedule(h, CLOSING, b.id(), Instant.ofEpochMilli(b.votesUntil()), "");
      outbox.append(h, b.workspaceId(), new BrainstormStarted(b.id(), t.id(), accountId));
    });
    return brainstorm(accountId, b.id());
  }

  /** The brainstorm as this reader sees it. */
  public Brainstorm.View brainstorm(long accountId, long id) {
    return db.read(h -> view(h, accountId, locate(h, accountId, id)));
  }

  /** The thread's brainstorms, for its page; the caller has checked that the reader may read the thread. */
  public List<Brainstorm.Line> ofThread(Thread thread) {
    return db.read(h -> store.ofThread(h, thread.id()));
  }

  /** Adds an idea during the idea phase; it is the reader's own ("mine") and nobody else learns whose. */
  public Brainstorm.Idea addIdea(long accountId, long id, String text) {
    String body = text == null ? "" : text.strip();
    if (body.isEmpty()) throw Problem.invalid("text", "'text' is required: your idea.");
    if (body.codePointCount(0, body.length()) > IDEA_MAX) throw Problem.invalid("text", "'text' must be at most " + IDEA_MAX + " characters.");
    return db.write(h -> {
      BrainstormStore.Located at = locate(h, accountId, id);
      store.lock(h, id);
      BrainstormStore.Stored s = store.stored(h, id).orElseThrow(() -> Problem.notFound("brainstorm"));
      requireIdeaPhase(s.brainstorm(), "Ideas are no longer taken: the idea phase ended at ");
      String tag = Tags.person(s.key(), accountId);
      if (store.ideasBy(h, id, tag) >= IDEAS_PER_PERSON) {
        throw Problem.conflict("text", "You have given " + IDEAS_PER_PERSON + " ideas, the most one person may give.");
      }
      if (store.ideaCount(h, id) >= IDEAS_MAX) throw Problem.conflict("text", "This brainstorm has " + IDEAS_MAX + " ideas, the most it takes.");
      long ideaId = ids.next();
      store.insertIdea(h, ideaId, at.stored().brainstorm().workspaceId(), id, tag, body);
      outbox.append(h, s.brainstorm().workspaceId(), new BrainstormIdeaAdded(id, ideaId));
      return new Brainstorm.Idea(ideaId, body, true, Optional.empty(), Optional.empty());
    });
  }

  /** Withdraws one of the reader's own ideas during the idea phase; anyone else's, or an unknown one, is not found. */
  public void withdrawIdea(long accountId, long id, long ideaId) {
    db.writeAll(h -> {
      locate(h, accountId, id);
      store.lock(h, id);
      BrainstormStore.Stored s = store.stored(h, id).orElseThrow(() -> Problem.notFound("brainstorm"));
      requireIdeaPhase(s.brainstorm(), "Ideas can no longer be withdrawn: the idea phase ended at ");
      if (store.deleteIdea(h, id, ideaId, Tags.person(s.key(), accountId)) == 0) throw Problem.notFound("idea");
      outbox.append(h, s.brainstorm().workspaceId(), new BrainstormIdeaWithdrawn(id, ideaId));
    });
  }

  /** Puts one of the reader's dots on an idea during voting; past their dots, or outside voting, 409. */
  public Brainstorm.View vote(long accountId, long id, long ideaId) {
    return db.write(h -> {
      BrainstormStore.Located at = locate(h, accountId, id);
      store.lock(h, id);
      Brainstorm b = store.stored(h, id).orElseThrow(() -> Problem.notFound("brainstorm")).brainstorm();
      long now = clock.millis();
      if (b.phase() == Brainstorm.Phase.IDEAS) {
        throw Problem.conflict("phase", "Voting has not started: it opens when the idea phase ends, at " + Instant.ofEpochMilli(b.ideasUntil()) + ".");
      }
      if (b.phase() == Brainstorm.Phase.CLOSED || now >= b.votesUntil()) {
        throw Problem.conflict("phase", "Voting is over: it ended at " + Instant.ofEpochMilli(b.votesUntil()) + ".");
      }
      if (!store.hasIdea(h, id, ideaId)) throw Problem.invalid("ideaId", "'ideaId' must be an idea of this brainstorm.");
      String tag = Tags.person(at.stored().key(), accountId);
      int used = store.dotsOf(h, id, tag).values().stream().mapToInt(Integer::intValue).sum();
      if (used >= b.dots()) throw Problem.conflict("dots", "You have used all your " + b.dots() + " dots.");
      store.insertVote(h, ids.next(), b.workspaceId(), id, ideaId, tag);
      outbox.append(h, b.workspaceId(), new BrainstormVoted(id, ideaId));
      return view(h, accountId, locate(h, accountId, id));
    });
  }

  private void requireIdeaPhase(Brainstorm b, String over) {
    if (b.phase() != Brainstorm.Phase.IDEAS || clock.millis() >= b.ideasUntil()) {
      throw Problem.conflict("phase", over + Instant.ofEpochMilli(b.ideasUntil()) + ".");
    }
  }

  /** The brainstorm, if the person may read its thread; otherwise "not found", whatever the reason. */
  private BrainstormStore.Located locate(Handle h, long accountId, long id) {
    BrainstormStore.Located at = store.locate(h, id).orElseThrow(() -> Problem.notFound("brainstorm"));
    try {
      workspaces.accessSpace(h, accountId, at.spaceId());
    } catch (Problem p) {
      if (p.status() == 404) throw Problem.notFound("brainstorm");
      throw p;
    }
    return at;
  }

  private Brainstorm.View view(Handle h, long accountId, BrainstormStore.Located at) {
    Brainstorm b = at.stored().brainstorm();
    String key = at.stored().key();
    List<BrainstormStore.StoredIdea> all = store.ideas(h, b.id());
    String me = key == null ? null : Tags.person(key, accountId);
    List<Brainstorm.Idea> ideas;
    Optional<Integer> dotsLeft = Optional.empty();
    switch (b.phase()) {
      case IDEAS -> ideas = all.stream().filter(i -> me != null && me.equals(i.authorTag()))
          .map(i -> new Brainstorm.Idea(i.id(), i.body(), true, Optional.empty(), Optional.empty())).toList();
      case VOTING -> {
        Map<Long, Integer> mine = store.dotsOf(h, b.id(), me);
        dotsLeft = Optional.of(Math.max(0, b.dots() - mine.values().stream().mapToInt(Integer::intValue).sum()));
        ideas = all.stream().sorted(Comparator.comparing(i -> Tags.order(key, accountId, i.id())))
            .map(i -> new Brainstorm.Idea(i.id(), i.body(), me.equals(i.authorTag()), Optional.empty(),
                Optional.of(mine.getOrDefault(i.id(), 0))))
            .toList();
      }
      default -> ideas = BrainstormResult.rank(all, store.tally(h, b.id())).stream()
          .map(r -> new Brainstorm.Idea(r.id(), r.text(), false, Optional.of(r.votes()), Optional.empty())).toList();
    }
    return new Brainstorm.View(b, at.threadTitle(), at.spaceId(), at.spaceName(), at.starterName(), all.size(), ideas, dotsLeft);
  }

  /** At {@code ideasUntil}: voting opens; with no ideas at all, it closes at once instead. */
  private void openVoting(Handle h, DueWork.Item item, Instant now) {
    Optional<BrainstormStore.Stored> found = store.stored(h, item.subjectId());
    if (found.isEmpty() || found.get().brainstorm().phase() != Brainstorm.Phase.IDEAS) return;
    Brainstorm b = found.get().brainstorm();
    if (store.ideaCount(h, b.id()) == 0) {
      due.cancel(h, CLOSING, b.id());
      close(h, b, now);
      return;
    }
    store.moveTo(h, b.id(), Brainstorm.Phase.VOTING);
    outbox.append(h, b.workspaceId(), new BrainstormPhaseChanged(b.id(), Brainstorm.Phase.VOTING.key(), null));
  }

  /** At {@code votesUntil}: the ranked ideas are filed as the starter's reply, and the brainstorm closes. */
  private void closeVoting(Handle h, DueWork.Item item, Instant now) {
    Optional<BrainstormStore.Stored> found = store.stored(h, item.subjectId());
    if (found.isEmpty() || found.get().brainstorm().phase() == Brainstorm.Phase.CLOSED) return;
    close(h, found.get().brainstorm(), now);
  }

  private void close(Handle h, Brainstorm b, Instant now) {
    var ranked = BrainstormResult.rank(store.ideas(h, b.id()), store.tally(h, b.id()));
    String body = BrainstormResult.markdown(b, ranked, store.voters(h, b.id()));
    Long replyId = null;
    try {
      replyId = threads.addReplyIn(h, b.startedBy(), b.threadId(), body).id();
    } catch (Problem p) {
      log.info("brainstorm {} closed without filing its result: {}", b.id(), p.detail());
    }
    store.close(h, b.id(), replyId, now.toEpochMilli());
    outbox.append(h, b.workspaceId(), new BrainstormPhaseChanged(b.id(), Brainstorm.Phase.CLOSED.key(), replyId));
  }

  /** The phases' due work; Longhand registers it before due work starts. */
  public Map<String, DueWork.Handler> dueWork() {
    return Map.of(VOTING, this::openVoting, CLOSING, this::closeVoting);
  }
}
