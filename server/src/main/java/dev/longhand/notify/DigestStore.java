package dev.longhand.notify;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for digests: the digests made, and who has none pending. */
final class DigestStore {
  private static final String DIGEST_COLUMNS =
      "SELECT id, account_id, covers_from, covers_to, subject, body_text, body_html, created_at FROM digests ";

  private static Digests.Digest digestOf(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Digests.Digest(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6),
        rs.getString(7), rs.getLong(8));
  }

  /** Workspace members without a pending digest. */
  List<Long> withoutNextDigest(Handle h) {
    return h.createQuery("""
            SELECT DISTINCT m.account_id FROM workspace_members m
            LEFT JOIN delivery_policies p ON p.account_id = m.account_id
            WHERE p.next_digest_at IS NULL""").mapTo(Long.class).list();
  }

  void insert(dev.longhand.store.Pipeline p, long id, long accountId, long coversFrom, long coversTo, String subject, String text, String html,
      long createdAt) {
    p.add("INSERT INTO digests (id, account_id, covers_from, covers_to, subject, body_text, body_html, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, accountId, coversFrom, coversTo, subject, text, html, createdAt);
  }

  void insert(Handle h, long id, long accountId, long coversFrom, long coversTo, String subject, String text, String html, long createdAt) {
    h.createUpdate("INSERT INTO digests (id, account_id, covers_from, covers_to, subject, body_text, body_html, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(0, id).bind(1, accountId).bind(2, coversFrom).bind(3, coversTo).bind(4, subject)
        .bind(5, text).bind(6, html).bind(7, createdAt).execute();
  }

  /** The workspace each of the people joined first (a digest's notification lives there; none: absent), read together. */
  java.util.Map<Long, Long> firstWorkspaces(Handle h, java.util.Collection<Long> accountIds) {
    java.util.Map<Long, Long> out = new java.util.HashMap<>();
    if (accountIds.isEmpty()) return out;
    h.createQuery("SELECT account_id, workspace_id FROM workspace_members WHERE account_id IN (<ids>) ORDER BY joined_at DESC")
        .bindList("ids", dev.longhand.store.InList.of(accountIds))
        .map((rs, ctx) -> out.put(rs.getLong(1), rs.getLong(2))).list(); // the earliest joined is put last and stays
    return out;
  }

  List<Digests.Digest> recent(Handle h, long accountId, int limit) {
    return h.createQuery(DIGEST_COLUMNS + "WHERE account_id = ? ORDER BY created_at DESC LIMIT ?")
        .bind(0, accountId).bind(1, limit).map((rs, ctx) -> digestOf(rs)).list();
  }

  Optional<Digests.Digest> digest(Handle h, long accountId, long digestId) {
    return h.createQuery(DIGEST_COLUMNS + "WHERE id = ? AND account_id = ?")
        .bind(0, digestId).bind(1, accountId).map((rs, ctx) -> digestOf(rs)).findOne();
  }
}
