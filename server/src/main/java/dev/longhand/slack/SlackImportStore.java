package dev.longhand.slack;

import dev.longhand.store.InList;
import dev.longhand.file.StoredFile;
import dev.longhand.store.Pipeline;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Every statement of the Slack import. Writes are queued on a {@link Pipeline} as rows of multi-row statements, so a
 * transaction of a few thousand posts is a handful of statements (one round trip on PostgreSQL).
 */
final class SlackImportStore {

  Optional<Long> accountByEmail(Handle h, String email) {
    return h.createQuery("SELECT id FROM accounts WHERE email = ?").bind(0, email).mapTo(Long.class).findOne();
  }

  Map<String, Long> accountsByEmail(Handle h, Collection<String> emails) {
    Map<String, Long> out = new HashMap<>();
    if (emails.isEmpty()) return out;
    h.createQuery("SELECT email, id FROM accounts WHERE email IN (<emails>)").bindList("emails", InList.of(emails))
        .map((rs, ctx) -> out.put(rs.getString(1), rs.getLong(2))).list();
    return out;
  }

  Set<String> handles(Handle h) {
    return new HashSet<>(h.createQuery("SELECT handle FROM accounts").mapTo(String.class).list());
  }

  /** Handles of these accounts. */
  Map<Long, String> handlesOf(Handle h, Collection<Long> accountIds) {
    Map<Long, String> out = new HashMap<>();
    if (accountIds.isEmpty()) return out;
    h.createQuery("SELECT id, handle FROM accounts WHERE id IN (<ids>)").bindList("ids", InList.of(accountIds))
        .map((rs, ctx) -> out.put(rs.getLong(1), rs.getString(2))).list();
    return out;
  }

  /** The oldest workspace of that name the account owns. */
  Optional<Long> workspaceOwnedBy(Handle h, String name, long accountId) {
    return h.createQuery("""
            SELECT w.id FROM workspaces w JOIN workspace_members m ON m.workspace_id = w.id
             WHERE w.name = ? AND m.account_id = ? AND m.role = 'owner' ORDER BY w.created_at, w.id LIMIT 1""")
        .bind(0, name).bind(1, accountId).mapTo(Long.class).findOne();
  }

  void insertWorkspace(Pipeline p, long id, String name, long ownerId, long now) {
    p.add("INSERT INTO workspaces (id, name, created_by, created_at) VALUES (?, ?, ?, ?)", id, name, ownerId, now);
    addMember(p, id, ownerId, "owner", now);
  }

  /** A member of the workspace now; one who already is keeps their role. */
  void addMember(Pipeline p, long workspaceId, long accountId, String role, long now) {
    p.addRow("INSERT INTO workspace_members (workspace_id, account_id, role, joined_at)", "(?, ?, ?, ?)",
        "ON CONFLICT (workspace_id, account_id) DO NOTHING", workspaceId, accountId, role, now);
  }

  /**
   * The workspace's spaces may have readers more: the next post in each of their threads offers an inbox row to every
   * reader (inbox.InboxService).
   */
  void readersChanged(Pipeline p, long workspaceId) {
    p.add("UPDATE spaces SET readers_version = readers_version + 1 WHERE workspace_id = ?", workspaceId);
  }

  /** The workspace's members: account id to role. */
  Map<Long, String> members(Handle h, long workspaceId) {
    Map<Long, String> out = new HashMap<>();
    h.createQuery("SELECT account_id, role FROM workspace_members WHERE workspace_id = ?").bind(0, workspaceId)
        .map((rs, ctx) -> out.put(rs.getLong(1), rs.getString(2))).list();
    return out;
  }

  /** An account with a password nobody knows; {@code weekdays}: Monday to Friday 09:00-17:00 in its zone, as at sign-up. */
  void insertAccount(Pipeline p, long id, String email, String name, String handle, String passwordHash, String zone, long now) {
    p.addRow("INSERT INTO accounts (id, email, name, handle, password_hash, time_zone, created_at)", "(?, ?, ?, ?, ?, ?, ?)", "",
        id, email, name, handle, passwordHash, zone, now);
    for (int day = 1; day <= 5; day++) {
      p.addRow("INSERT INTO working_hours (account_id, day, start_minute, end_minute)", "(?, ?, ?, ?)", "", id, day, 540, 1020);
    }
  }

  void insertSpace(Pipeline p, long id, long workspaceId, String name, String visibility, long createdBy, long createdAt) {
    p.addRow("INSERT INTO spaces (id, workspace_id, name, visibility, created_by, created_at)", "(?, ?, ?, ?, ?, ?)", "",
        id, workspaceId, name, visibility, createdBy, createdAt);
  }

