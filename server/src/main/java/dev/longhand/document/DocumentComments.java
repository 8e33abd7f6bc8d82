package dev.longhand.document;

import dev.longhand.draft.Drafts;
import dev.longhand.event.DocumentCommentReopened;
import dev.longhand.event.DocumentCommentResolved;
import dev.longhand.event.DocumentCommented;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Comments on a document. A comment may quote a passage of the latest revision (kept with the revision
 * it was written on, and marked when a later revision no longer holds it); replies hang off a comment
 * (a reply to a reply joins the same comment); a comment is resolved and reopened as a whole, by anyone
 * who may read the document. Access is {@link DocumentService}'s: whoever may read the space.
 */
final class DocumentComments {
  static final int BODY_MAX = 10_000;

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final DocumentService documents;
  private final DocumentStore store;

  DocumentComments(Database db, Ids ids, Clock clock, Outbox outbox, DocumentService documents, DocumentStore store) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
    this.documents = documents;
    this.store = store;
  }

  /** Writes a comment, or a reply when {@code parentId} names a comment of the same document. */
  Document.Comment add(long accountId, long documentId, String body, Optional<String> quote, Optional<String> parentId) {
    return db.write(h -> {
      DocumentService.Located at = documents.locate(h, accountId, documentId);
      Document d = at.document();
      Long parent = null;
      String passage = null;
      if (parentId.isPresent()) {
        long id = Ids.parse(parentId.get().strip());
        DocumentStore.CommentRow p = (id < 0 ? Optional.<DocumentStore.CommentRow>empty() : store.comment(h, id))
            .filter(c -> c.documentId() == documentId)
            .orElseThrow(() -> Problem.invalid("parentId", "'parentId' must be the id of a comment on this document."));
        parent = p.parentId() != 0 ? p.parentId() : p.id();
        if (quote.isPresent()) {
          throw Problem.invalid("quote", "A reply answers a comment and cannot quote a passage; quote it in a new comment instead.");
        }
      } else if (quote.isPresent()) {
        Document.Revision latest = store.revision(h, documentId, d.latestRevision()).orElseThrow();
        passage = Quotes.normalize(quote.get());
        if (!Quotes.in(passage, latest.body(), documents.html(latest.body(), Set.of()))) {
          throw Problem.invalid("quote", "'quote' must be a passage of the document's latest revision (revision "
              + d.latestRevision() + "); it was not found there.");
        }
      }
      long id = ids.next();
      long now = clock.millis();
      store.insertComment(h, id, d.workspaceId(), d.spaceId(), documentId, parent, accountId, body, passage, d.latestRevision(), now);
      outbox.append(h, d.workspaceId(), new DocumentCommented(documentId, id));
      if (parentId.isEmpty()) Drafts.sent(h, new Drafts.Sent(accountId, d.workspaceId(), Drafts.commentKey(documentId), now));
      return view(h, store.comment(h, id).orElseThrow(), d);
    });
  }

  /** The document's comments, oldest first, each with its replies. */
  List<Document.Comment> list(long accountId, long documentId) {
    return db.read(h -> {
      Document d = documents.locate(h, accountId, documentId).document();
      Document.Revision latest = store.revision(h, documentId, d.latestRevision()).orElseThrow();
      Set<String> handles = store.memberHandles(h, d.workspaceId());
      return of(h, d, latest, documents.html(latest.body(), handles), handles);
    });
  }

  /** Resolves a comment (a reply's comment, when given a reply); resolving twice changes nothing. */
  Document.Comment resolve(long accountId, long commentId) {
    return mark(accountId, commentId, true);
  }

  /** Opens a resolved comment again. */
  Document.Comment reopen(long accountId, long commentId) {
    return mark(accountId, commentId, false);
  }

  private Document.Comment mark(long accountId, long commentId, boolean resolved) {
    return db.write(h -> {
      DocumentStore.CommentRow c = store.comment(h, commentId).orElseThrow(() -> Problem.notFound("comment"));
      Document d;
      try {
        d = documents.locate(h, accountId, c.documentId()).document();
      } catch (Problem p) {
        throw Problem.notFound("comment");
      }
      long top = c.parentId() != 0 ? c.parentId() : c.id();
      DocumentStore.CommentRow row = store.comment(h, top).orElseThrow();
      if (row.resolvedAt() > 0 != resolved) {
        if (resolved) store.resolve(h, top, accountId, clock.millis());
        else store.reopen(h, top);
        outbox.append(h, d.workspaceId(), resolved ? new DocumentCommentResolved(d.id(), top) : new DocumentCommentReopened(d.id(), top));
      }
      return view(h, store.comment(h, top).orElseThrow(), d);
    });
  }

  /** Comments as threads: top-level comments in order, their replies nested. */
  List<Document.Comment> of(Handle h, Document d, Document.Revision latest, String latestHtml, Set<String> handles) {
    List<DocumentStore.CommentRow> rows = store.comments(h, d.id());
    Map<Long, List<Document.Comment>> replies = new LinkedHashMap<>();
    for (DocumentStore.CommentRow r : rows) {
      if (r.parentId() != 0) replies.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(render(r, latest, latestHtml, handles, List.of()));
    }
    List<Document.Comment> out = new ArrayList<>();
    for (DocumentStore.CommentRow r : rows) {
      if (r.parentId() == 0) out.add(render(r, latest, latestHtml, handles, replies.getOrDefault(r.id(), List.of())));
    }
    return out;
  }

  private Document.Comment view(Handle h, DocumentStore.CommentRow row, Document d) {
    Document.Revision latest = store.revision(h, d.id(), d.latestRevision()).orElseThrow();
    Set<String> handles = store.memberHandles(h, d.workspaceId());
    String html = documents.html(latest.body(), handles);
    if (row.parentId() != 0) return render(row, latest, html, handles, List.of());
    return of(h, d, latest, html, handles).stream().filter(c -> c.id() == row.id()).findFirst().orElseThrow();
  }

  private Document.Comment render(DocumentStore.CommentRow r, Document.Revision latest, String latestHtml, Set<String> handles,
      List<Document.Comment> replies) {
    Optional<String> quote = Optional.ofNullable(r.quote());
    boolean inLatest = quote.map(q -> Quotes.in(q, latest.body(), latestHtml)).orElse(true);
    return new Document.Comment(r.id(), r.documentId(), r.parentId(), r.author(), r.body(), documents.html(r.body(), handles), quote,
        r.revision(), inLatest, r.createdAt(), r.resolvedAt(), r.resolvedBy(), replies);
  }
}
