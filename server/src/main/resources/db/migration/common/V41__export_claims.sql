-- Workspace exports run once per cluster (export.ExportService): a node runs one only after claiming it, by an update
-- that succeeds for one taker, and holds the claim by renewing claimed_until while it writes; an export whose claim
-- ran out (its node died) is taken over by another node. claimed_by is the claiming server's node lease holder
-- (store.NodeLease). Exports left queued or running before this migration have no claim, which counts as run out.
ALTER TABLE workspace_exports ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE workspace_exports ADD COLUMN claimed_until BIGINT;

-- What the nodes look for every minute: unfinished exports, a few rows at most, without reading the finished ones.
CREATE INDEX workspace_exports_unfinished ON workspace_exports (claimed_until) WHERE status IN ('queued', 'running');
