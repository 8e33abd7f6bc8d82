-- SQLite only (PostgreSQL has no V13): keep inbox rows together by thread.
--
-- A post updates the inbox row of every reader of its thread. In a rowid table those rows lie
-- wherever they were first inserted, so a reply to a space of ten people rewrote about ten
-- scattered pages, each one a 4 KB frame in the write-ahead log; that was two thirds of what a
-- reply wrote. Keyed (thread_id, account_id) without a rowid, a thread's readers share a page or
-- two. A person's inbox is still one range scan of inbox_items_by_account, which in a table
-- without rowid carries the primary key, so the row is found from it directly.
CREATE TABLE inbox_items_by_thread (
  thread_id        BIGINT  NOT NULL REFERENCES threads (id),
  account_id       BIGINT  NOT NULL REFERENCES accounts (id),
  workspace_id     BIGINT  NOT NULL,
  space_id         BIGINT  NOT NULL,
  unread_count     INTEGER NOT NULL,
  reasons          INTEGER NOT NULL,
  last_activity_at BIGINT  NOT NULL,
  PRIMARY KEY (thread_id, account_id)
) WITHOUT ROWID;

INSERT INTO inbox_items_by_thread (thread_id, account_id, workspace_id, space_id, unread_count, reasons, last_activity_at)
SELECT thread_id, account_id, workspace_id, space_id, unread_count, reasons, last_activity_at FROM inbox_items;

DROP TABLE inbox_items;
ALTER TABLE inbox_items_by_thread RENAME TO inbox_items;
CREATE INDEX inbox_items_by_account ON inbox_items (account_id, last_activity_at);
