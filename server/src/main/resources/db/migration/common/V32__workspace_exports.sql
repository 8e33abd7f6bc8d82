-- Workspace exports (an admin's archive of one workspace, written under <data-dir>/exports) and the archives
-- imported here (by the archive's own id, so importing one twice imports nothing twice).

CREATE TABLE workspace_exports (
  id           BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  requested_by BIGINT NOT NULL REFERENCES accounts (id),
  status       VARCHAR(10) NOT NULL,            -- queued, running, done, failed
  done_count   BIGINT NOT NULL DEFAULT 0,
  total_count  BIGINT NOT NULL DEFAULT 0,
  size_bytes   BIGINT,
  error        VARCHAR(300),
  created_at   BIGINT NOT NULL,
  finished_at  BIGINT
);
CREATE INDEX workspace_exports_by_workspace ON workspace_exports (workspace_id, created_at);

CREATE TABLE workspace_imports (
  archive_id          VARCHAR(64) PRIMARY KEY,
  workspace_id        BIGINT NOT NULL REFERENCES workspaces (id),
  source_workspace_id VARCHAR(20) NOT NULL,
  source_server       VARCHAR(200) NOT NULL,
  imported_at         BIGINT NOT NULL
);
