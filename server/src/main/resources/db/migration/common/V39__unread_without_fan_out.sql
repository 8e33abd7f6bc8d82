-- Unread state that a reply does not fan out (issue 17).
--
-- Until now every post added one to an inbox row of each of its space's readers: a reply in a space of
-- 50 rewrote 49 rows and, on PostgreSQL, two index entries for each (the row's activity time was
-- indexed). Now, as Discourse keeps the last post number each person read against the topic's
-- highest, a thread counts its posts (threads.posts: only ever grows, unlike reply_count, which a
-- deleted reply lowers) and a person's row says how many of them they had seen when the thread last
-- became unread for them (seen_posts). The unread count is posts - seen_posts and the row's time is
-- the thread's last activity, both read when the inbox is read, so a reply writes a row only for
-- those who had read the thread up to then; the rest of its readers already have theirs.
--
-- noted_posts: the posts counted when the row's reasons were last set; later posts add "reply".
-- bumped_at: when a reminder brought the thread back (0: never); it sorts by the later of the two.
ALTER TABLE threads ADD COLUMN posts INTEGER NOT NULL DEFAULT 1;
UPDATE threads SET posts = reply_count + 1;

ALTER TABLE inbox_items ADD COLUMN seen_posts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inbox_items ADD COLUMN noted_posts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inbox_items ADD COLUMN bumped_at BIGINT NOT NULL DEFAULT 0;
UPDATE inbox_items SET
  seen_posts = (SELECT t.posts FROM threads t WHERE t.id = inbox_items.thread_id) - unread_count,
  noted_posts = (SELECT t.posts FROM threads t WHERE t.id = inbox_items.thread_id),
  bumped_at = CASE WHEN reasons & 16 <> 0 THEN last_activity_at ELSE 0 END;

DROP INDEX inbox_items_by_account;
ALTER TABLE inbox_items DROP COLUMN unread_count;
ALTER TABLE inbox_items DROP COLUMN last_activity_at;
-- A person's rows (SQLite keys the table by thread first), and among them those a reminder bumped.
CREATE INDEX inbox_items_by_reader ON inbox_items (account_id, bumped_at);
-- The threads of a workspace by activity: the inbox of someone with many unread threads walks these
-- newest first and stops at the page's end (InboxStore).
CREATE INDEX threads_by_workspace_activity ON threads (workspace_id, last_activity_at, id);
