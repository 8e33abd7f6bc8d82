package dev.longhand.webhook;

import dev.longhand.store.InList;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** All SQL of webhooks: the subscriptions ({@code webhooks}) and their delivery log and queue ({@code webhook_deliveries}). */
final class WebhookStore {
  private static final String WEBHOOK = "SELECT id, workspace_id, url, events, created_by, created_at FROM webhooks";
  private static final String DELIVERY = """
      SELECT id, webhook_id, event_id, kind, status, attempts, last_status, last_error, next_attempt_at, delivered_at, created_at
      FROM webhook_deliveries""";

  /** A new webhook; {@code revealTo} is the account that may still see its secret once (null: already answered). */
  void insert(Handle h, Webhook w, String secret, Long revealTo) {
    h.createUpdate("INSERT INTO webhooks (id, workspace_id, url, events, secret, created_by, created_at, reveal_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(0, w.id()).bind(1, w.workspaceId()).bind(2, w.url()).bind(3, String.join(",", w.events())).bind(4, secret)
        .bind(5, w.createdBy()).bind(6, w.createdAt()).bindByType(7, revealTo, Long.class).execute();
  }

  /**
   * The secret of a webhook this account may still see, made after {@code since}, taken so it is never shown again:
   * the update decides, so two loads at once show it at most once.
   */
  Optional<String> takeSecretToShow(Handle h, long webhookId, long accountId, long since) {
    int taken = h.createUpdate("UPDATE webhooks SET reveal_to = NULL WHERE id = ? AND reveal_to = ? AND created_at > ?")
        .bind(0, webhookId).bind(1, accountId).bind(2, since).execute();
    if (taken == 0) return Optional.empty();
    return h.createQuery("SELECT secret FROM webhooks WHERE id = ?").bind(0, webhookId).mapTo(String.class).findOne();
  }

  /**
   * Deletes up to {@code limit} delivered and failed deliveries whose last try (and delivery) began before
   * {@code before}; returns how many.
   */
  int pruneFinished(Handle h, long before, int limit) {
    return h.createUpdate("""
            DELETE FROM webhook_deliveries WHERE id IN (
              SELECT id FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND retry_since < ?
                AND (delivered_at IS NULL OR delivered_at < ?) ORDER BY id LIMIT ?)""")
        .bind(0, before).bind(1, before).bind(2, limit).execute();
  }

  List<Webhook> list(Handle h, long workspaceId) {
    return h.createQuery(WEBHOOK + " WHERE workspace_id = ? ORDER BY id").bind(0, workspaceId).map((rs, ctx) -> webhook(rs)).list();
  }

  Optional<Webhook> find(Handle h, long id) {
    return h.createQuery(WEBHOOK + " WHERE id = ?").bind(0, id).map((rs, ctx) -> webhook(rs)).findOne();
  }

  void delete(Handle h, long id) {
    h.execute("DELETE FROM webhook_deliveries WHERE webhook_id = ?", id);
    h.execute("DELETE FROM webhooks WHERE id = ?", id);
  }

  /** The webhooks of these workspaces, for the consumer: one query per batch of events. */
  List<Webhook.Subscriber> subscribers(Handle h, Collection<Long> workspaceIds) {
    return h.createQuery("SELECT id, workspace_id, events FROM webhooks WHERE workspace_id IN (<ids>)")
        .bindList("ids", InList.of(workspaceIds))
        .map((rs, ctx) -> new Webhook.Subscriber(rs.getLong(1), rs.getLong(2), events(rs.getString(3))))
        .list();
  }

  /**
   * A new delivery, due now. An event already made into one for this webhook (a replay) makes nothing, nor does a
   * webhook deleted since the consumer read it.
   */
  void insertDelivery(Handle h, long id, long workspaceId, long webhookId, long eventId, String kind, String body, long now) {
    h.execute("""
        INSERT INTO webhook_deliveries (id, workspace_id, webhook_id, event_id, kind, body, status, attempts, next_attempt_at,
          retry_since, created_at)
        SELECT CAST(? AS BIGINT), CAST(? AS BIGINT), w.id, CAST(? AS BIGINT), CAST(? AS VARCHAR(60)), CAST(? AS TEXT), 'pending', 0,
          CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)
        FROM webhooks w WHERE w.id = ?
        ON CONFLICT (webhook_id, event_id) DO NOTHING""",
        id, workspaceId, eventId, kind, body, now, now, now, webhookId);
  }

  /** A webhook's deliveries, newest first. */
  List<Webhook.Delivery> deliveries(Handle h, long webhookId, int limit) {
    return h.createQuery(DELIVERY + " WHERE webhook_id = ? ORDER BY id DESC LIMIT ?")
        .bind(0, webhookId).bind(1, limit).map((rs, ctx) -> delivery(rs)).list();
  }

  Optional<Webhook.Delivery> delivery(Handle h, long id) {
    return h.createQuery(DELIVERY + " WHERE id = ?").bind(0, id).map((rs, ctx) -> delivery(rs)).findOne();
  }

  /**
   * Up to {@code limit} deliveries due by {@code now}, none of the webhooks in {@code busy} (they have as many sends
   * under way as they may), at most {@code perWebhook} of any one webhook, leased until {@code leaseUntil} so no other
   * pass (or node) sends them meanwhile; on PostgreSQL rows another node holds are skipped.
   */
  List<Webhook.Send> claim(Handle h, long now, int limit, Map<Long, Integer> room, int perWebhook, long leaseUntil, boolean skipLocked) {
    List<Long> busy = new ArrayList<>(List.of(-1L));
    room.forEach((hook, left) -> {
      if (left <= 0) busy.add(hook);
    });
    List<Webhook.Send> due = h.createQuery("""
            SELECT d.id, d.webhook_id, d.event_id, w.url, w.secret, d.body, d.attempts, d.retry_since
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= :now AND d.webhook_id NOT IN (<busy>)
            ORDER BY d.next_attempt_at, d.id LIMIT :limit"""
            + (skipLocked ? " FOR UPDATE OF d SKIP LOCKED" : ""))
        .bind("now", now).bindList("busy", InList.of(busy)).bind("limit", limit)
        .map((rs, ctx) -> new Webhook.Send(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getInt(7), rs.getLong(8)))
        .list();
    Map<Long, Integer> taken = new HashMap<>();
    List<Webhook.Send> claimed = new ArrayList<>();
    for (Webhook.Send s : due) {
      int left = room.getOrDefault(s.webhookId(), perWebhook) - taken.getOrDefault(s.webhookId(), 0);
      if (left <= 0) continue; // stays due, for a later pass
      taken.merge(s.webhookId(), 1, Integer::sum);
      claimed.add(s);
    }
    if (!claimed.isEmpty()) {
      h.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :until WHERE id IN (<ids>)")
          .bind("until", leaseUntil).bindList("ids", InList.of(claimed.stream().map(Webhook.Send::id).toList())).execute();
    }
    return claimed;
  }

  boolean anyDue(Handle h, long now) {
    return h.createQuery("SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1")
        .bind(0, now).mapTo(Long.class).findOne().isPresent();
  }

  void delivered(Handle h, long id, int attempts, int status, long now) {
    h.execute("""
        UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL,
          next_attempt_at = NULL, delivered_at = ? WHERE id = ?""", attempts, status, now, id);
  }

  /** A failed attempt: tried again at {@code nextAttempt}, or given up ({@code failed}) when that is null. */
  void attemptFailed(Handle h, long id, int attempts, Integer status, String error, Long nextAttempt) {
    h.execute("UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
        nextAttempt == null ? Webhook.Delivery.FAILED : Webhook.Delivery.PENDING, attempts, status, error, nextAttempt, id);
  }

  /** Sends a delivery again now, with a new day of retries; whether it was there to send. */
  boolean redeliver(Handle h, long id, long now) {
    return h.execute("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, retry_since = ? WHERE id = ?", now, now, id) == 1;
  }

  private static Webhook webhook(ResultSet rs) throws SQLException {
    return new Webhook(rs.getLong(1), rs.getLong(2), rs.getString(3), events(rs.getString(4)), rs.getLong(5), rs.getLong(6));
  }

  private static Webhook.Delivery delivery(ResultSet rs) throws SQLException {
    return new Webhook.Delivery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getInt(6),
        nullableInt(rs, 7), rs.getString(8), nullable(rs, 9), nullable(rs, 10), rs.getLong(11));
  }

  private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static Long nullable(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static List<String> events(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }
}
