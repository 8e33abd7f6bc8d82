-- The page a notification leads to when it is about something other than a thread (a comment on a
-- document or a recording, say, as '/documents/12#comment-34'); empty: its thread, if any.
ALTER TABLE notifications ADD COLUMN link VARCHAR(200) NOT NULL DEFAULT '';
