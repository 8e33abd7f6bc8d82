-- Looking after one's account: password resets and email changes by mailed link, and avatars.

-- A "forgot password" link: the token is a bearer secret, so only its hash is kept. One use, an hour long.
CREATE TABLE password_resets (
  token_hash VARCHAR(64) PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
-- How many links an account was sent lately (a cap against mail floods), and ending the others on use.
CREATE INDEX password_resets_by_account ON password_resets (account_id, created_at);

-- A new address waiting for its owner to confirm it from that mailbox; the old one works until then.
CREATE TABLE email_changes (
  token_hash VARCHAR(64)  PRIMARY KEY,
  account_id BIGINT       NOT NULL REFERENCES accounts (id),
  new_email  VARCHAR(320) NOT NULL,   -- lower-cased, like accounts.email
  created_at BIGINT       NOT NULL,
  expires_at BIGINT       NOT NULL,
  used_at    BIGINT
);
CREATE INDEX email_changes_by_account ON email_changes (account_id, created_at);

-- An uploaded picture, already cropped to a 128 px square and re-encoded as PNG (no metadata survives).
-- BYTEA: PostgreSQL's binary type; SQLite stores the blob as given under any declared type.
CREATE TABLE avatars (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
  image      BYTEA  NOT NULL,
  updated_at BIGINT NOT NULL
);
