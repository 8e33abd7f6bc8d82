package dev.longhand.notify;

import dev.longhand.store.InList;
import dev.longhand.store.Pipeline;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL for notifications. */
final class NotificationStore {
  private static final String COLUMNS = """
      n.id, n.recipient_id, n.workspace_id, n.level, n.kind, n.thread_id, n.actor_id, COALESCE(a.name, '') AS actor_name,
      n.text, n.reason, n.link, n.source_event, n.created_at, n.deliver_at, n.delivered_at, n.read_at""";
  private static final String FROM = " FROM notifications n LEFT JOIN accounts a ON a.id = n.actor_id ";

  static Notification map(ResultSet rs) throws SQLException {
    return new Notification(rs.getLong("id"), rs.getLong("recipient_id"), rs.getLong("workspace_id"),
        Level.valueOf(rs.getString("level").toUpperCase(java.util.Locale.ROOT)), rs.getString("kind"), rs.getLong("thread_id"),
        rs.getLong("actor_id"), rs.getString("actor_name"), rs.getString("text"), rs.getString("reason"), rs.getString("link"), rs.getLong("source_event"), rs.getLong("created_at"),
        optional(rs, "deliver_at"), optional(rs, "delivered_at"), optional(rs, "read_at"));
  }

  private static Optional<Long> optional(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  /** That an event already told someone something: replaying it must not tell them again. */
  record Told(long sourceEvent, long recipientId, String kind) {}

  /**
   * Everything these events already told anyone, in one read. Events newer than every event that told anyone
   * (the usual case: only a replay after a crash repeats events) are answered by one probe of the index instead,
   * since looking up a hundred events one by one cost more than making their notifications.
   */
  Set<Told> notifiedFor(Handle h, Collection<Long> sourceEvents) {
    Set<Told> told = new HashSet<>();
    if (sourceEvents.isEmpty()) return told;
    Long newestTold = h.createQuery("SELECT MAX(source_event) FROM notifications").mapTo(Long.class).one();
    if (newestTold == null || Collections.min(sourceEvents) > newestTold) return told;
    h.createQuery("SELECT source_event, recipient_id, kind FROM notifications WHERE source_event IN (<events>)")
        .bindList("events", InList.of(sourceEvents))
        .map((rs, ctx) -> new Told(rs.getLong(1), rs.getLong(2), rs.getString(3)))
        .forEach(told::add);
    return told;
  }

  /** Queues a notification; those of one pipeline (a producer's batch) go in one multi-row statement. */
  void insert(Pipeline p, long id, Notice n, long sourceEvent, long createdAt, Long deliverAt, Long deliveredAt) {
    p.addRow("""
        INSERT INTO notifications (id, recipient_id, workspace_id, level, kind, thread_id, actor_id, text, reason,
          link, source_event, created_at, deliver_at, delivered_at)""", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "",
        id, n.recipientId(), n.workspaceId(), n.level().key(), n.kind(), n.threadId(), n.actorId(), clip(n.text(), 400),
        clip(n.reason(), 500), n.link(), sourceEvent, createdAt, deliverAt, deliveredAt);
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  Optional<Notification> byId(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE n.id = ?").bind(0, id).map((rs, ctx) -> map(rs)).findOne();
  }

  void markDelivered(Handle h, long id, long now) {
    h.createUpdate("UPDATE notifications SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL").bind(0, now).bind(1, id).execute();
  }

  /**
   * A held notification whose matter was settled while it was held: never delivered, no longer held (no
   * {@code deliver_at}), marked read; the row stays so a replayed event does not make it again.
   */
  void drop(Handle h, long id, long now) {
    h.createUpdate("UPDATE notifications SET deliver_at = NULL, read_at = ? WHERE id = ? AND delivered_at IS NULL")
        .bind(0, now).bind(1, id).execute();
  }

  void reschedule(Handle h, long id, long deliverAt) {
    h.createUpdate("UPDATE notifications SET deliver_at = ? WHERE id = ?").bind(0, deliverAt).bind(1, id).execute();
  }

  List<Notification> delivered(Handle h, long recipient, int limit) {
    return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE n.recipient_id = ? AND n.delivered_at IS NOT NULL "
            + "ORDER BY n.delivered_at DESC, n.id DESC LIMIT ?")
        .bind(0, recipient).bind(1, limit).map((rs, ctx) -> map(rs)).list();
  }

  List<Notification> held(Handle h, long recipient) {
    return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE n.recipient_id = ? AND n.delivered_at IS NULL "
            + "AND n.deliver_at IS NOT NULL ORDER BY n.deliver_at, n.id")
        .bind(0, recipient).map((rs, ctx) -> map(rs)).list();
  }

