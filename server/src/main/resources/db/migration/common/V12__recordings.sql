-- Recordings: audio or video uploaded into a space, stored as a file under a server-made name in
-- <data-dir>/recordings (file_name), with the media type read from the file's content.
-- captions_vtt is the WebVTT document served as the player's track (null until captions are given);
-- its cues are also rows of recording_cues, for the transcript under the player and for search.
CREATE TABLE recordings (
  id            BIGINT PRIMARY KEY,
  workspace_id  BIGINT NOT NULL REFERENCES workspaces (id),
  space_id      BIGINT NOT NULL REFERENCES spaces (id),
  uploader_id   BIGINT NOT NULL REFERENCES accounts (id),
  title         TEXT NOT NULL,
  media_type    VARCHAR(40) NOT NULL,
  size_bytes    BIGINT NOT NULL,
  file_name     VARCHAR(100) NOT NULL,
  captions_vtt  TEXT,
  captions_at   BIGINT,
  created_at    BIGINT NOT NULL
);
CREATE INDEX recordings_by_space ON recordings (space_id, created_at);

-- One transcript cue. start_ms and end_ms are -1 for a pasted paragraph without a time.
CREATE TABLE recording_cues (
  id            BIGINT PRIMARY KEY,
  recording_id  BIGINT NOT NULL REFERENCES recordings (id),
  seq           INTEGER NOT NULL,
  start_ms      BIGINT NOT NULL,
  end_ms        BIGINT NOT NULL,
  body          TEXT NOT NULL
);
CREATE INDEX recording_cues_by_recording ON recording_cues (recording_id, seq);

-- Chapters are replaced as a whole list; seq orders them by start.
CREATE TABLE recording_chapters (
  recording_id  BIGINT NOT NULL REFERENCES recordings (id),
  seq           INTEGER NOT NULL,
  start_ms      BIGINT NOT NULL,
  title         TEXT NOT NULL,
  PRIMARY KEY (recording_id, seq)
);

-- Comments pinned to a time in the recording; a reply names its parent and shares its time.
CREATE TABLE recording_comments (
  id            BIGINT PRIMARY KEY,
  recording_id  BIGINT NOT NULL REFERENCES recordings (id),
  parent_id     BIGINT,
  author_id     BIGINT NOT NULL REFERENCES accounts (id),
  at_ms         BIGINT NOT NULL,
  body          TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX recording_comments_by_recording ON recording_comments (recording_id, at_ms);
