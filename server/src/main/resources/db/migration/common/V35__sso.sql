-- Single sign-on (OpenID Connect): who someone is at a provider, and the sign-ins under way.

-- An identity at a provider (issuer, subject) stands for one account; an account has at most one identity per
-- provider, so a provider that hands an email to someone new (a reused address) cannot add them to the account.
CREATE TABLE sso_identities (
  issuer       VARCHAR(500) NOT NULL,
  subject      VARCHAR(255) NOT NULL,
  account_id   BIGINT       NOT NULL REFERENCES accounts (id),
  email        VARCHAR(320) NOT NULL,  -- the verified email it was linked or created by
  created_at   BIGINT       NOT NULL,
  last_used_at BIGINT       NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE UNIQUE INDEX sso_identities_one_per_account ON sso_identities (account_id, issuer);

-- A sign-in sent to the provider and not yet back: found by the hash of the browser's cookie, used once.
CREATE TABLE sso_attempts (
  browser_hash  VARCHAR(64)   PRIMARY KEY,  -- SHA-256 of the lh_sso cookie
  state         VARCHAR(64)   NOT NULL,
  nonce         VARCHAR(64)   NOT NULL,
  code_verifier VARCHAR(128)  NOT NULL,
  next_page     VARCHAR(2000) NOT NULL,
  created_at    BIGINT        NOT NULL,
  expires_at    BIGINT        NOT NULL
);
CREATE INDEX sso_attempts_by_expiry ON sso_attempts (expires_at);
