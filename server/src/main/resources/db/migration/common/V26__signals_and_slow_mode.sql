-- Escalation signals of a thread, as the `signals` outbox consumer last computed them from the thread's events
-- (never on a page view). signals is a JSON array [{id, score, explanation, evidence: [{replyId, text}]}]; resolved
-- is 1 while the thread has a resolution (a resolved thread suggests nothing).
CREATE TABLE thread_signals (
  thread_id    BIGINT PRIMARY KEY REFERENCES threads (id),
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  signals      TEXT NOT NULL,
  resolved     INTEGER NOT NULL DEFAULT 0,
  computed_at  BIGINT NOT NULL
);

-- Signals that were heard: dismissed by someone with a reason (why 'dismissed'), or answered by a sync session
-- that closed (why 'answered', reason names the session). One row per thread and signal id, keeping the score it
-- had then: the same signal at the same strength does not suggest again; a stronger or a new one may.
CREATE TABLE signal_quiets (
  thread_id    BIGINT NOT NULL REFERENCES threads (id),
  signal_id    VARCHAR(40) NOT NULL,
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  score        DOUBLE PRECISION NOT NULL,
  why          VARCHAR(10) NOT NULL,
  reason       TEXT NOT NULL,
  account_id   BIGINT NOT NULL,
  at           BIGINT NOT NULL,
  PRIMARY KEY (thread_id, signal_id)
);

-- Slow mode: the least time between one person's replies in the thread, in seconds (0: off). Read with the thread
-- in the reply batch's one locating query, so threads without slow mode cost no statement more.
ALTER TABLE threads ADD COLUMN slow_mode_seconds BIGINT NOT NULL DEFAULT 0;
