-- PostgreSQL only (SQLite has one writer and no V40): each outbox event carries the id of the transaction that wrote
-- it, so that consumers on every node read in an order no late commit can slip behind (store.OutboxDispatcher).
--
-- Transactions commit out of id order, and one node cannot see another's open transactions, so "every event up to
-- id N" is never known for good across nodes. Every transaction below pg_snapshot_xmin(pg_current_snapshot()) has
-- finished, though: consumers read only events whose tx is below it, in (tx, id) order, and their cursors hold a
-- tx (every event of a transaction at or below it handed over). A transaction that is still open has a tx at or
-- above that horizon, so it is read after it commits, never passed.
ALTER TABLE outbox ADD COLUMN tx BIGINT;

-- Events stored before this migration keep their id order, below every real transaction id (all positive): the
-- oldest gets minus their count, the newest -1. Each cursor moves to the same place among them.
UPDATE outbox_cursors SET position = -1 - (SELECT COUNT(*) FROM outbox o WHERE o.id > outbox_cursors.position);
UPDATE outbox SET tx = ranked.tx
FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id DESC) * -1 AS tx FROM outbox) ranked
WHERE outbox.id = ranked.id;

ALTER TABLE outbox ALTER COLUMN tx SET DEFAULT pg_current_xact_id()::text::bigint;
ALTER TABLE outbox ALTER COLUMN tx SET NOT NULL;
CREATE INDEX outbox_by_tx ON outbox (tx, id);
