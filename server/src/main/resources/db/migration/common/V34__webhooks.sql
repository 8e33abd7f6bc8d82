-- Outgoing webhooks (issue 16): an admin subscribes a URL to event kinds of one workspace. events is the kinds'
-- names joined by commas. secret is the signing key's bytes in base64: it must be kept to sign, so unlike passwords
-- and tokens it cannot be stored hashed (it is shown once, as whsec_<base64>, and never answered again).
CREATE TABLE webhooks (
  id           BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  url          TEXT NOT NULL,
  events       TEXT NOT NULL,
  secret       VARCHAR(100) NOT NULL,
  created_by   BIGINT NOT NULL REFERENCES accounts (id),
  created_at   BIGINT NOT NULL
);
CREATE INDEX webhooks_by_workspace ON webhooks (workspace_id, id);

-- One row per webhook and event: made by the `webhooks` outbox consumer after commit (the unique key makes a
-- replayed event make nothing twice), sent as due work. body is the exact JSON sent, fixed when the row is made, so
-- a retry or a redelivery signs and sends the same bytes even after the outbox pruned the event. status is
-- 'pending', 'delivered' or 'failed'; retry_since starts the day of retries (the row's making, or a redelivery).
CREATE TABLE webhook_deliveries (
  id              BIGINT PRIMARY KEY,
  workspace_id    BIGINT NOT NULL REFERENCES workspaces (id),
  webhook_id      BIGINT NOT NULL REFERENCES webhooks (id),
  event_id        BIGINT NOT NULL,
  kind            VARCHAR(60) NOT NULL,
  body            TEXT NOT NULL,
  status          VARCHAR(10) NOT NULL,
  attempts        INTEGER NOT NULL,
  last_status     INTEGER,
  last_error      TEXT,
  next_attempt_at BIGINT,
  delivered_at    BIGINT,
  retry_since     BIGINT NOT NULL,
  created_at      BIGINT NOT NULL,
  UNIQUE (webhook_id, event_id)
);
-- The delivery log of one webhook, newest first.
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);
