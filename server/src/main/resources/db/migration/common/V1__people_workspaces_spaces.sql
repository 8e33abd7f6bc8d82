-- People, workspaces, spaces and the outbox. Portable SQL for SQLite and PostgreSQL:
-- application-made BIGINT ids, instants as BIGINT epoch milliseconds, no auto-increment.

CREATE TABLE accounts (
  id            BIGINT PRIMARY KEY,
  email         VARCHAR(320) NOT NULL UNIQUE,   -- stored lower-cased
  name          VARCHAR(100) NOT NULL,
  handle        VARCHAR(40)  NOT NULL UNIQUE,   -- what @mentions use
  password_hash VARCHAR(200) NOT NULL,
  time_zone     VARCHAR(64)  NOT NULL DEFAULT 'UTC',
  created_at    BIGINT NOT NULL
);

-- Working hours: local time ranges per ISO weekday (1 = Monday), in the account's zone.
-- A range may end before it starts (22:00-06:00): it then runs past midnight.
CREATE TABLE working_hours (
  account_id   BIGINT  NOT NULL REFERENCES accounts (id),
  day          INTEGER NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute   INTEGER NOT NULL,
  PRIMARY KEY (account_id, day, start_minute)
);

CREATE TABLE sessions (
  token_hash VARCHAR(64) PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE api_tokens (
  id           BIGINT PRIMARY KEY,
  account_id   BIGINT NOT NULL REFERENCES accounts (id),
  token_hash   VARCHAR(64) NOT NULL UNIQUE,
  label        VARCHAR(100) NOT NULL,
  created_at   BIGINT NOT NULL,
  revoked_at   BIGINT
);
CREATE INDEX api_tokens_by_account ON api_tokens (account_id);

-- Failed sign-ins, for throttling per account and per address.
CREATE TABLE login_failures (
  id      BIGINT PRIMARY KEY,
  email   VARCHAR(320) NOT NULL,
  address VARCHAR(64)  NOT NULL,
  at      BIGINT NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures (email, at);
CREATE INDEX login_failures_by_address ON login_failures (address, at);

CREATE TABLE workspaces (
  id         BIGINT PRIMARY KEY,
  name       VARCHAR(100) NOT NULL,
  created_by BIGINT NOT NULL REFERENCES accounts (id),
  created_at BIGINT NOT NULL
);

CREATE TABLE workspace_members (
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  account_id   BIGINT NOT NULL REFERENCES accounts (id),
  role         VARCHAR(10) NOT NULL,            -- owner, admin, member, guest
  joined_at    BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, account_id)
);
CREATE INDEX workspace_members_by_account ON workspace_members (account_id);

-- Invitation links: the code is a bearer secret, so only its hash is kept. One use each.
CREATE TABLE invitations (
  code_hash    VARCHAR(64) PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  role         VARCHAR(10) NOT NULL,
  created_by   BIGINT NOT NULL REFERENCES accounts (id),
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  accepted_by  BIGINT REFERENCES accounts (id),
  accepted_at  BIGINT
);
CREATE INDEX invitations_by_workspace ON invitations (workspace_id);

CREATE TABLE spaces (
  id           BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  name         VARCHAR(100) NOT NULL,
  visibility   VARCHAR(10) NOT NULL,            -- public, private
  created_by   BIGINT NOT NULL REFERENCES accounts (id),
  created_at   BIGINT NOT NULL
);
CREATE INDEX spaces_by_workspace ON spaces (workspace_id);

CREATE TABLE space_members (
  space_id     BIGINT NOT NULL REFERENCES spaces (id),
  account_id   BIGINT NOT NULL REFERENCES accounts (id),
  workspace_id BIGINT NOT NULL,
  added_at     BIGINT NOT NULL,
  PRIMARY KEY (space_id, account_id)
);
CREATE INDEX space_members_by_account ON space_members (account_id, workspace_id);

-- The transactional outbox: domain events written in the same transaction as the change.
CREATE TABLE outbox (
  id           BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL,
  kind         VARCHAR(60) NOT NULL,
  payload      TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);

CREATE TABLE outbox_cursors (
  consumer VARCHAR(60) PRIMARY KEY,
  position BIGINT NOT NULL
);
