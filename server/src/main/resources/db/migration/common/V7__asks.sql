-- Asks: explicit requests from one person to another, with a deadline in the assignee's working time.
-- An ask hangs off the post that made it (post_id is the thread's id for an opening post, else the
-- reply's id). due_at is created_at plus the window in the assignee's calendar, fixed when asked.
-- within is the window as the writer gave it, ISO-8601 style with working days ('P2D', 'PT4H').
-- done_at is null while the ask is open; done_how says what closed it: 'reply' or 'marked'.
-- followed_up is 1 once the ask's notice was sent and its nudges scheduled (exactly once, by AskNudges).
CREATE TABLE asks (
  id           BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  space_id     BIGINT NOT NULL REFERENCES spaces (id),
  thread_id    BIGINT NOT NULL REFERENCES threads (id),
  post_id      BIGINT NOT NULL,
  asker_id     BIGINT NOT NULL REFERENCES accounts (id),
  assignee_id  BIGINT NOT NULL REFERENCES accounts (id),
  within       VARCHAR(20) NOT NULL,
  created_at   BIGINT NOT NULL,
  due_at       BIGINT NOT NULL,
  done_at      BIGINT,
  done_how     VARCHAR(10),
  followed_up  INTEGER NOT NULL DEFAULT 0
);
-- The two queues: open asks by due instant (overdue ones come first by themselves), and recent done ones.
CREATE INDEX asks_by_assignee ON asks (assignee_id, done_at, due_at);
CREATE INDEX asks_by_asker ON asks (asker_id, done_at, due_at);
-- A reply closes its writer's open asks in the thread: this index keeps that check tiny on the reply path.
CREATE INDEX asks_open_in_thread ON asks (thread_id, assignee_id) WHERE done_at IS NULL;
