-- "Remind me later": a thread leaves the inbox and comes back at the chosen moment, as due work.
CREATE TABLE reminders (
  id         BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  thread_id  BIGINT NOT NULL REFERENCES threads (id),
  remind_at  BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX reminders_by_account ON reminders (account_id, remind_at);
