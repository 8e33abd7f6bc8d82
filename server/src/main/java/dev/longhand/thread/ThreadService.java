package dev.longhand.thread;

import dev.longhand.draft.Drafts;
import dev.longhand.event.ReactionAdded;
import dev.longhand.event.ReactionRemoved;
import dev.longhand.event.ThreadAcknowledged;
import dev.longhand.event.ThreadPosted;
import dev.longhand.http.Problem;
import dev.longhand.inbox.InboxService;
import dev.longhand.markdown.Markdown;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.store.PageCursor;
import dev.longhand.store.Pipeline;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.Workspace;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Threads: starting one, replying, reacting, acknowledging, and reading them. Every operation
 * checks that the person may read the thread's space (unknown and foreign threads are "not
 * found"); every write is one transaction that writes the rows, updates the readers' inboxes and
 * appends its outbox event ({@code ThreadPosted}, {@code ReplyAdded}, {@code ReactionAdded},
 * {@code ReactionRemoved}, {@code ThreadAcknowledged}). A post reads where it goes first, then sends
 * its rows, inbox updates and event in one {@link Pipeline} and runs the hooks on the written post;
 * replies, the hot write, do so in batches of those that arrive together ({@link Replies}).
 */
public final class ThreadService {
  public static final int DEFAULT_PAGE = 50;
  public static final int MAX_PAGE = 200;
  /** Replies a thread's page and its API answer carry at once. */
  public static final int REPLY_PAGE = 50;

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final InboxService inbox;
  private final Markdown markdown;
  private final PostHooks hooks;
  private final ThreadStore store = new ThreadStore();
  private final Replies replies;
  private final PostEdits edits;
  private final PostRendering rendering;
  private final Subscriptions subscriptions;
  private final SlowMode slowMode;
  private final LevelMemory levels = new LevelMemory();

