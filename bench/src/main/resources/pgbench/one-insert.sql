-- pgbench script: one durable single-row insert per transaction, the same row shape as the JDBC
-- baseline (DurableInsertBaseline). The load driver creates baseline.single_row before running it:
--   pgbench -n -c 8 -j 2 -T 30 -f one-insert.sql <database>
\set id random(1, 9000000000000000000)
\set thread random(1, 100)
INSERT INTO baseline.single_row (id, thread_id, body, created_at) VALUES (:id, :thread, repeat('x', 160), (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
