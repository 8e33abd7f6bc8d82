-- Notices about a reply link to the reply's own address (/threads/12/replies/34), which opens the page of the
-- thread that holds it; /threads/12#reply-34 opened the page a reader lands on, often another one.
UPDATE notifications SET link = REPLACE(link, '#reply-', '/replies/') WHERE link LIKE '/threads/%#reply-%';

-- A draft whose post was sent is kept, emptied, with when it was sent: a save begun before that (its basedOn) is
-- refused, so a save still in flight when the post went cannot bring the sent text back. 0: never sent.
ALTER TABLE drafts ADD COLUMN sent_at BIGINT NOT NULL DEFAULT 0;