  private static final String UNDIGESTED = "n.level = 'ambient' AND n.kind <> 'digest' AND n.digested_at IS NULL AND n.created_at <= :upTo";
  private static final int UNDIGESTED_LIMIT = 100;

  /**
   * Each of a batch's people's ambient notifications not yet in a digest, up to {@code upTo}: their oldest 100. On
   * PostgreSQL each person's are read by their own walk of the index by recipient: with statistics that lagged behind
   * a day's notifications, the one query for the batch was planned as a scan of the whole table, 50 to 200 ms a batch
   * of 100 people, in a fifth of the batches of {@code ./longhand bench digests} (2026-12-06).
   */
  Map<Long, List<Notification>> undigested(Handle h, Collection<Long> recipients, long upTo, boolean postgresql) {
    Map<Long, List<Notification>> out = new HashMap<>();
    if (recipients.isEmpty()) return out;
    String sql = postgresql
        ? "SELECT " + COLUMNS + " FROM accounts r CROSS JOIN LATERAL (SELECT n.* FROM notifications n WHERE n.recipient_id = r.id AND "
            + UNDIGESTED + " ORDER BY n.created_at, n.id LIMIT " + UNDIGESTED_LIMIT + ") n LEFT JOIN accounts a ON a.id = n.actor_id "
            + "WHERE r.id IN (<recipients>) ORDER BY n.recipient_id, n.created_at, n.id"
        : "SELECT " + COLUMNS + " FROM (SELECT n.*, ROW_NUMBER() OVER (PARTITION BY n.recipient_id ORDER BY n.created_at, n.id) AS nth "
            + "FROM notifications n WHERE n.recipient_id IN (<recipients>) AND " + UNDIGESTED + ") n LEFT JOIN accounts a ON a.id = n.actor_id "
            + "WHERE n.nth <= " + UNDIGESTED_LIMIT + " ORDER BY n.recipient_id, n.created_at, n.id";
    h.createQuery(sql)
        .bindList("recipients", InList.of(recipients)).bind("upTo", upTo)
        .map((rs, ctx) -> map(rs))
        .forEach(n -> out.computeIfAbsent(n.recipientId(), k -> new ArrayList<>()).add(n));
    return out;
  }

  /** Marks a person's ambient notifications digested, up to and including the one told last ({@code upToCreatedAt, upToId}). */
  void markDigested(Pipeline p, long recipient, long upToCreatedAt, long upToId, long now) {
    p.add("UPDATE notifications SET digested_at = ? WHERE recipient_id = ? AND level = 'ambient' AND kind <> 'digest' "
        + "AND digested_at IS NULL AND (created_at < ? OR (created_at = ? AND id <= ?))", now, recipient, upToCreatedAt, upToCreatedAt, upToId);
  }

  int unreadCount(Handle h, long recipient) {
    return h.createQuery("SELECT COUNT(*) FROM notifications WHERE recipient_id = ? AND delivered_at IS NOT NULL AND read_at IS NULL")
        .bind(0, recipient).mapTo(Integer.class).one();
  }

  /** Marks one delivered notification read; false when it was read already, or is not delivered yet. */
  boolean markRead(Handle h, long recipient, long id, long now) {
    return h.createUpdate("UPDATE notifications SET read_at = ? WHERE id = ? AND recipient_id = ? AND delivered_at IS NOT NULL AND read_at IS NULL")
        .bind(0, now).bind(1, id).bind(2, recipient).execute() == 1;
  }

  int markAllRead(Handle h, long recipient, long now) {
    return h.createUpdate("UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND delivered_at IS NOT NULL AND read_at IS NULL")
        .bind(0, now).bind(1, recipient).execute();
  }

  /**
   * Drops the notifications about these threads (deleted ones); urgent ones stay for the urgent log, marked read.
   * On the thread index (V23).
   */
  void dropAboutThreads(Handle h, Collection<Long> threadIds, long now) {
    h.createUpdate("DELETE FROM notifications WHERE thread_id IN (<threads>) AND level <> 'urgent' AND kind <> 'digest'")
        .bindList("threads", InList.of(threadIds)).execute();
    h.createUpdate("UPDATE notifications SET read_at = :now WHERE thread_id IN (<threads>) AND level = 'urgent' AND read_at IS NULL")
        .bind("now", now).bindList("threads", InList.of(threadIds)).execute();
  }

