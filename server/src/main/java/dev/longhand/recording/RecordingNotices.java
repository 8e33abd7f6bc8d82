package dev.longhand.recording;

import dev.longhand.event.DomainEvent;
import dev.longhand.event.RecordingCommented;
import dev.longhand.markdown.Markdown;
import dev.longhand.notify.CommentNotices;
import dev.longhand.notify.Notice;
import dev.longhand.notify.NoticeSource;
import dev.longhand.store.OutboxEvent;
import dev.longhand.workspace.WorkspaceService;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Whom a comment on a recording tells, by {@link CommentNotices}' rules: the uploader, the conversation, the mentioned.
 * The notice opens the recording at the comment's moment.
 */
public final class RecordingNotices implements NoticeSource {
  private final WorkspaceService workspaces;
  private final Markdown markdown;
  private final RecordingStore store = new RecordingStore();

  public RecordingNotices(WorkspaceService workspaces, Markdown markdown) {
    this.workspaces = workspaces;
    this.markdown = markdown;
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(RecordingCommented.class);
  }

  @Override
  public List<Notice> notices(Handle h, OutboxEvent event) {
    if (!(event.event() instanceof RecordingCommented commented)) return List.of();
    long recordingId = commented.recordingId();
    Optional<Recording> recording = store.find(h, recordingId);
    Optional<Recording.Comment> comment = recording.isEmpty() ? Optional.empty()
        : store.comment(h, recordingId, commented.commentId());
    if (comment.isEmpty()) return List.of();
    Recording r = recording.get();
    Recording.Comment c = comment.get();
    List<Long> earlier = c.parentId().map(parent -> store.comments(h, recordingId).stream()
        .filter(o -> (o.id() == parent || o.parentId().equals(Optional.of(parent))) && o.id() < c.id())
        .map(Recording.Comment::authorId).toList()).orElse(List.of());
    List<Long> readers = workspaces.readers(h, r.spaceId());
    return CommentNotices.notices(new CommentNotices.Commented(r.workspaceId(), "recording", r.title(), r.uploaderId(),
        c.authorId(), c.authorName(), c.parentId().isPresent(), earlier,
        workspaces.mentionedReaders(h, r.workspaceId(), markdown.mentionedHandles(c.body()), readers, c.authorId()),
        readers, "/recordings/" + r.id() + "?t=" + c.atWhole() + "#comment-" + c.id()));
  }
}
