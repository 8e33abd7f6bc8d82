package dev.longhand.thread;

import dev.longhand.event.ReplyDeleted;
import dev.longhand.event.ReplyEdited;
import dev.longhand.event.ThreadDeleted;
import dev.longhand.event.ThreadEdited;
import dev.longhand.event.ThreadMoved;
import dev.longhand.http.Problem;
import dev.longhand.inbox.InboxService;
import dev.longhand.markdown.Markdown;
import dev.longhand.store.Database;
import dev.longhand.store.Outbox;
import dev.longhand.store.Pipeline;
import dev.longhand.workspace.Action;
import dev.longhand.workspace.Permissions;
import dev.longhand.workspace.Relation;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.Workspace;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Editing, deleting and moving posts. A post is found as its reader may see it (unknown, foreign, unreadable and
 * deleted posts are all "not found"), then the permissions table decides: its author edits it ({@link
 * Action#EDIT_POST}), its author or an admin deletes it ({@link Action#DELETE_POST}), an admin moves a thread
 * ({@link Action#MOVE_THREAD}); anyone else who can see it gets 403. Every write is one transaction with its event.
 *
 * <p>An edit keeps every version: the first edit of a post stores its original (its author, its time) as revision 1
 * and the new text as revision 2, and so on. The new text is rendered once, here, and stored with the renderer's
 * version. Whoever the edit mentions for the first time is told (the event names them); those already mentioned
 * are not told again. A deleted post stays as a row, hidden from every read, the inbox, search and digests; deleting
 * a thread deletes its replies too, and the post hooks end what hangs off the deleted posts in the same transaction
 * (their open asks are withdrawn).
 */
public final class PostEdits {
  private final Database db;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final InboxService inbox;
  private final Markdown markdown;
  private final ThreadStore threads;
  private final PostHooks hooks;
  private final PostEditStore store = new PostEditStore();

  PostEdits(Database db, Clock clock, Outbox outbox, WorkspaceService workspaces, InboxService inbox, Markdown markdown,
            ThreadStore threads, PostHooks hooks) {
    this.db = db;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.inbox = inbox;
    this.markdown = markdown;
    this.threads = threads;
    this.hooks = hooks;
  }

  /** A change to a thread: each part empty when it stays as it is. */
  public record ThreadChange(Optional<String> title, Optional<String> body, Optional<Long> spaceId) {
    public boolean empty() {
      return title.isEmpty() && body.isEmpty() && spaceId.isEmpty();
    }
  }

  /** What the viewer may do to the posts of a thread: the page offers only these. */
  public record Allowed(boolean editThread, boolean deleteThread, boolean moveThread, boolean deleteAnyReply) {
    public boolean editReply(Thread.Reply r, long viewerId) {
      return r.author().id() == viewerId;
    }

    public boolean deleteReply(Thread.Reply r, long viewerId) {
      return deleteAnyReply || r.author().id() == viewerId;
    }
  }

  /** Edits a thread's title or opening post, or moves it; nothing is written when nothing changes. */
  public void changeThread(long accountId, long threadId, ThreadChange change) {
    if (change.empty()) throw Problem.invalid("title", "Send a new 'title' or 'body' (or 'spaceId' to move the thread).");
    db.writeAll(h -> {
      ThreadStore.Located l = locate(h, accountId, threadId);
      Thread t = l.thread();
      boolean edits = change.title().filter(x -> !x.equals(t.title())).isPresent()
          || change.body().filter(x -> !x.equals(t.body())).isPresent();
      if (change.title().isPresent() || change.body().isPresent()) {
        Permissions.check(l.role(), Action.EDIT_POST, authorOf(t.authorId(), accountId));
      }
      Optional<Space> target = Optional.empty();
      if (change.spaceId().isPresent()) {
        Permissions.check(l.role(), Action.MOVE_THREAD, Set.of());
        target = Optional.of(targetSpace(h, accountId, t, change.spaceId().get()));
      }
      if (edits) editThread(h, t, accountId, change.title().orElse(t.title()), change.body().orElse(t.body()));
      if (target.isPresent() && target.get().id() != t.spaceId()) move(h, t, target.get(), accountId);
    });
  }

  private Space targetSpace(Handle h, long accountId, Thread t, long spaceId) {
    Space space;
    try {
      space = workspaces.accessSpace(h, accountId, spaceId).space();
    } catch (Problem p) {
      if (p.status() != 404) throw p;
      throw Problem.invalid("spaceId", "'spaceId' must be a space of this thread's workspace that you can read.");
    }
    if (space.workspaceId() != t.workspaceId()) {
      throw Problem.invalid("spaceId", "'spaceId' must be a space of this thread's workspace that you can read.");
    }
    return space;
  }

  private void editThread(Handle h, Thread t, long editorId, String title, String body) {
    long now = clock.millis();
    int revision = keepRevisions(h, t.id(), t, t.authorId(), t.createdAt(), t.title(), t.body(), editorId, title, body, now);
    Mentions m = mentions(h, t, t.id(), body, editorId);
    store.updateThread(h, t.id(), title, body, markdown.toHtml(body, m.handles()), Markdown.VERSION, now);
    addMentions(h, t, t.id(), m.added(), now);
    outbox.append(h, t.workspaceId(), new ThreadEdited(t.id(), t.spaceId(), editorId, revision, List.copyOf(new TreeSet<>(m.added()))));
  }

  /** Edits a reply; nothing is written when its text stays the same. Answers the id of its thread. */
  public long editReply(long accountId, long replyId, String body) {
    return editReply(accountId, 0, replyId, body);
  }

  /** Edits a reply of this thread ({@code 0}: of any), as {@link #editReply(long, long, String)}. */
  public long editReply(long accountId, long threadId, long replyId, String body) {
    return db.write(h -> {
      Found f = findReply(h, accountId, threadId, replyId);
      Permissions.check(f.located().role(), Action.EDIT_POST, authorOf(f.reply().authorId(), accountId));
      Thread t = f.located().thread();
      if (body.equals(f.reply().body())) return t.id();
      long now = clock.millis();
      PostEditStore.ReplyRow r = f.reply();
      int revision = keepRevisions(h, r.id(), t, r.authorId(), r.createdAt(), null, r.body(), accountId, null, body, now);
      Mentions m = mentions(h, t, r.id(), body, accountId);
      store.updateReply(h, r.id(), body, markdown.toHtml(body, m.handles()), Markdown.VERSION, now);
      addMentions(h, t, r.id(), m.added(), now);
      outbox.append(h, t.workspaceId(),
          new ReplyEdited(t.id(), r.id(), t.spaceId(), accountId, revision, List.copyOf(new TreeSet<>(m.added()))));
      return t.id();
    });
  }

  /** Deletes a thread and its replies, for everyone; answers the space it was in. */
  public long deleteThread(long accountId, long threadId) {
    return db.write(h -> {
      ThreadStore.Located l = locate(h, accountId, threadId);
      Thread t = l.thread();
      Permissions.check(l.role(), Action.DELETE_POST, authorOf(t.authorId(), accountId));
      long now = clock.millis();
      List<Long> replies = store.deleteThread(h, t.id(), now);
      inbox.threadDeleted(h, t.id());
      List<Long> posts = new java.util.ArrayList<>(replies.size() + 1);
      posts.add(t.id());
      posts.addAll(replies);
      hooks.postsDeleted(h, t, true, posts, now);
      Pipeline p = db.pipeline(h);
      outbox.append(p, t.workspaceId(), new ThreadDeleted(t.id(), t.spaceId(), accountId));
      // each reply leaves search (and webhooks hear of it) as if deleted alone
      for (long reply : replies) outbox.append(p, t.workspaceId(), new ReplyDeleted(t.id(), reply, t.spaceId(), accountId));
      p.flush();
      return t.spaceId();
    });
  }

  /** Deletes a reply, for everyone. */
  public void deleteReply(long accountId, long replyId) {
    deleteReply(accountId, 0, replyId);
  }

  /** Deletes a reply of this thread ({@code 0}: of any), for everyone. */
  public void deleteReply(long accountId, long threadId, long replyId) {
    db.writeAll(h -> {
      Found f = findReply(h, accountId, threadId, replyId);
      Thread t = f.located().thread();
      Permissions.check(f.located().role(), Action.DELETE_POST, authorOf(f.reply().authorId(), accountId));
      long now = clock.millis();
      store.deleteReply(h, replyId, t.id(), now);
      hooks.postsDeleted(h, t, false, List.of(replyId), now);
      outbox.append(h, t.workspaceId(), new ReplyDeleted(t.id(), replyId, t.spaceId(), accountId));
    });
  }

  /** The versions of a thread's opening post (with its titles), oldest first; one when it was never edited. */
  public Thread.History threadHistory(long accountId, long threadId) {
    return db.read(h -> {
      Thread t = locate(h, accountId, threadId).thread();
      List<Thread.Revision> kept = store.revisions(h, t.id());
      List<Thread.Revision> revisions = !kept.isEmpty() ? kept
          : List.of(new Thread.Revision(1, threads.person(h, t.authorId()), t.createdAt(), t.title(), t.body()));
      return new Thread.History(t, t.id(), true, revisions);
    });
  }

  /** The versions of a reply, oldest first; one when it was never edited. */
  public Thread.History replyHistory(long accountId, long replyId) {
    return db.read(h -> {
      Found f = findReply(h, accountId, replyId);
      PostEditStore.ReplyRow r = f.reply();
      List<Thread.Revision> kept = store.revisions(h, r.id());
      List<Thread.Revision> revisions = !kept.isEmpty() ? kept
          : List.of(new Thread.Revision(1, threads.person(h, r.authorId()), r.createdAt(), null, r.body()));
      return new Thread.History(f.located().thread(), r.id(), false, revisions);
    });
  }

  /** What the viewer may do to this thread's posts, for its page. */
  public Allowed allowed(long accountId, long threadId) {
    return db.read(h -> {
      ThreadStore.Located l = locate(h, accountId, threadId);
      Set<Relation> author = authorOf(l.thread().authorId(), accountId);
      return new Allowed(Permissions.can(l.role(), Action.EDIT_POST, author), Permissions.can(l.role(), Action.DELETE_POST, author),
          Permissions.can(l.role(), Action.MOVE_THREAD), Permissions.can(l.role(), Action.DELETE_POST));
    });
  }

  /** The spaces an admin could move the thread to: the others of its workspace that they can read. */
  public List<Space> moveTargets(long accountId, long threadId) {
    ThreadStore.Located l = db.read(h -> locate(h, accountId, threadId));
    if (!Permissions.can(l.role(), Action.MOVE_THREAD)) return List.of();
    return workspaces.spaces(accountId, l.thread().workspaceId()).stream().filter(s -> s.id() != l.thread().spaceId()).toList();
  }

  private void move(Handle h, Thread t, Space to, long actorId) {
    store.moveThread(h, t.id(), to.id());
    workspaces.readersChanged(h, to.id()); // a thread moved in: the levels remembered for its threads there are read again (LevelMemory)
    inbox.threadMoved(h, t.id(), to.id(), workspaces.readers(h, to));
    outbox.append(h, t.workspaceId(), new ThreadMoved(t.id(), t.spaceId(), to.id(), actorId));
  }

  /**
   * Keeps the versions of a post: on its first edit its original (by its author, at its time) as revision 1; then
   * the new version. Answers the new version's number.
   */
  private int keepRevisions(Handle h, long postId, Thread t, long authorId, long createdAt, String oldTitle, String oldBody,
                            long editorId, String title, String body, long now) {
    int latest = store.latestRevision(h, postId);
    if (latest == 0) {
      store.insertRevision(h, postId, 1, t, authorId, oldTitle, oldBody, createdAt);
      latest = 1;
    }
    store.insertRevision(h, postId, latest + 1, t, editorId, title, body, now);
    return latest + 1;
  }

  /** Whom a post's new text mentions for the first time (among the space's readers), and its handles that render. */
  private record Mentions(Set<Long> added, Set<String> handles) {}

  private Mentions mentions(Handle h, Thread t, long postId, String body, long authorId) {
    Set<String> named = markdown.mentionedHandles(body);
    if (named.isEmpty()) return new Mentions(Set.of(), Set.of());
    List<Workspace.Member> members = workspaces.membersByHandle(h, t.workspaceId(), List.copyOf(named));
    Set<String> handles = new HashSet<>();
    members.forEach(m -> handles.add(m.handle()));
    Set<Long> readers = new HashSet<>(workspaces.readers(h, t.spaceId()));
    Set<Long> before = store.mentioned(h, postId);
    Set<Long> added = new HashSet<>();
    for (Workspace.Member m : members) {
      if (m.accountId() != authorId && readers.contains(m.accountId()) && !before.contains(m.accountId())) added.add(m.accountId());
    }
    return new Mentions(added, handles);
  }

  private void addMentions(Handle h, Thread t, long postId, Set<Long> added, long now) {
    if (added.isEmpty()) return;
    Pipeline p = db.pipeline(h);
    threads.insertMentions(p, postId, t, added, now);
    p.flush();
  }

  private record Found(ThreadStore.Located located, PostEditStore.ReplyRow reply) {}

  /** A reply and its thread, if the person may read it; otherwise "not found", whatever the reason. */
  private Found findReply(Handle h, long accountId, long replyId) {
    return findReply(h, accountId, 0, replyId);
  }

  private Found findReply(Handle h, long accountId, long threadId, long replyId) {
    PostEditStore.ReplyRow r = store.reply(h, replyId).filter(x -> threadId == 0 || x.threadId() == threadId)
        .orElseThrow(() -> Problem.notFound("reply"));
    ThreadStore.Located l = threads.locate(h, accountId, r.threadId())
        .filter(x -> Space.Access.mayRead(x.space(), x.role(), x.member()))
        .orElseThrow(() -> Problem.notFound("reply"));
    return new Found(l, r);
  }

  private ThreadStore.Located locate(Handle h, long accountId, long threadId) {
    return threads.locate(h, accountId, threadId)
        .filter(l -> Space.Access.mayRead(l.space(), l.role(), l.member()))
        .orElseThrow(() -> Problem.notFound("thread"));
  }

  private static Set<Relation> authorOf(long authorId, long accountId) {
    return Permissions.relation(authorId == accountId, Relation.AUTHOR);
  }
}
