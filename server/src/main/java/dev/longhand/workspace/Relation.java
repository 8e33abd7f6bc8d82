package dev.longhand.workspace;

/**
 * How a person stands to the thing an {@link Action} acts on, beside their {@link Role} in its workspace. The
 * caller works these out from the rows (who uploaded, who asked) and hands them to {@link Permissions}.
 */
public enum Relation {
  /** May read the space the thing lies in: {@link #SPACE_MEMBER} or {@link #OPEN_SPACE}. */
  SPACE_READER,
  /** Was added to the space (every private space's readers are its members; guests read only such spaces). */
  SPACE_MEMBER,
  /** Reads the space because it is public and they are no guest: everyone else in the workspace. */
  OPEN_SPACE,
  /** Created the space. */
  SPACE_CREATOR,
  /** Uploaded the recording. */
  UPLOADER,
  /** Wrote the post (a thread's opening post or a reply). */
  AUTHOR,
  /** Made the ask. */
  ASKER,
  /** The ask waits on them. */
  ASSIGNEE,
  /** Proposed the sync session. */
  ORGANISER,
  /** Takes part in the sync session. */
  PARTICIPANT
}
