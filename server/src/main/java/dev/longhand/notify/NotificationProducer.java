package dev.longhand.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
  private final ObjectMapper json;
  private final NotificationService notifications;
  private final Digests digests;
  private final List<NoticeSource> sources;
  private final NotificationStore store = new NotificationStore();
  private final PolicyStore policyStore = new PolicyStore();

  public NotificationProducer(Database db, ObjectMapper json, NotificationService notifications, Digests digests,
                              List<NoticeSource> sources) {
    this.db = db;
    this.json = json;
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
  public void accept(List<OutboxEvent> events) {
    List<OutboxEvent> relevant = events.stream().filter(e -> switch (e.kind()) {
      case "ThreadPosted", "ReplyAdded", "ThreadAcknowledged", "MemberJoined", "WorkspaceCreated" -> true;
      default -> source(e.kind()) != null;
    }).toList();
    if (relevant.isEmpty()) return;
    Map<OutboxEvent, JsonNode> payloads = new LinkedHashMap<>();
    relevant.forEach(e -> payloads.put(e, payload(e)));
    Planned planned = db.read(h -> plan(h, payloads));
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

  private Planned plan(Handle h, Map<OutboxEvent, JsonNode> payloads) {
    Context c = context(h, payloads);
    List<Planned.Pending> notices = new ArrayList<>();
    List<Long> digestsFor = new ArrayList<>();
    payloads.forEach((e, p) -> handle(c, e, p, notices, digestsFor));
    Set<Long> recipients = new HashSet<>();
    for (Planned.Pending p : notices) if (p.notice().level() == Level.DIRECT) recipients.add(p.notice().recipientId());
    List<Long> eventIds = payloads.keySet().stream().map(OutboxEvent::id).toList();
    return new Planned(notices, digestsFor, notifications.known(h, eventIds, recipients));
  }

  /**
   * What a batch of events needs to make its notices, read once: their threads, the people acting, the posts' mentions;
   * and the read handle, for the {@link NoticeSource}s.
   */
  private record Context(Handle handle, Map<Long, ThreadLine> threads, Map<Long, String> names, Map<Long, List<Long>> mentions) {}

  record ThreadLine(String title, long authorId) {}

  private Context context(Handle h, Map<OutboxEvent, JsonNode> payloads) {
    Set<Long> threads = new HashSet<>();
    Set<Long> people = new HashSet<>();
    Set<Long> posts = new HashSet<>();
    payloads.forEach((e, p) -> {
      if (p.path("threadId").asLong(0) != 0) threads.add(p.path("threadId").asLong());
      if (p.has("authorId")) people.add(p.path("authorId").asLong());
      if (p.has("accountId")) people.add(p.path("accountId").asLong());
      if (e.kind().equals("ThreadPosted")) posts.add(p.path("threadId").asLong(0));
      if (e.kind().equals("ReplyAdded")) posts.add(p.path("replyId").asLong(0));
    });
    Map<Long, ThreadLine> lines = threads.isEmpty() ? Map.of() : store.threadLines(h, threads);
    Map<Long, String> names = people.isEmpty() ? Map.of() : store.names(h, people);
    Map<Long, List<Long>> mentions = posts.isEmpty() ? Map.of() : store.mentions(h, posts);
    return new Context(h, lines, names, mentions);
  }

  private JsonNode payload(OutboxEvent e) {
    try {
      return json.readTree(e.payload());
    } catch (java.io.IOException bad) {
      return json.createObjectNode(); // unreadable: skipped like any event missing its fields
    }
  }

  /** An event without what it needs (older or foreign) is skipped: one odd event must never stop notifications. */
  private void handle(Context c, OutboxEvent e, JsonNode p, List<Planned.Pending> notices, List<Long> digestsFor) {
    long thread = p.path("threadId").asLong(0);
    switch (e.kind()) {
      case "ThreadPosted" -> {
        if (thread != 0 && p.has("authorId")) posted(c, e, thread, thread, p.path("authorId").asLong(), false, notices);
      }
      case "ReplyAdded" -> {
        if (thread != 0 && p.has("replyId") && p.has("authorId")) {
          posted(c, e, thread, p.path("replyId").asLong(), p.path("authorId").asLong(), true, notices);
        }
      }
      case "ThreadAcknowledged" -> {
        if (thread != 0 && p.has("accountId")) acknowledged(c, e, thread, p.path("accountId").asLong(), notices);
      }
      case "MemberJoined" -> {
        if (p.has("accountId")) digestsFor.add(p.path("accountId").asLong());
      }
      case "WorkspaceCreated" -> {
        if (p.has("ownerId")) digestsFor.add(p.path("ownerId").asLong());
      }
      default -> {
        NoticeSource source = source(e.kind());
        if (source != null) source.notices(c.handle(), e, p).forEach(n -> notices.add(new Planned.Pending(n, e.id())));
      }
    }
  }

  private NoticeSource source(String kind) {
    for (NoticeSource s : sources) if (s.kinds().contains(kind)) return s;
    return null;
  }

  private void scheduleDigest(Handle h, long accountId) {
    boolean scheduled = policyStore.digestScheduled(h, accountId);
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
