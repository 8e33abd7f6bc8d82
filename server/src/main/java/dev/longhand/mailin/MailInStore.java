package dev.longhand.mailin;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of reply by email: the signing key, and the messages already posted (their Message-IDs' hashes). */
final class MailInStore {
  record Key(int version, String secret) {}

  /** The newest signing key, if one was made. */
  Optional<Key> newestKey(Handle h) {
    return h.createQuery("SELECT version, secret FROM mail_reply_keys ORDER BY version DESC LIMIT 1")
        .map((rs, ctx) -> new Key(rs.getInt("version"), rs.getString("secret"))).findOne();
  }

  /** Every key by version (a token names the one it was signed with). */
  java.util.Map<Integer, String> keys(Handle h) {
    java.util.Map<Integer, String> keys = new java.util.HashMap<>();
    h.createQuery("SELECT version, secret FROM mail_reply_keys").map((rs, ctx) -> new Key(rs.getInt("version"), rs.getString("secret")))
        .forEach(k -> keys.put(k.version(), k.secret()));
    return keys;
  }

  /** Stores the first key unless another node stored one first (the caller reads the newest after). */
  void insertFirstKey(Handle h, String secret, long now) {
    h.createUpdate("INSERT INTO mail_reply_keys (version, secret, created_at) VALUES (1, :secret, :now) ON CONFLICT DO NOTHING")
        .bind("secret", secret).bind("now", now).execute();
  }

  /** Whether a message with this key was posted already. */
  boolean handled(Handle h, String messageKey) {
    return h.createQuery("SELECT 1 FROM mail_replies WHERE message_key = :key").bind("key", messageKey).mapTo(Integer.class).findOne().isPresent();
  }

  void insertHandled(Handle h, String messageKey, long workspaceId, long threadId, long accountId, long postId, long now) {
    h.createUpdate("INSERT INTO mail_replies (message_key, workspace_id, thread_id, account_id, post_id, received_at)"
            + " VALUES (:key, :workspace, :thread, :account, :post, :now)")
        .bind("key", messageKey).bind("workspace", workspaceId).bind("thread", threadId).bind("account", accountId)
        .bind("post", postId).bind("now", now).execute();
  }

  /** Whether the account exists (a token of a deleted or another server's person names none). */
  boolean accountExists(Handle h, long accountId) {
    return h.createQuery("SELECT 1 FROM accounts WHERE id = :id").bind("id", accountId).mapTo(Integer.class).findOne().isPresent();
  }
}
