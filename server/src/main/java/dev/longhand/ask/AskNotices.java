package dev.longhand.ask;

import dev.longhand.event.DomainEvent;
import dev.longhand.notify.NoticeSource;
import dev.longhand.notify.Notification;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What finishing an ask settles: a held "ask" or "ask-nudge" notice is dropped once its person has no open ask left in
 * that thread (answered, marked done or withdrawn while it was held), and a held "ask-overdue" once its asker has none
 * open there. Asks make their notices themselves ({@link AskNudges}); this source makes none.
 */
final class AskNotices implements NoticeSource {
  static final Set<String> OF_ASSIGNEE = Set.of("ask", "ask-nudge");
  static final Set<String> OF_ASKER = Set.of("ask-overdue");

  private final AskStore store = new AskStore();

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of();
  }

  @Override
  public Set<Long> settled(Handle h, long recipientId, List<Notification> held) {
    Set<Long> settled = new HashSet<>();
    settle(h, recipientId, held, OF_ASSIGNEE, true, settled);
    settle(h, recipientId, held, OF_ASKER, false, settled);
    return settled;
  }

  private void settle(Handle h, long me, List<Notification> held, Set<String> kinds, boolean mine, Set<Long> settled) {
    Set<Long> threads = new HashSet<>();
    for (Notification n : held) if (kinds.contains(n.kind())) threads.add(n.threadId());
    if (threads.isEmpty()) return;
    Set<Long> open = store.openIn(h, me, mine, threads);
    for (Notification n : held) if (kinds.contains(n.kind()) && !open.contains(n.threadId())) settled.add(n.id());
  }
}
