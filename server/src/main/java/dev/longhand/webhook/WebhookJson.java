package dev.longhand.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The JSON the webhook API answers, one record per shape in openapi/webhooks.json: ids as strings, instants ISO-8601. */
final class WebhookJson {
  private WebhookJson() {}

  private static String instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis).toString();
  }

  /** {@code WebhookCreated}: the one answer that carries the secret. */
  record Created(String id, String url, List<String> events, String secret, String createdAt) {
    static Created of(Webhook.Created c) {
      Webhook w = c.webhook();
      return new Created(Long.toString(w.id()), w.url(), w.events(), c.secret(), instant(w.createdAt()));
    }
  }

  /** {@code Webhook}: as listed, without its secret. */
  record Hook(String id, String url, List<String> events, String createdBy, String createdAt) {
    static Hook of(Webhook w) {
      return new Hook(Long.toString(w.id()), w.url(), w.events(), Long.toString(w.createdBy()), instant(w.createdAt()));
    }
  }

  record Hooks(List<Hook> webhooks, List<String> kinds) {}

  /** {@code WebhookDelivery}: one line of the delivery log. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Delivery(String id, String eventId, String kind, String status, int attempts, Integer lastStatus, String lastError,
      String nextAttemptAt, String deliveredAt, String createdAt) {
    static Delivery of(Webhook.Delivery d) {
      return new Delivery(Long.toString(d.id()), Long.toString(d.eventId()), d.kind(), d.status(), d.attempts(), d.lastStatus(),
          d.lastError(), instant(d.nextAttemptAt()), instant(d.deliveredAt()), instant(d.createdAt()));
    }
  }

  record Deliveries(List<Delivery> deliveries) {}
}
