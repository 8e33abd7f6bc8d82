-- Import from Slack: what each Slack id of an export became, per workspace, so that running the same export (or a
-- later one that overlaps it) again imports nothing twice. kind: user (account), channel (space), message (a thread's
-- opening post or a reply; slack_id is "<channel id>/<ts>"), day (the thread of a channel's loose messages of one
-- day; "<channel id>/<yyyy-mm-dd>"), thread (a Slack thread; "<channel id>/<thread_ts>"), file (a file).
CREATE TABLE slack_imports (
  workspace_id BIGINT       NOT NULL REFERENCES workspaces (id),
  kind         VARCHAR(10)  NOT NULL,
  slack_id     VARCHAR(120) NOT NULL,
  longhand_id  BIGINT       NOT NULL,
  imported_at  BIGINT       NOT NULL,
  PRIMARY KEY (workspace_id, kind, slack_id)
);
