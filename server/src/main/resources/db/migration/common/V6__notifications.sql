-- Notifications, delivery policies and digests.

-- One row per notification. deliver_at is when it may reach its person (NULL for ambient ones, which
-- only ever go into a digest); delivered_at is set when it did. source_event makes the producer
-- idempotent: replaying an outbox event never notifies twice.
CREATE TABLE notifications (
  id           BIGINT PRIMARY KEY,
  recipient_id BIGINT NOT NULL REFERENCES accounts (id),
  workspace_id BIGINT NOT NULL,
  level        VARCHAR(10) NOT NULL,          -- urgent, direct, ambient
  kind         VARCHAR(20) NOT NULL,          -- mention, reply, acknowledged, ask, ask-nudge, urgent, digest, ...
  thread_id    BIGINT NOT NULL DEFAULT 0,
  actor_id     BIGINT NOT NULL DEFAULT 0,
  text         VARCHAR(400) NOT NULL,
  reason       VARCHAR(500) NOT NULL DEFAULT '',
  source_event BIGINT NOT NULL DEFAULT 0,
  created_at   BIGINT NOT NULL,
  deliver_at   BIGINT,
  delivered_at BIGINT,
  read_at      BIGINT,
  digested_at  BIGINT
);
CREATE INDEX notifications_by_recipient ON notifications (recipient_id, created_at);
CREATE INDEX notifications_urgent_by_sender ON notifications (actor_id, level, created_at);
CREATE INDEX notifications_by_event ON notifications (source_event, recipient_id);

-- How a person may be reached, beyond their working hours. Absent row: the defaults.
CREATE TABLE delivery_policies (
  account_id     BIGINT PRIMARY KEY REFERENCES accounts (id),
  digest_times   VARCHAR(100) NOT NULL,       -- local times, e.g. '09:00,15:00'
  focus_until    BIGINT,
  email_digests  INTEGER NOT NULL DEFAULT 1,
  last_digest_at BIGINT,
  next_digest_at BIGINT                       -- when the pending digest is due; NULL: none scheduled yet
);

-- Weekly focus blocks, local times like working hours: nothing but urgent reaches a person in them.
CREATE TABLE focus_blocks (
  account_id   BIGINT  NOT NULL REFERENCES accounts (id),
  day          INTEGER NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute   INTEGER NOT NULL,
  PRIMARY KEY (account_id, day, start_minute)
);

-- A digest as it was made, for the in-app view (and the email that went with it).
CREATE TABLE digests (
  id           BIGINT PRIMARY KEY,
  account_id   BIGINT NOT NULL REFERENCES accounts (id),
  covers_from  BIGINT NOT NULL,
  covers_to    BIGINT NOT NULL,
  subject      VARCHAR(200) NOT NULL,
  body_text    TEXT NOT NULL,
  body_html    TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);
CREATE INDEX digests_by_account ON digests (account_id, created_at);

-- How many urgent notifications one person may send a day in a workspace.
ALTER TABLE workspaces ADD COLUMN urgent_per_day INTEGER NOT NULL DEFAULT 3;
