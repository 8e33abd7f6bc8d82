-- Versioned documents: Markdown with a title, where every save is a revision.
-- latest_revision is the number of the newest revision (revisions count from 1). A save writes
-- revision n+1 only with "UPDATE documents ... WHERE latest_revision = n", so two writers who
-- started from the same revision never both succeed: the second one sees a conflict.
-- updated_at/updated_by repeat the newest revision's time and author for the space's list.
CREATE TABLE documents (
  id              BIGINT PRIMARY KEY,
  workspace_id    BIGINT NOT NULL REFERENCES workspaces (id),
  space_id        BIGINT NOT NULL REFERENCES spaces (id),
  title           VARCHAR(200) NOT NULL,
  latest_revision INTEGER NOT NULL,
  created_by      BIGINT NOT NULL REFERENCES accounts (id),
  created_at      BIGINT NOT NULL,
  updated_by      BIGINT NOT NULL REFERENCES accounts (id),
  updated_at      BIGINT NOT NULL
);
CREATE INDEX documents_by_space ON documents (space_id, updated_at);

-- Each revision keeps the whole text and the title it had, so any revision can be shown or compared.
CREATE TABLE document_revisions (
  document_id BIGINT NOT NULL REFERENCES documents (id),
  number      INTEGER NOT NULL,
  title       VARCHAR(200) NOT NULL,
  body        TEXT NOT NULL,
  summary     VARCHAR(300) NOT NULL DEFAULT '',
  author_id   BIGINT NOT NULL REFERENCES accounts (id),
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (document_id, number)
);

-- Comments on a document. parent_id is null for a comment and names the comment a reply answers.
-- quote is the passage a comment is anchored to (null when it is about the whole document), and
-- revision the revision the comment was written on. resolved_at is null while the comment is open.
CREATE TABLE document_comments (
  id           BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL,
  space_id     BIGINT NOT NULL,
  document_id  BIGINT NOT NULL REFERENCES documents (id),
  parent_id    BIGINT,
  author_id    BIGINT NOT NULL REFERENCES accounts (id),
  body         TEXT NOT NULL,
  quote        TEXT,
  revision     INTEGER NOT NULL,
  created_at   BIGINT NOT NULL,
  resolved_at  BIGINT,
  resolved_by  BIGINT
);
CREATE INDEX document_comments_by_document ON document_comments (document_id, id);
