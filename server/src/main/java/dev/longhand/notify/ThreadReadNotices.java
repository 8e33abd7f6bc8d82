package dev.longhand.notify;

import dev.longhand.event.DomainEvent;
import dev.longhand.event.ThreadRead;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reading a thread reads its notices: once someone opened a thread to its end ({@code ThreadRead}), "3 new replies in
 * X" has nothing left to tell them, and the badge drops. Durable, so a crash does not leave them unread; marking read
 * twice changes nothing.
 */
public final class ThreadReadNotices implements OutboxConsumer {
  private final NotificationService notifications;

  public ThreadReadNotices(NotificationService notifications) {
    this.notifications = notifications;
  }

  @Override
  public String name() {
    return "thread-read-notices";
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(ThreadRead.class);
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    List<ThreadRead> read = new ArrayList<>();
    for (OutboxEvent e : events) if (e.event() instanceof ThreadRead r) read.add(r);
    notifications.threadsRead(read);
  }
}
