package dev.longhand.thread;

import dev.longhand.http.PostLinks;
import dev.longhand.event.DomainEvent;
import dev.longhand.event.ReplyAdded;
import dev.longhand.event.ReplyEdited;
import dev.longhand.event.ThreadEdited;
import dev.longhand.event.ThreadAcknowledged;
import dev.longhand.event.ThreadPosted;
import dev.longhand.notify.Level;
import dev.longhand.notify.Notice;
import dev.longhand.notify.NoticeSource;
import dev.longhand.store.OutboxEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Whom posts tell directly: the people a post mentions ({@code mention}; for an edit, only those it mentions for
 * the first time), a thread's author when someone replies ({@code reply}) or acknowledges it ({@code acknowledged}),
 * and those who follow the thread or its space ({@code followed-reply}, {@code followed-thread}); never the one who
 * acted, at most once per post. Those who muted the thread (or its space) hear only of mentions (see
 * {@link Subscriptions}). A notice about a reply leads to it ({@code /threads/1/replies/2}), so it leaves with the reply
 * when that is deleted. A batch of events reads its threads, the people acting, the posts' mentions and the levels
 * people chose once, however many events it holds.
 */
public final class ThreadNotices implements NoticeSource {
  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(ThreadPosted.class, ReplyAdded.class, ThreadAcknowledged.class, ThreadEdited.class, ReplyEdited.class);
  }

  @Override
  public List<Made> notices(Handle h, List<OutboxEvent> events) {
    Context c = context(h, events);
    List<Made> made = new ArrayList<>();
    for (OutboxEvent e : events) {
      switch (e.event()) {
        case ThreadPosted t -> posted(c, e, t.threadId(), t.threadId(), t.authorId(), false, made);
        case ReplyAdded r -> posted(c, e, r.threadId(), r.replyId(), r.authorId(), true, made);
        case ThreadAcknowledged a -> acknowledged(c, e, a.threadId(), a.accountId(), made);
        case ThreadEdited t -> edited(c, e, t.threadId(), "", t.editorId(), t.mentioned(), made);
        case ReplyEdited r -> edited(c, e, r.threadId(), PostLinks.reply(r.threadId(), r.replyId()), r.editorId(), r.mentioned(), made);
        default -> { }
      }
    }
    return made;
  }

  /** What a batch of events needs to make its notices, read once: their threads, the people acting, the posts' mentions. */
  private record Context(Map<Long, ThreadLine> threads, Map<Long, String> names, Map<Long, List<Long>> mentions,
      Subscriptions.Levels levels, Set<ThreadNoticeStore.Reader> followersWhoRead) {}

  record ThreadLine(String title, long authorId, long spaceId, String spaceName) {}

  private static final ThreadNoticeStore STORE = new ThreadNoticeStore();

  private static Context context(Handle h, List<OutboxEvent> events) {
    Set<Long> threads = new HashSet<>();
    Set<Long> people = new HashSet<>();
    Set<Long> posts = new HashSet<>();
    for (OutboxEvent e : events) {
      switch (e.event()) {
        case ThreadPosted t -> {
          threads.add(t.threadId());
          people.add(t.authorId());
          posts.add(t.threadId());
        }
        case ReplyAdded r -> {
          threads.add(r.threadId());
          people.add(r.authorId());
          posts.add(r.replyId());
        }
        case ThreadAcknowledged a -> {
          threads.add(a.threadId());
          people.add(a.accountId());
        }
        case ThreadEdited t -> {
          threads.add(t.threadId());
          people.add(t.editorId());
        }
        case ReplyEdited r -> {
          threads.add(r.threadId());
          people.add(r.editorId());
        }
        default -> { }
      }
    }
    Map<Long, ThreadLine> lines = threads.isEmpty() ? Map.of() : STORE.threadLines(h, threads);
    Map<Long, String> names = people.isEmpty() ? Map.of() : STORE.names(h, people);
    Map<Long, List<Long>> mentions = posts.isEmpty() ? Map.of() : STORE.mentions(h, posts);
    Set<Long> spaces = new HashSet<>();
    lines.values().forEach(l -> spaces.add(l.spaceId()));
    Subscriptions.Levels levels = Subscriptions.Levels.read(h, spaces, lines.keySet());
    // Followers are asked whether they still read the space: following does not outlast access.
    Set<ThreadNoticeStore.Reader> followers = new HashSet<>();
    lines.forEach((thread, line) -> levels.with(Subscriptions.Level.FOLLOW, line.spaceId(), thread)
        .forEach(p -> followers.add(new ThreadNoticeStore.Reader(line.spaceId(), p))));
    Set<ThreadNoticeStore.Reader> reading = followers.isEmpty() ? Set.of() : STORE.readers(h, followers);
    return new Context(lines, names, mentions, levels, reading);
  }

  private static void posted(Context c, OutboxEvent e, long threadId, long postId, long authorId, boolean reply, List<Made> made) {
    ThreadLine thread = c.threads().get(threadId);
    String who = c.names().get(authorId);
    if (thread == null || who == null) return;
    String link = reply ? PostLinks.reply(threadId, postId) : "";
    Set<Long> told = new HashSet<>();
    for (long person : c.mentions().getOrDefault(postId, List.of())) {
      if (person == authorId || !told.add(person)) continue;
      made.add(new Made(new Notice(person, e.workspaceId(), Level.DIRECT, "mention", threadId, authorId,
          who + " mentioned you in “" + thread.title() + "”", "", link), e.id()));
    }
    long space = thread.spaceId();
    if (reply && thread.authorId() != authorId && c.levels().level(thread.authorId(), space, threadId) != Subscriptions.Level.MUTE
        && told.add(thread.authorId())) {
      made.add(new Made(new Notice(thread.authorId(), e.workspaceId(), Level.DIRECT, "reply", threadId, authorId,
          who + " replied to your thread “" + thread.title() + "”", "", link), e.id()));
    }
    for (long person : c.levels().with(Subscriptions.Level.FOLLOW, space, threadId).stream().sorted().toList()) {
      if (person == authorId || !c.followersWhoRead().contains(new ThreadNoticeStore.Reader(space, person)) || !told.add(person)) continue;
      made.add(new Made(reply
          ? new Notice(person, e.workspaceId(), Level.DIRECT, "followed-reply", threadId, authorId,
              who + " replied in “" + thread.title() + "”", "", link)
          : new Notice(person, e.workspaceId(), Level.DIRECT, "followed-thread", threadId, authorId,
              who + " started “" + thread.title() + "” in " + thread.spaceName(), ""), e.id()));
    }
  }

  /** An edit tells only the people it mentions for the first time (its event names them), never the editor. */
  private static void edited(Context c, OutboxEvent e, long threadId, String link, long editorId, List<Long> mentioned, List<Made> made) {
    ThreadLine thread = c.threads().get(threadId);
    String who = c.names().get(editorId);
    if (thread == null || who == null) return;
    Set<Long> told = new HashSet<>();
    for (long person : mentioned) {
      if (person == editorId || !told.add(person)) continue;
      made.add(new Made(new Notice(person, e.workspaceId(), Level.DIRECT, "mention", threadId, editorId,
          who + " mentioned you in “" + thread.title() + "”", "", link), e.id()));
    }
  }

  private static void acknowledged(Context c, OutboxEvent e, long threadId, long accountId, List<Made> made) {
    ThreadLine thread = c.threads().get(threadId);
    String who = c.names().get(accountId);
    if (thread == null || who == null || thread.authorId() == accountId) return;
    if (c.levels().level(thread.authorId(), thread.spaceId(), threadId) == Subscriptions.Level.MUTE) return;
    made.add(new Made(new Notice(thread.authorId(), e.workspaceId(), Level.DIRECT, "acknowledged", threadId, accountId,
        who + " acknowledged your thread “" + thread.title() + "”", ""), e.id()));
  }
}
