package dev.longhand.notify;

import dev.longhand.event.DomainEvent;
import dev.longhand.event.ReplyDeleted;
import dev.longhand.event.ThreadDeleted;
import dev.longhand.store.Database;
import dev.longhand.store.OutboxConsumer;
import dev.longhand.store.OutboxEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notifications about a post that was deleted leave the notification centre: their link would answer 404 (a
 * thread) or point at nothing (a reply). A durable outbox consumer of the delete events, so the delete itself
 * writes nothing of ours; idempotent, since dropping twice drops nothing more. A deleted thread takes every
 * notification about it; a deleted reply, those that lead to it ({@code /threads/1/replies/2}: mentions, replies,
 * asks made in it). Urgent notifications stay for the workspace's urgent log, marked read. Unread counts follow,
 * as they count the rows; a held notification's delivery finds no row and does nothing.
 */
public final class DeletedPostNotices implements OutboxConsumer {
  private final Database db;
  private final NotificationStore store = new NotificationStore();

  public DeletedPostNotices(Database db) {
    this.db = db;
  }

  @Override
  public String name() {
    return "deleted-post-notices";
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(ThreadDeleted.class, ReplyDeleted.class);
  }

  @Override
  public void accept(List<OutboxEvent> events) {
    Set<Long> threads = new HashSet<>();
    Map<Long, List<String>> replyLinks = new LinkedHashMap<>();
    long now = 0;
    for (OutboxEvent e : events) {
      now = Math.max(now, e.createdAt());
      switch (e.event()) {
        case ThreadDeleted t -> threads.add(t.threadId());
        case ReplyDeleted r -> replyLinks.computeIfAbsent(r.threadId(), k -> new ArrayList<>())
            .add(dev.longhand.http.PostLinks.reply(r.threadId(), r.replyId()));
        default -> { }
      }
    }
    threads.forEach(replyLinks::remove); // the thread's own drop covers its replies
    if (threads.isEmpty() && replyLinks.isEmpty()) return;
    long at = now;
    db.writeAll(h -> {
      if (!threads.isEmpty()) store.dropAboutThreads(h, threads, at);
      replyLinks.forEach((thread, links) -> store.dropLeadingTo(h, thread, links, at));
    });
  }
}
