-- Files uploaded into a space (attached to threads, replies, documents and comments by a link in their Markdown).
-- The bytes live in the file storage (<data-dir>/files on local disk) under storage_key, a name the server made;
-- content_type was read from the content. An image small enough to read has its width and height (as shown,
-- after its EXIF orientation) and a thumbnail under thumbnail_key.
CREATE TABLE files (
  id              BIGINT PRIMARY KEY,
  workspace_id    BIGINT NOT NULL REFERENCES workspaces (id),
  space_id        BIGINT NOT NULL REFERENCES spaces (id),
  uploader_id     BIGINT NOT NULL REFERENCES accounts (id),
  name            TEXT NOT NULL,
  content_type    VARCHAR(100) NOT NULL,
  size_bytes      BIGINT NOT NULL,
  storage_key     VARCHAR(100) NOT NULL,
  width           INTEGER,
  height          INTEGER,
  thumbnail_key   VARCHAR(100),
  thumbnail_type  VARCHAR(40),
  created_at      BIGINT NOT NULL
);
CREATE INDEX files_by_space ON files (space_id, created_at);
