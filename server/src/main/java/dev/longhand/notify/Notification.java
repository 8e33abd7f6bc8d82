package dev.longhand.notify;

import java.util.Optional;

/** A notification as its person sees it in the notification centre; {@code sourceId} is what it came from (an event, a digest). */
public record Notification(long id, long recipientId, long workspaceId, Level level, String kind, long threadId,
    long actorId, String actorName, String text, String reason, String link, long sourceId, long createdAt,
    Optional<Long> deliverAt, Optional<Long> deliveredAt, Optional<Long> readAt) {

  /** The page it leads to: its digest, its own link, its thread; empty when there is nothing to open. */
  public String path() {
    if (kind.equals("digest")) return "/digests/" + sourceId;
    if (!link.isEmpty()) return link;
    return threadId != 0 ? "/threads/" + threadId : "";
  }

  public boolean delivered() {
    return deliveredAt.isPresent();
  }

  /** Held: not delivered yet, and due to be (ambient notifications wait for a digest instead). */
  public boolean held() {
    return deliveredAt.isEmpty() && deliverAt.isPresent();
  }

  public boolean unread() {
    return delivered() && readAt.isEmpty();
  }
}
