package dev.longhand.inbox;

import dev.longhand.event.DomainEvent;
import dev.longhand.notify.NoticeSource;
import dev.longhand.notify.Notification;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What reading settles: a held notice of a post in a thread (a mention, a reply to one's thread) is dropped when its
 * person has read the thread since, so the start of their day does not bring news they already read. Read state is
 * the inbox row: none means everything in the thread was read (a thread marked read counts too). Makes no notices.
 */
final class ReadNotices implements NoticeSource {
  /** The kinds a post makes that leave an unread in the inbox beside them. */
  static final Set<String> KINDS = Set.of("mention", "reply");

  private final InboxStore store = new InboxStore();

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of();
  }

  @Override
  public Set<Long> settled(Handle h, long recipientId, List<Notification> held) {
    Set<Long> threads = new HashSet<>();
    for (Notification n : held) if (KINDS.contains(n.kind()) && n.threadId() != 0) threads.add(n.threadId());
    if (threads.isEmpty()) return Set.of();
    Set<Long> unread = store.unreadAmong(h, recipientId, threads);
    Set<Long> settled = new HashSet<>();
    for (Notification n : held) {
      if (KINDS.contains(n.kind()) && n.threadId() != 0 && !unread.contains(n.threadId())) settled.add(n.id());
    }
    return settled;
  }
}
