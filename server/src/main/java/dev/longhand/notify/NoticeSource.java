package dev.longhand.notify;

import dev.longhand.event.DomainEvent;
import dev.longhand.store.OutboxEvent;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A feature whose events tell people something directly (mentions and replies in threads, comments on documents and
 * recordings): it says whom and what, from its own tables, and the {@link NotificationProducer} delivers the notices
 * with the rest, once, at the recipients' hours. Its rules stay with the feature.
 */
public interface NoticeSource {
  /** The event kinds it reads. */
  Set<Class<? extends DomainEvent>> consumes();

  /**
   * The notices one of its events makes, read on the producer's read handle: only for people who may read
   * what it is about, never for the one who acted, at most one per person. None for an event whose subject
   * is gone (deleted since).
   */
  List<Notice> notices(Handle h, OutboxEvent event);
}
