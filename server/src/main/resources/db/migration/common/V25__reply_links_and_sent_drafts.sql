-- Notices about a reply link to the reply's own address (/threads/12/replies/34), which opens the page of the
-- thread that holds it; /threads/12#reply-34 opened the page a reader lands on, often another one.
UPDATE notifications SET link = REPLACE(link, '#reply-', '/replies/') WHERE link LIKE '/threads/%#reply-%';
