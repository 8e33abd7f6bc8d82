-- Scheduled send: a thread or reply written now and posted at a chosen time, as due work.
-- thread_id is 0 for a new thread (then title is set). A post that can no longer be made (its
-- author lost access) is kept with why, instead of being retried for ever.
CREATE TABLE scheduled_posts (
  id         BIGINT PRIMARY KEY,
  author_id  BIGINT NOT NULL REFERENCES accounts (id),
  space_id   BIGINT NOT NULL,
  thread_id  BIGINT NOT NULL,
  title      VARCHAR(200) NOT NULL,
  body       TEXT NOT NULL,
  send_at    BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  posted_id  BIGINT,
  failure    VARCHAR(300)
);
CREATE INDEX scheduled_posts_by_author ON scheduled_posts (author_id, send_at);