  void addSpaceMember(Pipeline p, long spaceId, long workspaceId, long accountId, long now) {
    p.addRow("INSERT INTO space_members (space_id, account_id, workspace_id, added_at)", "(?, ?, ?, ?)",
        "ON CONFLICT (space_id, account_id) DO NOTHING", spaceId, accountId, workspaceId, now);
  }

  /** Who may read the space: its members, and for a public space every member of the workspace but guests. */
  Set<Long> readers(Handle h, long spaceId, long workspaceId, boolean isPrivate) {
    String sql = isPrivate
        ? "SELECT account_id FROM space_members WHERE space_id = :space"
        : """
          SELECT account_id FROM workspace_members WHERE workspace_id = :ws AND role <> 'guest'
          UNION SELECT account_id FROM space_members WHERE space_id = :space""";
    return new HashSet<>(h.createQuery(sql).bind("space", spaceId).bind("ws", workspaceId).mapTo(Long.class).list());
  }

  /** Everything imported into the workspace before: {@code "<kind> <slack id>"} to the Longhand id. */
  Map<String, Long> mappings(Handle h, long workspaceId) {
    Map<String, Long> out = new HashMap<>();
    h.createQuery("SELECT kind, slack_id, longhand_id FROM slack_imports WHERE workspace_id = ?").bind(0, workspaceId)
        .map((rs, ctx) -> out.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3))).list();
    return out;
  }

  void map(Pipeline p, long workspaceId, String kind, String slackId, long longhandId, long now) {
    p.addRow("INSERT INTO slack_imports (workspace_id, kind, slack_id, longhand_id, imported_at)", "(?, ?, ?, ?, ?)", "",
        workspaceId, kind, slackId, longhandId, now);
  }

  void insertThread(Pipeline p, long id, long workspaceId, long spaceId, long authorId, String title, String body,
      String bodyHtml, int renderVersion, long createdAt, long lastActivityAt, int replyCount) {
    p.addRow("""
        INSERT INTO threads (id, workspace_id, space_id, author_id, title, body, created_at, last_activity_at, reply_count,
                             posts, body_html, render_version)""", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "",
        id, workspaceId, spaceId, authorId, title, body, createdAt, lastActivityAt, replyCount, replyCount + 1, bodyHtml,
        renderVersion);
  }

  void insertReply(Pipeline p, long id, long workspaceId, long spaceId, long threadId, long authorId, String body,
      String bodyHtml, int renderVersion, long createdAt) {
    p.addRow("INSERT INTO replies (id, workspace_id, space_id, thread_id, author_id, body, created_at, body_html, render_version)",
        "(?, ?, ?, ?, ?, ?, ?, ?, ?)", "", id, workspaceId, spaceId, threadId, authorId, body, createdAt, bodyHtml, renderVersion);
  }

  /** More replies for a thread imported before: its count, and its last activity if they are newer. */
  void addToThread(Pipeline p, long threadId, int replies, long lastActivityAt) {
    p.add("""
        UPDATE threads SET reply_count = reply_count + ?, posts = posts + ?,
               last_activity_at = CASE WHEN last_activity_at > ? THEN last_activity_at ELSE ? END
         WHERE id = ?""", replies, replies, lastActivityAt, lastActivityAt, threadId);
  }

  void insertMention(Pipeline p, long postId, long accountId, long threadId, long workspaceId, long createdAt) {
    p.addRow("INSERT INTO mentions (post_id, account_id, thread_id, workspace_id, created_at)", "(?, ?, ?, ?, ?)",
        "ON CONFLICT (post_id, account_id) DO NOTHING", postId, accountId, threadId, workspaceId, createdAt);
  }

  void insertReaction(Pipeline p, long postId, long accountId, String emoji, long threadId, long workspaceId, long createdAt) {
    p.addRow("INSERT INTO reactions (post_id, account_id, emoji, thread_id, workspace_id, created_at)", "(?, ?, ?, ?, ?, ?)",
        "ON CONFLICT (post_id, account_id, emoji) DO NOTHING", postId, accountId, emoji, threadId, workspaceId, createdAt);
  }

  void insertFile(Pipeline p, StoredFile f) {
    p.addRow("""
        INSERT INTO files (id, workspace_id, space_id, uploader_id, name, content_type, size_bytes, storage_key, width, height,
                           thumbnail_key, thumbnail_type, created_at)""", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "",
        f.id(), f.workspaceId(), f.spaceId(), f.uploaderId(), f.name(), f.contentType(), f.size(), f.storageKey(),
        f.width().orElse(null), f.height().orElse(null), f.thumbnailKey().orElse(null), f.thumbnailType().orElse(null),
        f.createdAt());
  }
}
