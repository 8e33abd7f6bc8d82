-- A reply offers inbox rows only to those of its readers who may lack one (issue 17).
--
-- Since V39 a reply wrote a row (ON CONFLICT DO NOTHING) for each of its space's readers: in a space of 50, the key
-- refused 48 of the 49 rows, and those refusals were a third of PostgreSQL's work for a reply. Who can lack a row is
-- known without looking: whoever read the thread since the last post (inbox_catchups, V45), and everyone when the
-- thread's readers may have changed since a post last reached them all. spaces.readers_version counts changes to a
-- space's readers (someone joins the workspace or the space, or changes how they follow it); threads.readers_version
-- is the space's count when a post last reached every reader (-1: never, or the thread moved). When they differ, the
-- next post offers a row to everyone, as before.
ALTER TABLE spaces ADD COLUMN readers_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN readers_version BIGINT NOT NULL DEFAULT -1;
