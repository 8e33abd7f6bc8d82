package dev.longhand.event;

/**
 * Something that happened, as a write appends it to the outbox in its own transaction (see {@code store.Outbox}) and
 * as consumers get it back after commit. One record per kind: the record's simple name is the kind stored in
 * {@code outbox.kind} (never rename one: stored events and webhook subscribers know it by that name), its components
 * are the payload's fields (ids as numbers), and {@link Version} its payload version. {@code docs/EVENTS.md} lists
 * every kind with its consumers; {@code EventCatalogTest} keeps it complete.
 */
public sealed interface DomainEvent permits
    WorkspaceCreated, MemberJoined, SpaceCreated, SpaceMemberAdded, MemberRemoved, SpaceMemberRemoved,
    ThreadPosted, ReplyAdded, ReactionAdded, ReactionRemoved, ThreadAcknowledged, ThreadRead, ThreadMarkedUnread,
    ThreadResolved, ThreadReopened,
    ThreadEdited, ReplyEdited, ThreadDeleted, ReplyDeleted, ThreadMoved,
    AskCreated, AsksDone,
    NotificationDelivered, NotificationsRead,
    DecisionRecorded, DecisionChanged,
    DocumentCreated, DocumentSaved, DocumentCommented, DocumentCommentResolved, DocumentCommentReopened,
    RecordingUploaded, CaptionsChanged, ChaptersChanged, RecordingCommented, RecordingDeleted,
    FileUploaded,
    SyncSessionClosed, SyncNotesSaved,
    BrainstormStarted, BrainstormIdeaAdded, BrainstormIdeaWithdrawn, BrainstormVoted, BrainstormPhaseChanged {

  /** The kind's stable name, as stored. */
  static String kind(Class<? extends DomainEvent> type) {
    return type.getSimpleName();
  }
}