  /** Drops a thread's notifications that lead to these pages of it (its deleted replies); urgent ones are marked read. */
  void dropLeadingTo(Handle h, long threadId, Collection<String> links, long now) {
    h.createUpdate("DELETE FROM notifications WHERE thread_id = :thread AND link IN (<links>) AND level <> 'urgent'")
        .bind("thread", threadId).bindList("links", InList.of(links)).execute();
    h.createUpdate("UPDATE notifications SET read_at = :now WHERE thread_id = :thread AND link IN (<links>) AND level = 'urgent' AND read_at IS NULL")
        .bind("now", now).bind("thread", threadId).bindList("links", InList.of(links)).execute();
  }

  /** Marks read the person's delivered notices about a thread (an entry of the centre, or a thread just read). */
  int markThreadRead(Handle h, long recipient, long threadId, long now) {
    return h.createUpdate("UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND thread_id = ? AND level <> 'urgent' "
            + "AND kind <> 'digest' AND (link = '' OR link LIKE '/threads/%') AND delivered_at IS NOT NULL AND read_at IS NULL")
        .bind(0, now).bind(1, recipient).bind(2, threadId).execute();
  }

  /** Urgent notifications a person sent in a workspace since an instant. */
  int urgentSentSince(Handle h, long sender, long workspaceId, long since) {
    return h.createQuery("SELECT COUNT(*) FROM notifications WHERE actor_id = ? AND level = 'urgent' AND workspace_id = ? "
            + "AND created_at >= ?")
        .bind(0, sender).bind(1, workspaceId).bind(2, since).mapTo(Integer.class).one();
  }

  /** A workspace's urgent notifications, newest first: who interrupted whom, and why. */
  List<Notification> urgentLog(Handle h, long workspaceId, int limit) {
    return h.createQuery("SELECT " + COLUMNS + FROM + "WHERE n.workspace_id = ? AND n.level = 'urgent' "
            + "ORDER BY n.created_at DESC LIMIT ?")
        .bind(0, workspaceId).bind(1, limit).map((rs, ctx) -> map(rs)).list();
  }

  int urgentPerDay(Handle h, long workspaceId) {
    return h.createQuery("SELECT urgent_per_day FROM workspaces WHERE id = ?").bind(0, workspaceId).mapTo(Integer.class).one();
  }

  void setUrgentPerDay(Handle h, long workspaceId, int limit) {
    h.createUpdate("UPDATE workspaces SET urgent_per_day = ? WHERE id = ?").bind(0, limit).bind(1, workspaceId).execute();
  }

  Optional<String> nameOf(Handle h, long accountId) {
    return h.createQuery("SELECT name FROM accounts WHERE id = ?").bind(0, accountId).mapTo(String.class).findOne();
  }

  /** The addresses of each of the people, read together. */
  Map<Long, String> emailsOf(Handle h, Collection<Long> accountIds) {
    Map<Long, String> out = new HashMap<>();
    if (accountIds.isEmpty()) return out;
    h.createQuery("SELECT id, email FROM accounts WHERE id IN (<ids>)").bindList("ids", InList.of(accountIds))
        .map((rs, ctx) -> out.put(rs.getLong(1), rs.getString(2))).list();
    return out;
  }

  String emailOf(Handle h, long accountId) {
    return h.createQuery("SELECT email FROM accounts WHERE id = ?").bind(0, accountId).mapTo(String.class).one();
  }

  /** The author of a thread in that space, or 0. */
  long threadAuthor(Handle h, long threadId, long spaceId) {
    return h.createQuery("SELECT author_id FROM threads WHERE id = ? AND space_id = ?")
        .bind(0, threadId).bind(1, spaceId).mapTo(Long.class).findOne().orElse(0L);
  }

  /** Where a thread is and what it is called: what an urgent notification about it needs. */
  record ThreadPlace(long spaceId, long workspaceId, String title) {}

  Optional<ThreadPlace> threadPlace(Handle h, long threadId) {
    return h.createQuery("SELECT space_id, workspace_id, title FROM threads WHERE id = ?").bind(0, threadId)
        .map((rs, ctx) -> new ThreadPlace(rs.getLong(1), rs.getLong(2), rs.getString(3))).findOne();
  }

  boolean isMember(Handle h, long workspaceId, long accountId) {
    return h.createQuery("SELECT COUNT(*) FROM workspace_members WHERE workspace_id = ? AND account_id = ?")
        .bind(0, workspaceId).bind(1, accountId).mapTo(Integer.class).one() > 0;
  }
}
