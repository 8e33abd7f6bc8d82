package dev.longhand.notify;

import dev.longhand.event.DomainEvent;
import dev.longhand.event.MemberJoined;
import dev.longhand.event.WorkspaceCreated;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Turns what happened into {@code direct} notifications, after the write committed (a durable
 * outbox consumer, so the reply path stays fast): what the features' {@link NoticeSource}s say (mentions, replies
 * and acknowledgements in threads; comments on documents and recordings). Gives people who join a workspace their
 * digest schedule. Replayed events are recognised by their id and notify nobody twice. A batch of events is read
 * once per source, and what it already told and each recipient's policy once, before its one write transaction.
 */
public final class NotificationProducer implements OutboxConsumer {
  private final Database db;
  private final NotificationService notifications;
  private final Digests digests;
  private final List<NoticeSource> sources;
  private final NotificationStore store = new NotificationStore();
  private final PolicyStore policyStore = new PolicyStore();

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
    Set<Class<? extends DomainEvent>> kinds = new HashSet<>(Set.of(MemberJoined.class, WorkspaceCreated.class));
    for (NoticeSource s : sources) kinds.addAll(s.consumes());
    return Set.copyOf(kinds);
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    Planned planned = db.read(h -> plan(h, events));
    db.writeAll(h -> {
      NotificationService.Batch batch = notifications.batch(h, planned.known());
      for (NoticeSource.Made m : planned.notices()) batch.notify(m.notice(), m.eventId(), planned.happenedAt().get(m.eventId()));
      for (long person : planned.digestsFor()) scheduleDigest(h, person);
      batch.flush();
    });
  }

  /**
   * Everything a batch will write, read before its write (on SQLite the write runs on the one writer thread,
   * which every post waits for): the notices its events make, what they already told, the recipients' policies.
   */
  private record Planned(List<NoticeSource.Made> notices, List<Long> digestsFor, NotificationService.Known known,
                         Map<Long, Long> happenedAt) {}

  /** Each source reads its own events of the batch at once; the notices then go out in the order of their events. */
  private Planned plan(Handle h, List<OutboxEvent> events) {
    List<NoticeSource.Made> notices = new ArrayList<>();
    for (NoticeSource s : sources) {
      List<OutboxEvent> its = events.stream().filter(e -> s.consumes().contains(e.event().getClass())).toList();
      if (!its.isEmpty()) notices.addAll(s.notices(h, its));
    }
    notices.sort(Comparator.comparingLong(NoticeSource.Made::eventId)); // stable: a post's mentions keep their order
    List<Long> digestsFor = new ArrayList<>();
    for (OutboxEvent e : events) {
      switch (e.event()) {
        case MemberJoined m -> digestsFor.add(m.accountId());
        case WorkspaceCreated w -> digestsFor.add(w.ownerId());
        default -> { }
      }
    }
    Set<Long> recipients = new HashSet<>();
    for (NoticeSource.Made m : notices) if (m.notice().level() == Level.DIRECT) recipients.add(m.notice().recipientId());
    List<Long> eventIds = events.stream().map(OutboxEvent::id).toList();
    Map<Long, Long> happenedAt = new HashMap<>();
    for (OutboxEvent e : events) happenedAt.put(e.id(), e.createdAt()); // a notice keeps its event's time
    return new Planned(notices, digestsFor, notifications.known(h, eventIds, recipients), happenedAt);
  }

  private void scheduleDigest(Handle h, long accountId) {
    boolean scheduled = policyStore.digestScheduled(h, accountId);
    if (!scheduled) digests.reschedule(h, accountId);
  }
}
