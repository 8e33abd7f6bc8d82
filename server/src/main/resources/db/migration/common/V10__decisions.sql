-- Decisions: first-class records of what was decided, why, and what else was considered.
-- number is the decision's place in its workspace's log (1, 2, 3 ...), the ADR number of the export;
-- decision_numbers hands them out (an upsert, so concurrent writers on PostgreSQL never share one).
-- status is 'proposed', 'accepted', 'superseded' or 'rejected'. options is JSON:
-- [{"title": ..., "pros": [...], "cons": [...]}]. revisit_by is an ISO date ('YYYY-MM-DD'), a whole day
-- in the owner's zone, or null. source_kind/source_id say where it came from ('thread' for now).
CREATE TABLE decisions (
  id               BIGINT PRIMARY KEY,
  workspace_id     BIGINT NOT NULL REFERENCES workspaces (id),
  space_id         BIGINT NOT NULL REFERENCES spaces (id),
  number           INTEGER NOT NULL,
  title            TEXT NOT NULL,
  context          TEXT NOT NULL,
  options          TEXT NOT NULL,
  decision         TEXT NOT NULL,
  rationale        TEXT NOT NULL,
  consequences     TEXT NOT NULL,
  status           VARCHAR(12) NOT NULL,
  owner_id         BIGINT NOT NULL REFERENCES accounts (id),
  revisit_by       VARCHAR(10),
  supersedes_id    BIGINT REFERENCES decisions (id),
  superseded_by_id BIGINT REFERENCES decisions (id),
  source_kind      VARCHAR(20),
  source_id        BIGINT,
  created_by       BIGINT NOT NULL REFERENCES accounts (id),
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX decisions_number ON decisions (workspace_id, number);
-- The logs: a space's decisions, newest first.
CREATE INDEX decisions_by_space ON decisions (space_id, created_at);
CREATE INDEX decisions_by_source ON decisions (source_kind, source_id);

CREATE TABLE decision_numbers (
  workspace_id BIGINT PRIMARY KEY REFERENCES workspaces (id),
  last_number  INTEGER NOT NULL
);

-- Each decision's history: one row per write (recorded, changed, superseded, revisit reminder sent),
-- with its changes as JSON [{"field": ..., "from": ..., "to": ...}].
CREATE TABLE decision_history (
  id           BIGINT PRIMARY KEY,
  decision_id  BIGINT NOT NULL REFERENCES decisions (id),
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  actor_id     BIGINT REFERENCES accounts (id),
  at           BIGINT NOT NULL,
  action       VARCHAR(20) NOT NULL,
  changes      TEXT NOT NULL
);
CREATE INDEX decision_history_by_decision ON decision_history (decision_id, at);

-- A thread's outcome: 'decision' (decision_id), 'answer' (note is the answer) or 'dropped' (note is why).
-- Reopening the thread deletes the row; the decision, if any, stays in the log.
CREATE TABLE thread_resolutions (
  thread_id    BIGINT PRIMARY KEY REFERENCES threads (id),
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  space_id     BIGINT NOT NULL REFERENCES spaces (id),
  outcome      VARCHAR(10) NOT NULL,
  decision_id  BIGINT REFERENCES decisions (id),
  note         TEXT NOT NULL,
  resolved_by  BIGINT NOT NULL REFERENCES accounts (id),
  resolved_at  BIGINT NOT NULL
);
