-- Threads and what hangs off them. space_id and workspace_id are copied onto every row so each
-- read filters by workspace and space without a join.

CREATE TABLE threads (
  id               BIGINT PRIMARY KEY,
  workspace_id     BIGINT NOT NULL REFERENCES workspaces (id),
  space_id         BIGINT NOT NULL REFERENCES spaces (id),
  author_id        BIGINT NOT NULL REFERENCES accounts (id),
  title            VARCHAR(200) NOT NULL,
  body             TEXT NOT NULL,
  created_at       BIGINT NOT NULL,
  last_activity_at BIGINT NOT NULL,
  reply_count      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX threads_by_space ON threads (space_id, last_activity_at);

CREATE TABLE replies (
  id           BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL,
  space_id     BIGINT NOT NULL,
  thread_id    BIGINT NOT NULL REFERENCES threads (id),
  author_id    BIGINT NOT NULL REFERENCES accounts (id),
  body         TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);
CREATE INDEX replies_by_thread ON replies (thread_id, id);

-- post_id is the thread's id for its opening post, else the reply's id.
CREATE TABLE mentions (
  post_id      BIGINT NOT NULL,
  account_id   BIGINT NOT NULL REFERENCES accounts (id),
  thread_id    BIGINT NOT NULL REFERENCES threads (id),
  workspace_id BIGINT NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (post_id, account_id)
);

CREATE TABLE reactions (
  post_id      BIGINT NOT NULL,
  account_id   BIGINT NOT NULL REFERENCES accounts (id),
  emoji        VARCHAR(16) NOT NULL,
  thread_id    BIGINT NOT NULL REFERENCES threads (id),
  workspace_id BIGINT NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (post_id, account_id, emoji)
);
CREATE INDEX reactions_by_thread ON reactions (thread_id);

CREATE TABLE acknowledgements (
  thread_id    BIGINT NOT NULL REFERENCES threads (id),
  account_id   BIGINT NOT NULL REFERENCES accounts (id),
  workspace_id BIGINT NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (thread_id, account_id)
);
