package dev.longhand.thread;

import dev.longhand.draft.Drafts;
import dev.longhand.event.ReplyAdded;
import dev.longhand.http.Problem;
import dev.longhand.inbox.InboxService;
import dev.longhand.markdown.Markdown;
import dev.longhand.store.BatchWriter;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.store.Pipeline;
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
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Writing replies, the hot write. Replies that arrive together are written as one batch (a
 * {@link BatchWriter}): one read finds their threads, checks that each writer may read theirs, and
 * reads the spaces' readers and the writers' open asks; then one transaction counts them on their
 * threads, inserts them, fans them out to the inboxes and appends their events, a statement each,
 * and runs the hooks on each. On PostgreSQL the read goes in the transaction's first round trip
 * when it can ({@link #writeInOneGo}). The result is as if they had been written one after the other, in the
 * order they were taken. A reply to a thread its writer may not read fails alone, with "not found".
 */
final class Replies {
  /** Replies written together at most. */
  static final int MAX_BATCH = 64;

  /** A reply as asked for: by whom, to which thread, what it says and whom it mentions, and any explicit ask. */
  record Request(long accountId, long threadId, String body, Set<String> handles, Optional<PostHooks.Request> ask, String html) {
    Request(long accountId, long threadId, String body, Set<String> handles, Optional<PostHooks.Request> ask) {
      this(accountId, threadId, body, handles, ask, null);
    }

    /** The same request with its HTML rendered already (null: the batch renders it). */
    Request rendered(String html) {
      return new Request(accountId, threadId, body, handles, ask, html);
    }
  }

  /** What the read made of a request: a reply to write, or why it may not be written. */
  private sealed interface Read permits Reply, Refused {}

  /** A reply ready to write, with what was read for it: its thread, who it reaches, whether it answers something. */
  private record Reply(Request request, Thread thread, List<Long> readers, Set<Long> mentioned, List<Long> inboxReaders,
      ThreadStore.Readers readersVersion, boolean owesAnswer, String html) implements Read {}

  /** A request that may not be written: its writer may not read the thread, or replies too soon in its slow mode. */
  private record Refused(RuntimeException problem) implements Read {}

  /** What became of a request: the reply written, or why not. */
  private record Outcome(Thread.Posted posted, RuntimeException failure) {}

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final InboxService inbox;
  private final PostHooks hooks;
  private final ThreadStore store;
  private final BatchWriter<Request, Outcome> batches;
  private final Markdown markdown;
  private final LevelMemory levels;

  Replies(Database db, Ids ids, Clock clock, Outbox outbox, WorkspaceService workspaces, InboxService inbox, PostHooks hooks,
          ThreadStore store, Markdown markdown, LevelMemory levels) {
    this.markdown = markdown;
    this.levels = levels;
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.inbox = inbox;
    this.hooks = hooks;
    this.store = store;
    this.batches = db.batchWriter("replies", MAX_BATCH, Request::threadId, this::write, request -> write(List.of(request)).getFirst());
  }

  /**
   * Writes the reply with any others waiting; returns once it is committed. A reply that mentions nobody renders the
   * same whoever the workspace's members are, so it is rendered here, on the request's own thread, and the batch (one
   * taker for all writers) renders only replies whose mentions it must resolve first.
   */
  Thread.Posted write(Request request) {
    if (request.handles().isEmpty() && request.html() == null) request = request.rendered(markdown.toHtml(request.body(), Set.of()));
    Outcome outcome = batches.write(request);
    if (outcome.failure() != null) throw outcome.failure();
    return outcome.posted();
  }

  /** Writes a reply inside the caller's transaction (a scheduled post coming due). */
  Thread.Posted writeIn(Handle h, Request request) {
    return switch (read(h, List.of(request)).getFirst()) {
      case Refused r -> throw r.problem();
      case Reply reply -> write(h, List.of(reply), false, false).getFirst();
    };
  }

  /**
   * The batch's replies, written. On PostgreSQL a batch that needs nothing but the access check and what is in memory
   * (no mentions, so each was rendered as it came and nothing is rendered under the threads' locks; no slow mode; its
   * spaces' readers and levels remembered) is found and counted in its write's first round trip
   * ({@link #writeInOneGo}); any other, or one that turns out not to be such, is read first, then written.
   */
  private List<Outcome> write(List<Request> requests) {
    if (db.dialect() == Database.Dialect.POSTGRESQL && requests.stream().allMatch(r -> r.handles().isEmpty() && r.html() != null)) {
      try {
        return db.write(h -> writeInOneGo(h, requests)).stream().map(posted -> new Outcome(posted, null)).toList();
      } catch (NotInOneGo e) {
        // rolled back: read, then write
      }
    }
    return readThenWrite(requests);
  }

  /** One read for the batch, then one write for the replies that may be written. */
  private List<Outcome> readThenWrite(List<Request> requests) {
    List<Read> read = db.read(h -> read(h, requests));
    List<Reply> writable = new ArrayList<>();
    for (Read r : read) if (r instanceof Reply reply) writable.add(reply);
    List<Thread.Posted> posted = writable.isEmpty() ? List.of() : db.write(h -> write(h, writable, true, true));
    List<Outcome> outcomes = new ArrayList<>(requests.size());
    int next = 0;
    for (Read r : read) {
      outcomes.add(switch (r) {
        case Refused refused -> new Outcome(null, refused.problem());
        case Reply reply -> new Outcome(posted.get(next++), null);
      });
    }
    return outcomes;
  }

  /** Rolls back a write begun by {@link #writeInOneGo} that turned out to need the batch read first. */
  private static final class NotInOneGo extends RuntimeException {
    NotInOneGo() {
      super("the batch must be read before it is written", null, false, false);
    }
  }

  /**
   * The batch in one write of two round trips, or {@link NotInOneGo}. A batch that mentions nobody needs from the
   * database only where its threads are and whether their writers may reach them (the rest is in memory while its
   * spaces' versions stand): that read goes in the write's first round trip, ahead of the count that locks the
   * threads, and the rows and the commit in the second. Issue 17: a reply batch was three round trips to PostgreSQL
   * (its read, its count, its rows and commit), each a wake-up of both ends of a loaded machine.
   */
  private List<Thread.Posted> writeInOneGo(Handle h, List<Request> requests) {
    long now = clock.millis();
    Pipeline p = db.pipeline(h);
    Set<ThreadStore.Reach> wanted = new HashSet<>();
    Map<Long, Integer> counts = new TreeMap<>();
    for (Request r : requests) {
      wanted.add(new ThreadStore.Reach(r.accountId(), r.threadId()));
      counts.merge(r.threadId(), 1, Integer::sum);
    }
    Pipeline.Answer<Map.Entry<ThreadStore.Reach, ThreadStore.Located>> found = store.locateAll(p, wanted);
    Counted counted = count(p, counts, now);
    p.flush();
    Map<ThreadStore.Reach, ThreadStore.Located> located = ThreadStore.byReach(found.rows());
    Set<PostHooks.Replier> repliers = new HashSet<>();
    Set<Subscriptions.Levels.At> places = new HashSet<>();
    for (Map.Entry<ThreadStore.Reach, ThreadStore.Located> e : located.entrySet()) {
      ThreadStore.Located l = e.getValue();
      if (!Space.Access.mayRead(l.space(), l.role(), l.member()) || l.slowModeSeconds() > 0) throw new NotInOneGo();
      repliers.add(new PostHooks.Replier(e.getKey().threadId(), e.getKey().accountId()));
      places.add(new Subscriptions.Levels.At(l.space().id(), l.thread().id(), l.readers().version()));
    }
    if (located.size() != wanted.size()) throw new NotInOneGo(); // a thread not found, or not the writer's to reach
    Subscriptions.Levels levels = Subscriptions.Levels.remembered(this.levels, places);
    if (levels == null) throw new NotInOneGo();
    Set<PostHooks.Replier> owing = hooks.owingAnswers(h, repliers);
    List<Reply> replies = new ArrayList<>(requests.size());
    for (Request r : requests) {
      ThreadStore.Located l = located.get(new ThreadStore.Reach(r.accountId(), r.threadId()));
      List<Long> readers = workspaces.rememberedReaders(l.space(), l.readers().version());
      if (readers == null) throw new NotInOneGo();
      replies.add(reply(r, l, readers, Set.of(), levels, owing, r.html()));
    }
    return write(p, replies, counted, true, true, now);
  }

  /** For each request, in order, the {@link Reply} to write, or why it may not be. */
  private List<Read> read(Handle h, List<Request> requests) {
    Map<ThreadStore.Reach, ThreadStore.Located> located = store.locateAll(h,
        requests.stream().map(r -> new ThreadStore.Reach(r.accountId(), r.threadId())).collect(Collectors.toSet()));
    Map<Long, List<Long>> readersOf = new HashMap<>();
    Set<PostHooks.Replier> repliers = new HashSet<>();
    for (ThreadStore.Reach reach : located.keySet()) repliers.add(new PostHooks.Replier(reach.threadId(), reach.accountId()));
    Set<PostHooks.Replier> owing = hooks.owingAnswers(h, repliers);
    Map<Long, Map<String, Long>> mentionable = mentionable(h, requests, located);
    Subscriptions.Levels levels = Subscriptions.Levels.readAt(h, this.levels, located.values().stream()
        .map(l -> new Subscriptions.Levels.At(l.space().id(), l.thread().id(), l.readers().version())).collect(Collectors.toSet()));
    Map<ThreadStore.Reach, Long> lastReplies = lastRepliesInSlowMode(h, located);
    long now = clock.millis();
    List<Read> ready = new ArrayList<>(requests.size());
    for (Request r : requests) {
      ThreadStore.Reach reach = new ThreadStore.Reach(r.accountId(), r.threadId());
      ThreadStore.Located l = located.get(reach);
      if (l == null || !Space.Access.mayRead(l.space(), l.role(), l.member())) {
        ready.add(new Refused(Problem.notFound("thread")));
        continue;
      }
      if (l.slowModeSeconds() > 0) {
        Long last = lastReplies.get(reach);
        long next = last == null ? 0 : last + l.slowModeSeconds() * 1000;
        if (now < next) {
          ready.add(new Refused(SlowMode.tooSoon(l.slowModeSeconds(), next, now)));
          continue;
        }
        lastReplies.put(reach, now); // a second reply of the same person in this batch is too soon
      }
      List<Long> readers = readersOf.computeIfAbsent(l.space().id(), space -> workspaces.readersAt(h, l.space(), l.readers().version()));
      Map<String, Long> members = mentionable.getOrDefault(l.thread().workspaceId(), Map.of());
      Set<Long> mentioned = mentioned(r, members, readers);
      // rendered here, outside the write: the handles it names that are the workspace's members become chips
      String html = r.html() != null ? r.html() : markdown.toHtml(r.body(), members.keySet());
      ready.add(reply(r, l, readers, mentioned, levels, owing, html));
    }
    return ready;
  }

  /** A request found ({@code l}) and allowed, with what was read for it, as the reply to write. */
  private static Reply reply(Request r, ThreadStore.Located l, List<Long> readers, Set<Long> mentioned,
                             Subscriptions.Levels levels, Set<PostHooks.Replier> owing, String html) {
    return new Reply(r, l.thread(), readers, mentioned, levels.inboxReaders(readers, mentioned, l.space().id(), l.thread().id()),
        l.readers(), owing.contains(new PostHooks.Replier(r.threadId(), r.accountId())), html);
  }

  /**
   * When each writer last replied to a thread of the batch that is in slow mode: one query, and none at all when no
   * thread of the batch is in slow mode (StatementCountTest pins the batch's statements).
   */
  private Map<ThreadStore.Reach, Long> lastRepliesInSlowMode(Handle h, Map<ThreadStore.Reach, ThreadStore.Located> located) {
    List<ThreadStore.Reach> slow = located.entrySet().stream().filter(e -> e.getValue().slowModeSeconds() > 0).map(Map.Entry::getKey).toList();
    return slow.isEmpty() ? new HashMap<>() : new HashMap<>(store.lastReplies(h, slow));
  }

  /**
   * The accounts of the handles the batch mentions, by workspace: one lookup per workspace for the whole batch, not
   * one per reply (an N+1 that StatementCountTest caught).
   */
  private Map<Long, Map<String, Long>> mentionable(Handle h, List<Request> requests,
                                                  Map<ThreadStore.Reach, ThreadStore.Located> located) {
    Map<Long, Set<String>> handles = new HashMap<>();
    for (Request r : requests) {
      ThreadStore.Located l = located.get(new ThreadStore.Reach(r.accountId(), r.threadId()));
      if (l != null && !r.handles().isEmpty()) handles.computeIfAbsent(l.thread().workspaceId(), w -> new HashSet<>()).addAll(r.handles());
    }
    Map<Long, Map<String, Long>> byWorkspace = new HashMap<>();
    handles.forEach((workspace, named) -> byWorkspace.put(workspace, workspaces.membersByHandle(h, workspace, List.copyOf(named))
        .stream().collect(Collectors.toMap(m -> m.handle(), m -> m.accountId(), (a, b) -> a))));
    return byWorkspace;
  }

  /** Whom the reply mentions among those who may read it, never its writer (as {@code WorkspaceService.mentionedReaders}). */
  private static Set<Long> mentioned(Request r, Map<String, Long> accountsByHandle, List<Long> readers) {
    if (r.handles().isEmpty()) return Set.of();
    Set<Long> mayRead = new HashSet<>(readers);
    Set<Long> out = new HashSet<>();
    for (String handle : r.handles()) {
      Long account = accountsByHandle.get(handle);
      if (account != null && account != r.accountId() && mayRead.contains(account)) out.add(account);
    }
    return out;
  }

  /**
   * Writes replies in the caller's transaction, in order; a {@code Problem} from the hooks rolls them all back.
   * {@code composed}: written now from a composer, so their writers' drafts of them go (not for a scheduled post);
   * {@code endsWrite}: the transaction is the batch's own and ends with them, so it may commit with their last
   * statements ({@link Pipeline#finish}).
   */
  private List<Thread.Posted> write(Handle h, List<Reply> replies, boolean composed, boolean endsWrite) {
    long now = clock.millis();
    Pipeline p = db.pipeline(h);
    Map<Long, Integer> counts = new TreeMap<>();
    for (Reply r : replies) counts.merge(r.thread().id(), 1, Integer::sum);
    Counted counted = count(p, counts, now);
    p.flush();
    return write(p, replies, counted, composed, endsWrite, now);
  }

  /** The replies counted on their threads ({@code counts}, in lock order), and who had read the threads up to their last post. */
  private record Counted(Map<Long, Integer> counts, Pipeline.Answer<Map.Entry<Long, Integer>> posts, InboxService.CaughtUp caughtUp) {}

  /**
   * Queues the count of the replies on their threads, sent before the replies get their ids: with the threads' rows
   * locked, a batch writing to the same thread at the same time waits, so the ids of a thread's replies follow the
   * order they are written in. Who had read the threads up to their last post is taken in the same round trip, after
   * the lock.
   */
  private Counted count(Pipeline p, Map<Long, Integer> counts, long now) {
    return new Counted(counts, store.countReplies(p, counts, now), inbox.takeCaughtUp(p, counts.keySet()));
  }

  /** Writes the replies once counted (the pipeline flushed since): their rows, inbox rows, events, then the hooks. */
  private List<Thread.Posted> write(Pipeline p, List<Reply> replies, Counted counted, boolean composed, boolean endsWrite, long now) {
    Handle h = p.handle();
    Map<Long, Integer> counts = counted.counts();
    InboxService.CaughtUp caughtUp = counted.caughtUp();
    Map<Long, Integer> numbered = new HashMap<>(); // each thread's posts before the next reply, as the batch goes
    for (Map.Entry<Long, Integer> c : counted.posts().rows()) numbered.put(c.getKey(), c.getValue() - counts.get(c.getKey()));
    counts.forEach((thread, n) -> numbered.putIfAbsent(thread, 0));
    List<Thread.Posted> posted = new ArrayList<>(replies.size());
    List<InboxService.Delivery> deliveries = new ArrayList<>(replies.size());
    Set<Long> reached = new HashSet<>(); // threads whose replies reach every reader of their space as read
    for (Reply r : replies) {
      Thread t = r.thread();
      long author = r.request().accountId();
      long id = ids.next();
      store.insertReply(p, id, t, author, r.request().body(), r.html(), Markdown.VERSION, now);
      store.insertMentions(p, id, t, r.mentioned(), now);
      deliveries.add(new InboxService.Delivery(
          new InboxService.Post(t.id(), t.workspaceId(), t.spaceId(), author, false, r.mentioned(),
              numbered.merge(t.id(), 1, Integer::sum)), r.inboxReaders(), !r.readersVersion().allReached()));
      if (!r.readersVersion().allReached() && reached.add(t.id())) store.reachedReaders(p, t.id(), r.readersVersion().version());
      outbox.append(p, t.workspaceId(), new ReplyAdded(t.id(), id, t.spaceId(), author));
      posted.add(new Thread.Posted(id, t.id(), t.spaceId(), now));
    }
    inbox.deliver(p, deliveries, caughtUp);
    if (composed) {
      Drafts.sent(p, replies.stream().map(r -> new Drafts.Sent(r.request().accountId(), r.thread().workspaceId(), Drafts.replyKey(r.thread().id()), now)).toList());
    }
    boolean hooked = false;
    for (Reply r : replies) hooked |= r.owesAnswer() || hooks.concerns(r.request().body(), r.request().ask());
    if (!hooked && endsWrite) {
      p.finish(); // the hooks have nothing to do (PostHooks.afterPost): the write ends, its commit in the same round trip
      return posted;
    }
    p.flush();
    for (int i = 0; i < replies.size(); i++) {
      Reply r = replies.get(i);
      hooks.afterPost(h, new PostHooks.Written(r.thread(), posted.get(i).id(), false, r.request().accountId(), r.request().body(),
          now, r.readers(), r.request().ask(), r.owesAnswer()));
    }
    return posted;
  }
}
