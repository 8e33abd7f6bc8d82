-- People's time: away periods, workspace holidays and personal calendar feeds.
-- Dates are ISO 'YYYY-MM-DD' strings: whole local days in the person's own zone, which sort as text.

CREATE TABLE away_periods (
  id         BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  first_day  VARCHAR(10) NOT NULL,   -- the first day away
  returns_on VARCHAR(10) NOT NULL,   -- the day they are back
  note       VARCHAR(200) NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX away_periods_by_account ON away_periods (account_id, returns_on);

-- Days a workspace does not work; they count as days off for each of its members, in their zone.
CREATE TABLE workspace_holidays (
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  day          VARCHAR(10) NOT NULL,
  name         VARCHAR(100) NOT NULL,
  created_by   BIGINT NOT NULL REFERENCES accounts (id),
  PRIMARY KEY (workspace_id, day)
);

-- A secret subscription address per person; only its hash is kept. Revoking deletes the row.
CREATE TABLE calendar_feeds (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
  token_hash VARCHAR(64) NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
