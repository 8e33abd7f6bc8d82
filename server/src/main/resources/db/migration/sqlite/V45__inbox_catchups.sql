-- Who has read a thread up to its last post, until the next post gives them an inbox row again (common/V44). Keyed
-- by thread, without a rowid: a post takes its thread's rows in one range of the key.
CREATE TABLE inbox_catchups (
  thread_id  BIGINT NOT NULL REFERENCES threads (id),
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  PRIMARY KEY (thread_id, account_id)
) WITHOUT ROWID;
