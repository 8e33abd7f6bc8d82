package dev.longhand.workspace;

/** What a person may try to do; {@link Permissions} says who may. */
public enum Action {
  /** Read a space and everything in it: threads, decisions, documents, recordings. */
  READ_SPACE,
  /** Write in a space: threads, replies, reactions, documents and comments, recordings and their transcripts. */
  POST,
  /** Record a decision in a space, or resolve a thread. */
  RECORD_DECISION,
  /** Change a decision's fields or status. */
  CHANGE_DECISION,
  /** Edit a recording's transcript and chapters. */
  EDIT_RECORDING,
  /** Delete a recording with its transcript, chapters and comments. */
  DELETE_RECORDING,
  /** Edit a thread's title or opening post, or a reply. */
  EDIT_POST,
  /** Delete a thread (with its replies) or a reply, for everyone. */
  DELETE_POST,
  /** Move a thread, with its replies, to another space of its workspace. */
  MOVE_THREAD,
  /** Mark an ask done. */
  MARK_ASK_DONE,
  /** Withdraw an ask. */
  WITHDRAW_ASK,
  /** Create a space in the workspace. */
  CREATE_SPACE,
  /** Add a person of the workspace to a space. */
  ADD_SPACE_MEMBER,
  /** Remove a member or guest from the workspace (an owner only by an owner, and never the last one). */
  REMOVE_MEMBER,
  /** Take someone off a space's members. */
  REMOVE_SPACE_MEMBER,
  /** Make an invitation link for a member or a guest. */
  INVITE,
  /** Make an invitation link for an admin. */
  INVITE_ADMIN,
  /** See everyone in the workspace, rather than only the people of the spaces one was added to. */
  SEE_MEMBER_LIST,
  /** Send an urgent notification. */
  SEND_URGENT,
  /** See the urgent notifications sent in a workspace, and set its daily limit. */
  SEE_URGENT_LOG,
  /** Add and remove the workspace's holidays. */
  MANAGE_HOLIDAYS,
  /** Schedule, reschedule or cancel a sync session (and so send its invites). */
  SCHEDULE_SYNC,
  /** Set or end a thread's slow mode (the least time between one person's replies). */
  SET_SLOW_MODE,
  /** Write the live notes of a sync session's agenda items. */
  WRITE_SYNC_NOTES,
  /** Close a sync session with its outcomes (decisions, asks, or why nothing was decided). */
  CLOSE_SYNC_SESSION,
  /** Export the whole workspace as an archive, follow the export and download it. */
  EXPORT_WORKSPACE,
  /** Subscribe URLs to the workspace's events (webhooks), delete them, read their delivery log and redeliver. */
  MANAGE_WEBHOOKS
}
