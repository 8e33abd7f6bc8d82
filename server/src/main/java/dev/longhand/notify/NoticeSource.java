package dev.longhand.notify;

import dev.longhand.event.DomainEvent;
import dev.longhand.store.OutboxEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A feature whose events tell people something directly (mentions and replies in threads, comments on documents and
 * recordings): it says whom and what, from its own tables, and the {@link NotificationProducer} delivers the notices
 * with the rest, once, at the recipients' hours. Its rules stay with the feature.
 */
public interface NoticeSource {
  /** A notice and the event that made it (a replayed event notifies nobody twice). */
  record Made(Notice notice, long eventId) {}

  /** The event kinds it reads. */
  Set<Class<? extends DomainEvent>> consumes();

  /**
   * The notices a batch of its events makes, read on the producer's read handle. A source on a hot path (threads)
   * reads what the whole batch needs at once; the default asks {@link #notices(Handle, OutboxEvent)} event by event.
   */
  default List<Made> notices(Handle h, List<OutboxEvent> events) {
    List<Made> made = new ArrayList<>();
    for (OutboxEvent e : events) notices(h, e).forEach(n -> made.add(new Made(n, e.id())));
    return made;
  }

  /**
   * The notices one of its events makes: only for people who may read what it is about, never for the one who
   * acted, at most one per person. None for an event whose subject is gone (deleted since).
   */
  default List<Notice> notices(Handle h, OutboxEvent event) {
    return List.of();
  }

  /**
   * Of one person's held notifications whose moment came, the ids of those this feature knows were settled while they
   * were held (the thread read since, the ask done): they are dropped rather than delivered. Read on the delivering
   * transaction's handle; a source answers only for the kinds it makes (none by default).
   */
  default Set<Long> settled(Handle h, long recipientId, List<Notification> held) {
    return Set.of();
  }
}
