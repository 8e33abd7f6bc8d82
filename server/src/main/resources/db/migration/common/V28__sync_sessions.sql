-- Sync sessions (issue 15): a short synchronous moment proposed from a thread (thread_id) or a space (thread_id
-- null), with a purpose, an agenda and participants. status is 'proposed', 'scheduled', 'cancelled' or 'closed'.
-- start_at/end_at are set once scheduled (epoch ms); sequence is the iCalendar SEQUENCE, raised by every reschedule
-- and the cancellation. call_link is an http(s) address of any video tool, or null.
CREATE TABLE sync_sessions (
  id           BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  space_id     BIGINT NOT NULL REFERENCES spaces (id),
  thread_id    BIGINT REFERENCES threads (id),
  organiser_id BIGINT NOT NULL REFERENCES accounts (id),
  purpose      TEXT NOT NULL,
  minutes      INTEGER NOT NULL,
  status       VARCHAR(12) NOT NULL,
  start_at     BIGINT,
  end_at       BIGINT,
  sequence     INTEGER NOT NULL DEFAULT 0,
  call_link    TEXT,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  closed_at    BIGINT
);
CREATE INDEX sync_sessions_by_thread ON sync_sessions (thread_id, created_at);
CREATE INDEX sync_sessions_by_space ON sync_sessions (space_id, created_at);

-- The agenda: items in order (position 0, 1, 2 ...).
CREATE TABLE sync_session_agenda (
  session_id   BIGINT NOT NULL REFERENCES sync_sessions (id),
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  position     INTEGER NOT NULL,
  text         TEXT NOT NULL,
  PRIMARY KEY (session_id, position)
);

-- Who takes part (the organiser always does). outside_minutes is the history fair rotation reads: how many minutes
-- the scheduled time stretched this person's working day (FairRotation's stretch), fixed when the session is
-- scheduled or rescheduled; 0 while proposed. start_at/end_at repeat the session's time so a person's week (their
-- meeting budget) and their burden are one indexed read.
CREATE TABLE sync_session_participants (
  session_id      BIGINT NOT NULL REFERENCES sync_sessions (id),
  workspace_id    BIGINT NOT NULL REFERENCES workspaces (id),
  account_id      BIGINT NOT NULL REFERENCES accounts (id),
  status          VARCHAR(12) NOT NULL,
  start_at        BIGINT,
  end_at          BIGINT,
  outside_minutes INTEGER NOT NULL DEFAULT 0,
  added_at        BIGINT NOT NULL,
  PRIMARY KEY (session_id, account_id)
);
CREATE INDEX sync_participants_by_account ON sync_session_participants (account_id, start_at);

-- Each person's weekly meeting budget in minutes (default 300, 5 h, when there is no row).
CREATE TABLE sync_budgets (
  account_id     BIGINT PRIMARY KEY REFERENCES accounts (id),
  weekly_minutes INTEGER NOT NULL,
  updated_at     BIGINT NOT NULL
);
