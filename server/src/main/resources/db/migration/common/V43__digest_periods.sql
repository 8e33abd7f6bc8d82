-- A digest reads what happened in its period, (since, now]: without these each person's digest walked every thread,
-- reply, revision, comment and decision change ever written, and a batch of digests could not ask once whether a
-- source had anything at all in the period.
CREATE INDEX threads_by_created ON threads (created_at);
CREATE INDEX replies_by_created ON replies (created_at);
CREATE INDEX document_revisions_by_created ON document_revisions (created_at);
CREATE INDEX document_comments_by_created ON document_comments (created_at);
CREATE INDEX decision_history_by_at ON decision_history (at);
