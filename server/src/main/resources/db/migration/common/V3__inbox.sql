-- The inbox, materialized: one row per person and thread with something unread for them, kept
-- up to date in the same transaction as the post that caused it, so reading an inbox is one
-- indexed range scan. A row is deleted when its person reads the thread: no row means read.
-- reasons is a bit set: 1 new_thread, 2 reply, 4 mention, 8 marked_unread.
CREATE TABLE inbox_items (
  account_id       BIGINT  NOT NULL REFERENCES accounts (id),
  thread_id        BIGINT  NOT NULL REFERENCES threads (id),
  workspace_id     BIGINT  NOT NULL,
  space_id         BIGINT  NOT NULL,
  unread_count     INTEGER NOT NULL,
  reasons          INTEGER NOT NULL,
  last_activity_at BIGINT  NOT NULL,
  PRIMARY KEY (account_id, thread_id)
);
CREATE INDEX inbox_items_by_account ON inbox_items (account_id, last_activity_at);

CREATE INDEX mentions_by_account ON mentions (account_id, created_at);
