package dev.longhand.notify;

import dev.longhand.event.DomainEvent;
import dev.longhand.event.MemberJoined;
import dev.longhand.event.ReplyAdded;
import dev.longhand.event.ThreadAcknowledged;
import dev.longhand.event.ThreadPosted;
import dev.longhand.event.WorkspaceCreated;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Turns what happened into {@code direct} notifications, after the write committed (a durable
 * outbox consumer, so the reply path stays fast): mentions, replies to one's thread,
 * acknowledgements of one's post, and what other features' {@link NoticeSource}s say (comments on documents and
 * recordings). Gives people who join a workspace their digest schedule.
 * Replayed events are recognised by their id and notify nobody twice. A batch of events reads its
 * threads, people, mentions, what it already told and each recipient's policy once, before its one
 * write transaction.
 */
public final class NotificationProducer implements OutboxConsumer {
  private final Database db;
  private final NotificationService notifications;
  private final Digests digests;
  private final List<NoticeSource> sources;

  public NotificationProducer(Database db, NotificationService notifications, Digests digests,
                              List<NoticeSource> sources) {
    this.db = db;
    this.notifications = notifications;
    this.digests = digests;
    this.sources = List.copyOf(sources);
  }

  @Override
  public String name() {
    return "notifications";
  }

  /** Under load, notifications are made for a few large batches a second rather than for every commit. */
  @Override
  public long gatherNanos() {
    return 50_000_000L;
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    Set<Class<? extends DomainEvent>> kinds = new HashSet<>(
        Set.of(ThreadPosted.class, ReplyAdded.class, ThreadAcknowledged.class, MemberJoined.class, WorkspaceCreated.class));
    for (NoticeSource s : sources) kinds.addAll(s.consumes());
    return Set.copyOf(kinds);
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    Planned planned = db.read(h -> plan(h, events));
    db.writeAll(h -> {
      NotificationService.Batch batch = notifications.batch(h, planned.known());
      for (Planned.Pending p : planned.notices()) batch.notify(p.notice(), p.sourceEvent());
      for (long person : planned.digestsFor()) scheduleDigest(h, person);
      batch.flush();
    });
  }

  /**
   * Everything a batch will write, read before its write (on SQLite the write runs on the one writer thread,
   * which every post waits for): the notices its events make, what they already told, the recipients' policies.
   */
  private record Planned(List<Pending> notices, List<Long> digestsFor, NotificationService.Known known) {
    record Pending(Notice notice, long sourceEvent) {}
  }

  private Planned plan(Handle h, List<OutboxEvent> events) {
    Context c = context(h, events);
    List<Planned.Pending> notices = new ArrayList<>();
    List<Long> digestsFor = new ArrayList<>();
    events.forEach(e -> handle(c, e, notices, digestsFor));
    Set<Long> recipients = new HashSet<>();
    for (Planned.Pending p : notices) if (p.notice().level() == Level.DIRECT) recipients.add(p.notice().recipientId());
    List<Long> eventIds = events.stream().map(OutboxEvent::id).toList();
    return new Planned(notices, digestsFor, notifications.known(h, eventIds, recipients));
  }

  /**
   * What a batch of events needs to make its notices, read once: their threads, the people acting, the posts' mentions;
   * and the read handle, for the {@link NoticeSource}s.
   */
  private record Context(Handle handle, Map<Long, ThreadLine> threads, Map<Long, String> names, Map<Long, List<Long>> mentions) {}

  private record ThreadLine(String title, long authorId) {}

  private Context context(Handle h, List<OutboxEvent> events) {
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
        default -> { }
      }
    }
    Map<Long, ThreadLine> lines = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    Map<Long, List<Long>> mentions = new HashMap<>();
    if (!threads.isEmpty()) {
      h.createQuery("SELECT id, title, author_id FROM threads WHERE id IN (<ids>)").bindList("ids", List.copyOf(threads))
          .map((rs, ctx) -> Map.entry(rs.getLong(1), new ThreadLine(rs.getString(2), rs.getLong(3))))
          .forEach(t -> lines.put(t.getKey(), t.getValue()));
    }
    if (!people.isEmpty()) {
      h.createQuery("SELECT id, name FROM accounts WHERE id IN (<ids>)").bindList("ids", List.copyOf(people))
          .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
          .forEach(n -> names.put(n.getKey(), n.getValue()));
    }
    if (!posts.isEmpty()) {
      h.createQuery("SELECT post_id, account_id FROM mentions WHERE post_id IN (<ids>) ORDER BY post_id, account_id")
          .bindList("ids", List.copyOf(posts))
          .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
          .forEach(m -> mentions.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(m.getValue()));
    }
    return new Context(h, lines, names, mentions);
  }

  private void handle(Context c, OutboxEvent e, List<Planned.Pending> notices, List<Long> digestsFor) {
    switch (e.event()) {
      case ThreadPosted t -> posted(c, e, t.threadId(), t.threadId(), t.authorId(), false, notices);
      case ReplyAdded r -> posted(c, e, r.threadId(), r.replyId(), r.authorId(), true, notices);
      case ThreadAcknowledged a -> acknowledged(c, e, a.threadId(), a.accountId(), notices);
      case MemberJoined m -> digestsFor.add(m.accountId());
      case WorkspaceCreated w -> digestsFor.add(w.ownerId());
      default -> {
        for (NoticeSource s : sources) {
          if (s.consumes().contains(e.event().getClass())) {
            s.notices(c.handle(), e).forEach(n -> notices.add(new Planned.Pending(n, e.id())));
          }
        }
      }
    }
  }

  private void scheduleDigest(Handle h, long accountId) {
    boolean scheduled = h.createQuery("SELECT COUNT(*) FROM delivery_policies WHERE account_id = ? AND next_digest_at IS NOT NULL")
        .bind(0, accountId).mapTo(Integer.class).one() > 0;
    if (!scheduled) digests.reschedule(h, accountId);
  }

  private void posted(Context c, OutboxEvent e, long threadId, long postId, long authorId, boolean reply,
                      List<Planned.Pending> notices) {
    ThreadLine thread = c.threads().get(threadId);
    String who = c.names().get(authorId);
    if (thread == null || who == null) return;
    Set<Long> told = new HashSet<>();
    for (long person : c.mentions().getOrDefault(postId, List.of())) {
      if (person == authorId || !told.add(person)) continue;
      notices.add(new Planned.Pending(new Notice(person, e.workspaceId(), Level.DIRECT, "mention", threadId, authorId,
          who + " mentioned you in “" + thread.title() + "”", ""), e.id()));
    }
    if (reply && thread.authorId() != authorId && told.add(thread.authorId())) {
      notices.add(new Planned.Pending(new Notice(thread.authorId(), e.workspaceId(), Level.DIRECT, "reply", threadId, authorId,
          who + " replied to your thread “" + thread.title() + "”", ""), e.id()));
    }
  }

  private void acknowledged(Context c, OutboxEvent e, long threadId, long accountId, List<Planned.Pending> notices) {
    ThreadLine thread = c.threads().get(threadId);
    String who = c.names().get(accountId);
    if (thread == null || who == null || thread.authorId() == accountId) return;
    notices.add(new Planned.Pending(new Notice(thread.authorId(), e.workspaceId(), Level.DIRECT, "acknowledged", threadId, accountId,
        who + " acknowledged your thread “" + thread.title() + "”", ""), e.id()));
  }
}
