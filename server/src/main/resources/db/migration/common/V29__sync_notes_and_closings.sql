-- Live notes of a sync session (issue 15, item 3): one row per agenda item that has notes, keyed by the item's
-- position in sync_session_agenda. revision counts the saves of that item (1 for the first); a save that names the
-- revision it was written from is refused when someone saved the item since (no lost edits).
CREATE TABLE sync_session_notes (
  session_id   BIGINT NOT NULL REFERENCES sync_sessions (id),
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  position     INTEGER NOT NULL,
  notes        TEXT NOT NULL,
  revision     INTEGER NOT NULL,
  updated_by   BIGINT NOT NULL REFERENCES accounts (id),
  updated_at   BIGINT NOT NULL,
  PRIMARY KEY (session_id, position)
);

-- How a session was closed: who closed it and when, where its summary went (thread_id: the session's thread, with
-- reply_id the summary reply; for a session proposed from a space, a new thread of that space and no reply_id), and
-- why nothing was decided, when that is the outcome given.
CREATE TABLE sync_session_closings (
  session_id          BIGINT PRIMARY KEY REFERENCES sync_sessions (id),
  workspace_id        BIGINT NOT NULL REFERENCES workspaces (id),
  closed_by           BIGINT NOT NULL REFERENCES accounts (id),
  closed_at           BIGINT NOT NULL,
  thread_id           BIGINT NOT NULL REFERENCES threads (id),
  reply_id            BIGINT,
  no_decision_because TEXT
);

-- The decisions a closing recorded, in the order given: the link from a session to its decision records (each
-- decision's source is the session's thread, so the decision page links back to it).
CREATE TABLE sync_session_decisions (
  session_id   BIGINT NOT NULL REFERENCES sync_sessions (id),
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  position     INTEGER NOT NULL,
  decision_id  BIGINT NOT NULL REFERENCES decisions (id),
  PRIMARY KEY (session_id, position)
);
CREATE INDEX sync_session_decisions_by_decision ON sync_session_decisions (decision_id);
