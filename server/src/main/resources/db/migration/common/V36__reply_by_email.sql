-- Reply by email (issue 16, item 6). Reply addresses carry a token signed with HMAC-SHA256 under a key of this server:
-- the key is made once, at the first start with reply by email on, and kept here so that addresses in mail already
-- sent keep working after a restart. A token names the key's version, so a new key can be added later while the
-- addresses signed with an older one run out.
CREATE TABLE mail_reply_keys (
  version    INTEGER PRIMARY KEY,
  secret     VARCHAR(100) NOT NULL,
  created_at BIGINT NOT NULL
);

-- Replies taken in by email, one row per message: message_key is the SHA-256 (hex) of its Message-ID (or of its
-- content when it has none), so the same message delivered twice (by SMTP and again by IMAP, or retried by a sending
-- server) posts once. Written in the transaction of the reply it posted.
CREATE TABLE mail_replies (
  message_key  VARCHAR(64) PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  thread_id    BIGINT NOT NULL REFERENCES threads (id),
  account_id   BIGINT NOT NULL REFERENCES accounts (id),
  post_id      BIGINT NOT NULL,
  received_at  BIGINT NOT NULL
);
