package dev.longhand.document;

import dev.longhand.event.DocumentCommented;
import dev.longhand.event.DomainEvent;
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

/** Whom a comment on a document tells, by {@link CommentNotices}' rules: the document's creator, the conversation, the mentioned. */
public final class DocumentNotices implements NoticeSource {
  private final WorkspaceService workspaces;
  private final Markdown markdown;
  private final DocumentStore store = new DocumentStore();

  public DocumentNotices(WorkspaceService workspaces, Markdown markdown) {
    this.workspaces = workspaces;
    this.markdown = markdown;
  }

  @Override
  public Set<Class<? extends DomainEvent>> consumes() {
    return Set.of(DocumentCommented.class);
  }

  @Override
  public List<Notice> notices(Handle h, OutboxEvent event) {
    if (!(event.event() instanceof DocumentCommented commented)) return List.of();
    long documentId = commented.documentId();
    Optional<DocumentStore.CommentRow> comment = store.comment(h, commented.commentId());
    Optional<Document> document = store.find(h, documentId);
    if (comment.isEmpty() || document.isEmpty() || comment.get().documentId() != documentId) return List.of();
    DocumentStore.CommentRow c = comment.get();
    Document d = document.get();
    List<Long> earlier = c.parentId() == 0 ? List.of() : store.comments(h, documentId).stream()
        .filter(o -> (o.id() == c.parentId() || o.parentId() == c.parentId()) && o.id() < c.id())
        .map(o -> o.author().id()).toList();
    List<Long> readers = workspaces.readers(h, d.spaceId());
    return CommentNotices.notices(new CommentNotices.Commented(d.workspaceId(), "document", d.title(), d.createdBy(),
        c.author().id(), c.author().name(), c.parentId() != 0, earlier,
        workspaces.mentionedReaders(h, d.workspaceId(), markdown.mentionedHandles(c.body()), readers, c.author().id()),
        readers, "/documents/" + d.id() + "#comment-" + c.id()));
  }
}
