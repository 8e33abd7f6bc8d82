package dev.longhand.webhook;

import java.util.List;

/** A subscription: a URL that hears some kinds of a workspace's events. The secret never leaves the server again. */
public record Webhook(long id, long workspaceId, String url, List<String> events, long createdBy, long createdAt) {

  /** One event sent (or to be sent) to one webhook: the delivery log's line. */
  public record Delivery(long id, long webhookId, long eventId, String kind, String status, int attempts, Integer lastStatus,
      String lastError, Long nextAttemptAt, Long deliveredAt, long createdAt) {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
  }

  /** A new webhook as its creator sees it once: with the secret, {@code whsec_<base64>}. */
  public record Created(Webhook webhook, String secret) {}

  /** A delivery claimed for sending, with what sending needs. */
  record Send(long id, long webhookId, long eventId, String url, String secret, String body, int attempts, long retrySince) {}

  /** A webhook as the consumer needs it: which workspace, which kinds. */
  record Subscriber(long id, long workspaceId, List<String> events) {}
}