  public ThreadService(Database db, Ids ids, Clock clock, Outbox outbox, WorkspaceService workspaces, InboxService inbox,
                       Markdown markdown, List<PostHooks> hooks) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.inbox = inbox;
    this.markdown = markdown;
    this.hooks = PostHooks.all(hooks);
    this.replies = new Replies(db, ids, clock, outbox, workspaces, inbox, this.hooks, store, markdown, levels);
    this.rendering = new PostRendering(db, markdown);
    this.edits = new PostEdits(db, clock, outbox, workspaces, inbox, markdown, store, this.hooks);
    this.subscriptions = new Subscriptions(db, clock, workspaces, this);
    this.slowMode = new SlowMode(db, clock, workspaces, store);
  }

  /** Slow mode: the least time between one person's replies in a thread. */
  public SlowMode slowMode() {
    return slowMode;
  }

  /** Follow and mute of threads and spaces, which decide whose inbox a post reaches and who hears of it. */
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  /** Editing, deleting and moving posts, and their histories. */
  public PostEdits edits() {
    return edits;
  }

  /** Rendering posts stored by an older renderer again, as due work. */
  public PostRendering rendering() {
    return rendering;
  }

  public Thread startThread(long accountId, long spaceId, String title, String body) {
    return startThread(accountId, spaceId, title, body, Optional.empty());
  }

  /**
   * Starts a thread; {@code request} is an explicit ask from the composer or the API, checked by the hooks. Who may
   * post and who will read it are read first, outside the write, so that the write (on SQLite, a turn of its one
   * writer thread) holds only the writing.
   */
  public Thread startThread(long accountId, long spaceId, String title, String body, Optional<PostHooks.Request> request) {
    Set<String> handles = markdown.mentionedHandles(body);
    Audience to = db.read(h -> opening(h, accountId, spaceId, handles));
    return db.write(h -> startThreadIn(h, to, accountId, title, body, request, true));
  }

  /** Starts a thread inside the caller's transaction (a scheduled post coming due). */
  public Thread startThreadIn(Handle h, long accountId, long spaceId, String title, String body) {
    Audience to = opening(h, accountId, spaceId, markdown.mentionedHandles(body));
    return startThreadIn(h, to, accountId, title, body, Optional.empty(), false);
  }

  /** Who a new thread in the space reaches, if the person may post there. */
  private Audience opening(Handle h, long accountId, long spaceId, Set<String> handles) {
    Space space = workspaces.accessSpace(h, accountId, spaceId).space();
    long readersVersion = workspaces.readersVersion(h, space.id()); // before the readers: see its comment
    List<Long> readers = workspaces.readersAt(h, space, readersVersion);
    Set<Long> mayRead = new HashSet<>(readers);
    Set<Long> mentioned = new HashSet<>();
    Set<String> known = new HashSet<>();
    for (Workspace.Member m : workspaces.membersByHandle(h, space.workspaceId(), List.copyOf(handles))) {
      known.add(m.handle());
      if (m.accountId() != accountId && mayRead.contains(m.accountId())) mentioned.add(m.accountId());
    }
    List<Long> inboxReaders = Subscriptions.Levels.readAt(h, levels, List.of(new Subscriptions.Levels.At(space.id(), 0, readersVersion)))
        .inboxReaders(readers, mentioned, space.id(), 0);
    return new Audience(space, readers, mentioned, known, inboxReaders, readersVersion); // the inbox: the readers but those who muted the space
  }

  /** {@code composed}: written now from a composer, so its writer's draft of it goes (not for a scheduled post). */
  private Thread startThreadIn(Handle h, Audience to, long accountId, String title, String body,
      Optional<PostHooks.Request> request, boolean composed) {
    long now = clock.millis();
    long spaceId = to.space().id();
    Thread t = new Thread(ids.next(), to.space().workspaceId(), spaceId, accountId, title, body, now, now, 0);
    Pipeline p = db.pipeline(h);
    store.insertThread(p, t, markdown.toHtml(body, to.handles()), Markdown.VERSION, to.readersVersion());
    store.insertMentions(p, t.id(), t, to.mentioned(), now);
    inbox.deliver(p, new InboxService.Post(t.id(), t.workspaceId(), spaceId, accountId, true, to.mentioned(), 1), to.inboxReaders());
    outbox.append(p, t.workspaceId(), new ThreadPosted(t.id(), spaceId, accountId));
    if (composed) Drafts.sent(p, List.of(new Drafts.Sent(accountId, t.workspaceId(), Drafts.threadKey(spaceId), now)));
    p.flush();
    hooks.afterPost(h, new PostHooks.Written(t, t.id(), true, accountId, body, now, to.readers(), request, false));
    return t;
  }

  public Thread.Posted addReply(long accountId, long threadId, String body) {
    return addReply(accountId, threadId, body, Optional.empty());
  }

  /**
   * Adds a reply; {@code request} is an explicit ask from the composer or the API, checked by the hooks. Reads first, as
   * {@link #startThread}; the write goes with the other replies waiting (see {@link Replies}).
   */
  public Thread.Posted addReply(long accountId, long threadId, String body, Optional<PostHooks.Request> request) {
    return replies.write(new Replies.Request(accountId, threadId, body, markdown.mentionedHandles(body), request));
  }

  /** Adds a reply inside the caller's transaction (a scheduled post coming due). */
  public Thread.Posted addReplyIn(Handle h, long accountId, long threadId, String body) {
    return replies.writeIn(h, new Replies.Request(accountId, threadId, body, markdown.mentionedHandles(body), Optional.empty()));
  }

  /**
   * Who a new thread reaches: the space's readers, those of them it mentions, and the handles it names that are
   * the workspace's members (chips in its HTML). Read just before the write; someone who joins or leaves the space
   * in between is treated as if they had done so just after it.
   */
  private record Audience(Space space, List<Long> readers, Set<Long> mentioned, Set<String> handles, List<Long> inboxReaders,
                          long readersVersion) {}

  /** A space's threads, newest activity first, continuing after {@code before} (a cursor from a previous page). */
  public Thread.Page threads(long accountId, long spaceId, Optional<String> before, int limit) {
    PageCursor cursor = before.map(b -> PageCursor.parse(b).orElseThrow(() -> Problem.invalid("before", PageCursor.MALFORMED)))
        .orElse(PageCursor.FIRST);
    int bounded = Math.max(1, Math.min(limit, MAX_PAGE));
    return db.read(h -> {
      workspaces.accessSpace(h, accountId, spaceId);
      var page = PageCursor.page(store.summaries(h, spaceId, cursor, bounded + 1), bounded,
          t -> new PageCursor(t.lastActivityAt(), t.id()));
      return new Thread.Page(page.items(), page.next());
    });
  }

  public Thread.SpaceOverview spaceOverview(long accountId, long spaceId, Optional<String> before) {
    Space.Access access = workspaces.accessSpace(accountId, spaceId);
    Thread.Page threads = threads(accountId, spaceId, before, DEFAULT_PAGE);
    List<Workspace.Member> members = workspaces.spaceMembers(accountId, spaceId);
    Set<Long> in = new HashSet<>();
    members.forEach(m -> in.add(m.accountId()));
    List<Workspace.Member> addable = !workspaces.mayAddSpaceMembers(accountId, access) ? List.of()
        : workspaces.members(accountId, access.space().workspaceId()).stream().filter(m -> !in.contains(m.accountId())).toList();
    String workspaceName = db.read(h -> store.workspaceName(h, access.space().workspaceId()));
    return new Thread.SpaceOverview(access, workspaceName, threads, members, addable);
  }

  /** Whether the reader may send urgent notifications from this thread's workspace: the page offers it only then. */
  public boolean maySendUrgent(long accountId, Thread.Detail detail) {
    return workspaces.can(accountId, detail.thread().workspaceId(), Action.SEND_URGENT);
  }

  /** A thread with the first page of its replies, its reactions and acknowledgements, as the reader may see it. */
  public Thread.Detail thread(long accountId, long threadId) {
    return db.read(h -> detail(h, locate(h, accountId, threadId), accountId, At.FIRST, REPLY_PAGE, 0));
  }

  /** Where a page of replies starts: after a reply ({@code 0}: from the first), or before one. */
  public record At(long after, long before) {
    public static final At FIRST = new At(0, 0);

    /** The {@code after} and {@code before} cursors as sent: at most one, each a cursor of an earlier page. */
    public static At of(Optional<String> after, Optional<String> before) {
      if (after.isPresent() && before.isPresent()) throw Problem.invalid("before", "Send 'after' or 'before', not both.");
      return new At(after.map(a -> cursor("after", a)).orElse(0L), before.map(b -> cursor("before", b)).orElse(0L));
    }

    private static long cursor(String field, String raw) {
      long id = dev.longhand.store.Ids.parse(raw.strip());
      if (id <= 0) throw Problem.invalid(field, "'" + field + "' must be the 'next' or 'previous' cursor of a page of replies.");
      return id;
    }

    boolean first() {
      return after == 0 && before == 0;
    }
  }

  /** A page of the thread's replies, oldest first, with the cursors of the pages around it. */
  public Thread.ReplyPage replies(long accountId, long threadId, At at, int limit) {
    int bounded = Math.max(1, Math.min(limit, MAX_PAGE));
    return db.read(h -> {
      Thread t = accessThread(h, accountId, threadId);
      Lazy handles = new Lazy(() -> store.memberHandles(h, t.workspaceId()));
      return replyPage(h, t, accountId, at, bounded, handles, false).page();
    });
  }

  /**
   * The thread as its page opens it, and now read by this person: at the page of {@code at}, or, with no cursor, at
   * the first reply they have not read (as their inbox counts it), which {@link Thread.Detail#firstUnread} names.
   */
  public Thread.Detail openThread(long accountId, long threadId, At at) {
    Thread.Detail detail = db.read(h -> {
      Located where = locate(h, accountId, threadId);
      long firstUnread = 0;
      At start = at;
      if (at.first()) {
        int unread = inbox.unreadCount(h, accountId, threadId);
        if (unread > 0) firstUnread = store.nthNewestReplyNotBy(h, threadId, accountId, unread).orElse(0L);
        if (firstUnread > 0 && where.thread().replyCount() > REPLY_PAGE) {
          start = new At(firstUnread - 1, 0); // ids are unique: after the one before it, so the page starts there
        }
      }
      return detail(h, where, accountId, start, REPLY_PAGE, firstUnread);
    });
    inbox.markRead(accountId, threadId);
    return detail;
  }

  /** The thread, as {@link #openThread} from its first page. */
  public Thread.Detail openThread(long accountId, long threadId) {
    return openThread(accountId, threadId, At.FIRST);
  }

  private Thread.Detail detail(Handle h, Located where, long accountId, At at, int limit, long firstUnread) {
    Thread t = where.thread();
    Lazy handles = new Lazy(() -> store.memberHandles(h, t.workspaceId()));
    Paged paged = replyPage(h, t, accountId, at, limit, handles, true);
    Thread.ReplyPage page = paged.page();
    ThreadStore.Opening opening = where.opening();
    String html = opening.renderVersion() == Markdown.VERSION && opening.bodyHtml() != null ? opening.bodyHtml()
        : markdown.toHtml(t.body(), handles.get());
    return new Thread.Detail(t, where.space(), store.workspaceName(h, t.workspaceId()), store.person(h, t.authorId()),
        html, ThreadStore.countsFor(t.id(), paged.reactions()), page.replies(), store.acknowledgements(h, t.id()),
        opening.editedAt(), page.previous(), page.next(), firstUnread);
  }

  /** A page of replies as shown, and the reactions read for it (those of its replies, and of the opening post when asked). */
  private record Paged(Thread.ReplyPage page, List<ThreadStore.PostReaction> reactions) {}

  /**
   * One page of replies: read one beyond the page to learn whether another follows; the other side asks once. Then
   * the reactions of the page's replies only (and of the opening post with {@code opening}), never the whole thread's.
   */
  private Paged replyPage(Handle h, Thread t, long viewerId, At at, int limit, Lazy handles, boolean opening) {
    List<ThreadStore.StoredReply> rows;
    Optional<String> previous;
    Optional<String> next;
    if (at.before() > 0) {
      List<ThreadStore.StoredReply> newestFirst = store.repliesBefore(h, t.id(), at.before(), limit + 1);
      rows = new java.util.ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
      java.util.Collections.reverse(rows);
      previous = newestFirst.size() > limit ? Optional.of(cursor(rows.getFirst())) : Optional.empty();
      next = !rows.isEmpty() && beyond(h, t.id(), rows.getLast().id(), at.before(), false) ? Optional.of(cursor(rows.getLast()))
          : Optional.empty();
    } else {
      List<ThreadStore.StoredReply> read = store.repliesAfter(h, t.id(), at.after(), limit + 1);
      rows = read.subList(0, Math.min(limit, read.size()));
      next = read.size() > limit ? Optional.of(cursor(rows.getLast())) : Optional.empty();
      previous = at.after() > 0 && !rows.isEmpty() && beyond(h, t.id(), rows.getFirst().id(), at.after(), true)
          ? Optional.of(cursor(rows.getFirst())) : Optional.empty();
    }
    List<Long> posts = new java.util.ArrayList<>(rows.size() + 1);
    if (opening) posts.add(t.id());
    rows.forEach(r -> posts.add(r.id()));
    List<ThreadStore.PostReaction> reactions = store.reactions(h, t.id(), viewerId, posts);
    return new Paged(new Thread.ReplyPage(rows.stream().map(r -> render(r, handles, reactions)).toList(), previous, next), reactions);
  }

  /**
   * Whether the thread has a reply beyond {@code edge} (older or newer). The page's cursor is usually one: a reply of
   * the thread past the edge, found by its key. Only when it is not (deleted since, or made up) is the thread searched,
   * where PostgreSQL may scan in id order expecting an early match (a whole 5,000-reply thread written after 100,000
   * other replies took 0.7 s to page through in the team benchmark).
   */
  private boolean beyond(Handle h, long threadId, long edge, long cursor, boolean older) {
    // A thread opened at its first unread reply pages from just before it (firstUnread - 1), which is no reply.
    boolean cursorBeyond = older ? cursor < edge - 1 : cursor > edge;
    return cursorBeyond && store.isReply(h, threadId, cursor) || store.hasReplyBeyond(h, threadId, edge, older);
  }

  private static String cursor(ThreadStore.StoredReply r) {
    return String.valueOf(r.id());
  }

  /** The workspace's handles, read only when a post's stored HTML is older than the renderer (and then once). */
  private static final class Lazy {
    private final java.util.function.Supplier<Set<String>> read;
    private Set<String> value;

    Lazy(java.util.function.Supplier<Set<String>> read) {
      this.read = read;
    }

    Set<String> get() {
      if (value == null) value = read.get();
      return value;
    }
  }

  /**
   * Whether the reply's thread is read in pages (more replies than its page shows); 404 unless the reader may read
   * the thread and the reply is one of its own, not deleted.
   */
  public boolean replyIsPaged(long accountId, long threadId, long replyId) {
    return db.read(h -> {
      Thread t = accessThread(h, accountId, threadId);
      store.reply(h, t.id(), replyId).orElseThrow(() -> Problem.notFound("reply"));
      return t.replyCount() > REPLY_PAGE;
    });
  }

  public Thread.Reply reply(long accountId, long threadId, long replyId) {
    return db.read(h -> {
      Thread t = accessThread(h, accountId, threadId);
      ThreadStore.StoredReply r = store.reply(h, t.id(), replyId).orElseThrow(() -> Problem.notFound("reply"));
      return render(r, new Lazy(() -> store.memberHandles(h, t.workspaceId())), store.reactions(h, t.id(), accountId, List.of(r.id())));
    });
  }

  /** What the hooks made of a post (its asks), for the writer's API answer; empty, without a read, when nothing could be. */
  public Map<String, Object> postAnswer(long accountId, long postId, String body, Optional<PostHooks.Request> request) {
    if (!hooks.concerns(body, request)) return Map.of();
    return db.read(h -> hooks.answer(h, accountId, postId));
  }

  /** The hooks' notes under the thread's posts (asks and their deadlines), for a reader who may read it. */
  public List<PostHooks.Note> postNotes(long accountId, long threadId) {
    return db.read(h -> hooks.notes(h, accountId, accessThread(h, accountId, threadId)));
  }

  /** Checks that the person may read the thread; for live updates, which subscribe once. */
  public Thread access(long accountId, long threadId) {
    return db.read(h -> accessThread(h, accountId, threadId));
  }

  /** The same check inside a caller's transaction (closing a sync session, which replies and asks in it). */
  public Thread accessIn(Handle h, long accountId, long threadId) {
    return accessThread(h, accountId, threadId);
  }

  public List<Thread.ReactionCount> react(long accountId, long threadId, long postId, String emoji) {
    return db.write(h -> {
      Thread t = accessPost(h, accountId, threadId, postId);
      if (store.addReaction(h, t, postId, accountId, emoji, clock.millis())) {
        outbox.append(h, t.workspaceId(), new ReactionAdded(t.id(), postId, accountId, emoji));
      }
      return ThreadStore.countsFor(postId, store.reactions(h, t.id(), accountId, List.of(postId)));
    });
  }

  public void unreact(long accountId, long threadId, long postId, String emoji) {
    db.writeAll(h -> {
      Thread t = accessPost(h, accountId, threadId, postId);
      if (store.removeReaction(h, t.id(), postId, accountId, emoji)) {
        outbox.append(h, t.workspaceId(), new ReactionRemoved(t.id(), postId, accountId, emoji));
      }
    });
  }

  /** Takes back the person's reaction if they gave it, otherwise gives it: what a reaction button does. */
  public void toggleReaction(long accountId, long threadId, long postId, String emoji) {
    db.writeAll(h -> {
      Thread t = accessPost(h, accountId, threadId, postId);
      if (store.removeReaction(h, t.id(), postId, accountId, emoji)) {
        outbox.append(h, t.workspaceId(), new ReactionRemoved(t.id(), postId, accountId, emoji));
      } else if (store.addReaction(h, t, postId, accountId, emoji, clock.millis())) {
        outbox.append(h, t.workspaceId(), new ReactionAdded(t.id(), postId, accountId, emoji));
      }
    });
  }

  /** Records that the person has read and taken in the thread ("Got it"); doing it twice changes nothing. */
  public List<Thread.Acknowledgement> acknowledge(long accountId, long threadId) {
    return db.write(h -> {
      Thread t = accessThread(h, accountId, threadId);
      if (store.acknowledge(h, t, accountId, clock.millis())) {
        outbox.append(h, t.workspaceId(), new ThreadAcknowledged(t.id(), accountId));
      }
      return store.acknowledgements(h, t.id());
    });
  }

  /** The thread, when the person may read it and {@code postId} is its opening post or one of its replies. */
  private Thread accessPost(Handle h, long accountId, long threadId, long postId) {
    Thread t = accessThread(h, accountId, threadId);
    if (!store.isPostOf(h, t.id(), postId)) throw Problem.invalid("postId", "'postId' must be this thread's id or one of its replies.");
    return t;
  }

  private Thread accessThread(Handle h, long accountId, long threadId) {
    return locate(h, accountId, threadId).thread();
  }

  /** A thread and its space, if the person may read it; otherwise "not found", whatever the reason. */
  private Located locate(Handle h, long accountId, long threadId) {
    ThreadStore.Located found = store.locate(h, accountId, threadId)
        .filter(l -> Space.Access.mayRead(l.space(), l.role(), l.member()))
        .orElseThrow(() -> Problem.notFound("thread"));
    return new Located(found.thread(), found.space(), found.opening());
  }

  private record Located(Thread thread, Space space, ThreadStore.Opening opening) {}

  /** A reply as shown: its stored HTML, or, when an older renderer made that, rendered now (and again at start). */
  private Thread.Reply render(ThreadStore.StoredReply r, Lazy handles, List<ThreadStore.PostReaction> reactions) {
    String html = r.renderVersion() == Markdown.VERSION && r.bodyHtml() != null ? r.bodyHtml() : markdown.toHtml(r.body(), handles.get());
    return new Thread.Reply(r.id(), r.threadId(), r.author(), r.body(), html, r.createdAt(),
        ThreadStore.countsFor(r.id(), reactions), r.editedAt());
  }

}
