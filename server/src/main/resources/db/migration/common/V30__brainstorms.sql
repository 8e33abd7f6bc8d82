-- Brainstorms: an anonymous, time-boxed idea phase on a thread, then dot-voting, then the ranked result filed as a
-- reply of the starter's in the thread. phase is 'ideas', 'voting' or 'closed' (moved by due work at ideas_until and
-- votes_until); reply_id is the filed reply (null while open, or when the starter could no longer write there).
-- Nobody's authorship is stored in plain sight: an idea carries author_tag, a keyed hash (HMAC-SHA256) of its author's
-- id under tag_key, a random key of this brainstorm alone; votes carry voter_tag the same way. That is enough for
-- "mine", withdrawing one's own and counting one's dots. Closing erases the key and every tag, so once the result is
-- filed nothing, not even the database, ties an idea or a dot to a person.
CREATE TABLE brainstorms (
  id           BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  thread_id    BIGINT NOT NULL REFERENCES threads (id),
  started_by   BIGINT NOT NULL REFERENCES accounts (id),
  prompt       TEXT NOT NULL,
  dots         INTEGER NOT NULL,
  ideas_until  BIGINT NOT NULL,
  votes_until  BIGINT NOT NULL,
  phase        VARCHAR(10) NOT NULL,
  tag_key      VARCHAR(64),
  reply_id     BIGINT,
  created_at   BIGINT NOT NULL,
  closed_at    BIGINT
);
-- A thread's brainstorms, for its page's section.
CREATE INDEX brainstorms_by_thread ON brainstorms (thread_id, id);

CREATE TABLE brainstorm_ideas (
  id            BIGINT PRIMARY KEY,
  workspace_id  BIGINT NOT NULL REFERENCES workspaces (id),
  brainstorm_id BIGINT NOT NULL REFERENCES brainstorms (id),
  author_tag    VARCHAR(64),
  body          TEXT NOT NULL
);
CREATE INDEX brainstorm_ideas_by_brainstorm ON brainstorm_ideas (brainstorm_id, author_tag);

-- One row per dot: a person may put several of their dots on one idea.
CREATE TABLE brainstorm_votes (
  id            BIGINT PRIMARY KEY,
  workspace_id  BIGINT NOT NULL REFERENCES workspaces (id),
  brainstorm_id BIGINT NOT NULL REFERENCES brainstorms (id),
  idea_id       BIGINT NOT NULL REFERENCES brainstorm_ideas (id),
  voter_tag     VARCHAR(64)
);
CREATE INDEX brainstorm_votes_by_voter ON brainstorm_votes (brainstorm_id, voter_tag);
CREATE INDEX brainstorm_votes_by_idea ON brainstorm_votes (idea_id);
