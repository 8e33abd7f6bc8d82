-- Node numbers for ids (store.Ids: 10 bits), leased by each server or tool that shares this database
-- (store.NodeLease), so that no two make ids with the same number at once.
CREATE TABLE node_leases (
  node_id    INTEGER PRIMARY KEY,
  holder     VARCHAR(200) NOT NULL,
  expires_at BIGINT NOT NULL
);
