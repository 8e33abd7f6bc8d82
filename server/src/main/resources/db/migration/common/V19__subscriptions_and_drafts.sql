-- Follow or mute: a person's own level for a space (thread_id = 0) or for one thread (space_id = 0).
-- No row: normal. A thread's own row wins over its space's. level is 'follow', 'normal' (kept only for a
-- thread, to say "not as my space says") or 'mute'.
CREATE TABLE subscriptions (
  account_id   BIGINT NOT NULL REFERENCES accounts (id),
  space_id     BIGINT NOT NULL,
  thread_id    BIGINT NOT NULL,
  workspace_id BIGINT NOT NULL,
  level        VARCHAR(10) NOT NULL,
  updated_at   BIGINT NOT NULL,
  PRIMARY KEY (account_id, space_id, thread_id)
);
CREATE INDEX subscriptions_by_space ON subscriptions (space_id, account_id);
CREATE INDEX subscriptions_by_thread ON subscriptions (thread_id, account_id);

-- Drafts kept on the server as people type, one per person and composer: draft_key is 'reply:<threadId>'
-- (a reply), 'thread:<spaceId>' (a new thread in a space) or 'comment:<documentId>' (a document comment).
-- Private to their author; removed when the post is sent.
CREATE TABLE drafts (
  account_id   BIGINT NOT NULL REFERENCES accounts (id),
  draft_key    VARCHAR(40) NOT NULL,
  workspace_id BIGINT NOT NULL,
  title        VARCHAR(200) NOT NULL DEFAULT '',
  body         TEXT NOT NULL,
  updated_at   BIGINT NOT NULL,
  PRIMARY KEY (account_id, draft_key)
);
