-- Editing and deleting posts, and posts' rendered HTML kept at write time.
-- body_html is the sanitised HTML of body as markdown.Markdown renders it, render_version the renderer version
-- that made it (0: not rendered yet); reads show it as stored and never parse Markdown, and rows of an older
-- version are rendered again at start. edited_at is the latest edit, deleted_at hides a post from everyone.
ALTER TABLE threads ADD COLUMN body_html TEXT;
ALTER TABLE threads ADD COLUMN render_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN edited_at BIGINT;
ALTER TABLE threads ADD COLUMN deleted_at BIGINT;
ALTER TABLE replies ADD COLUMN body_html TEXT;
ALTER TABLE replies ADD COLUMN render_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE replies ADD COLUMN edited_at BIGINT;
ALTER TABLE replies ADD COLUMN deleted_at BIGINT;

-- Every version of an edited post, from its first (written when it is first edited: its author, its time) on.
-- post_id is the thread's id for its opening post (whose title is kept too), else the reply's id.
CREATE TABLE post_revisions (
  post_id      BIGINT NOT NULL,
  revision     INTEGER NOT NULL,
  thread_id    BIGINT NOT NULL REFERENCES threads (id),
  workspace_id BIGINT NOT NULL,
  editor_id    BIGINT NOT NULL REFERENCES accounts (id),
  title        VARCHAR(200),
  body         TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (post_id, revision)
);
