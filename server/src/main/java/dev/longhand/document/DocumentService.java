package dev.longhand.document;

import dev.longhand.event.DocumentCreated;
import dev.longhand.event.DocumentSaved;
import dev.longhand.http.Problem;
import dev.longhand.markdown.Markdown;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.store.PageCursor;
import dev.longhand.workspace.Space;
import dev.longhand.workspace.WorkspaceService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Versioned documents: writing, reading any revision, comparing two, and saving on top of a revision
 * someone else has moved past (merged line by line when the edits do not overlap, else a conflict
 * the writer settles). Comments live in {@link DocumentComments}.
 *
 * <p>Whoever may read a space may write its documents and comment on them, as with threads: its
 * members, guests who were added to it, and every non-guest of the workspace when it is public.
 * Writes append {@code DocumentCreated} and {@code DocumentSaved}, which search listens to.
 */
public final class DocumentService {
  public static final int DEFAULT_PAGE = 50;
  public static final int MAX_PAGE = 200;

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceService workspaces;
  private final Markdown markdown;
  private final DocumentStore store = new DocumentStore();
  private final DocumentComments comments;

  public DocumentService(Database db, Ids ids, Clock clock, Outbox outbox, WorkspaceService workspaces, Markdown markdown) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
    this.workspaces = workspaces;
    this.markdown = markdown;
    this.comments = new DocumentComments(db, ids, clock, outbox, this, store);
  }

  /** Comments on documents: anchored to passages, replied to, resolved and reopened. */
  DocumentComments comments() {
    return comments;
  }

  public Document create(long accountId, long spaceId, String title, String body, String summary) {
    return db.write(h -> {
      Space space = workspaces.accessSpace(h, accountId, spaceId).space();
      long now = clock.millis();
      Document d = new Document(ids.next(), space.workspaceId(), space.id(), title, 1, accountId, now, new Document.Person(accountId, ""), now);
      store.insert(h, d);
      store.insertRevision(h, d.id(), 1, title, body, summary, accountId, now);
      outbox.append(h, d.workspaceId(), new DocumentCreated(d.id(), d.spaceId()));
      return store.find(h, d.id()).orElseThrow();
    });
  }

  /** A page of the space's documents, most recently edited first, continuing after {@code before} (a previous page's next). */
  public Document.Listing list(long accountId, long spaceId, Optional<String> before, int limit) {
    PageCursor cursor = before.map(b -> PageCursor.parse(b).orElseThrow(() -> Problem.invalid("before", PageCursor.MALFORMED)))
        .orElse(PageCursor.FIRST);
    int bounded = Math.max(1, Math.min(limit, MAX_PAGE));
    return db.read(h -> {
      Space.Access access = workspaces.accessSpace(h, accountId, spaceId);
      String workspace = store.workspaceName(h, access.space().workspaceId());
      var page = PageCursor.page(store.inSpace(h, spaceId, cursor, bounded + 1), bounded, d -> new PageCursor(d.updatedAt(), d.id()));
      return new Document.Listing(access, workspace, page.items(), page.next());
    });
  }

  /** The latest revision rendered, with the revision list and the comments. */
  public Document.Detail document(long accountId, long documentId) {
    return db.read(h -> {
      Located at = locate(h, accountId, documentId);
      Document.Revision latest = store.revision(h, documentId, at.document().latestRevision()).orElseThrow();
      Set<String> handles = store.memberHandles(h, at.document().workspaceId());
      String html = markdown.toHtml(latest.body(), handles);
      return new Document.Detail(at.document(), at.space(), store.workspaceName(h, at.space().workspaceId()), latest, html,
          store.revisions(h, documentId), comments.of(h, at.document(), latest, html, handles));
    });
  }

  public List<Document.Revision> revisions(long accountId, long documentId) {
    return db.read(h -> {
      locate(h, accountId, documentId);
      return store.revisions(h, documentId);
    });
  }

  /** One revision, rendered; an unknown number is "not found". */
  public Document.Shown revision(long accountId, long documentId, int number) {
    return db.read(h -> {
      Located at = locate(h, accountId, documentId);
      Document.Revision r = store.revision(h, documentId, number).orElseThrow(() -> Problem.notFound("revision"));
      return new Document.Shown(at.document(), at.space(), store.workspaceName(h, at.space().workspaceId()), r,
          markdown.toHtml(r.body(), store.memberHandles(h, at.document().workspaceId())));
    });
  }

  /**
   * Compares two revisions given as text (from a query); missing ones default to the latest and the one before it.
   * Anything that is not a revision of this document is refused, naming {@code from} or {@code to}.
   */
  public Document.Comparison compare(long accountId, long documentId, Optional<String> from, Optional<String> to) {
    return db.read(h -> {
      Located at = locate(h, accountId, documentId);
      int latest = at.document().latestRevision();
      int toNumber = to.isEmpty() ? latest : number("to", to.get(), latest);
      int fromNumber = from.isEmpty() ? Math.max(1, toNumber - 1) : number("from", from.get(), latest);
      Document.Revision a = store.revision(h, documentId, fromNumber).orElseThrow();
      Document.Revision b = store.revision(h, documentId, toNumber).orElseThrow();
      TextDiff.Result diff = TextDiff.compare(a.body(), b.body());
      return new Document.Comparison(at.document(), at.space(), store.workspaceName(h, at.space().workspaceId()), a, b, diff,
          DiffHtml.render(diff));
    });
  }

  /** A revision number given as text, between 1 and {@code latest}. */
  static int number(String field, String raw, int latest) {
    int n;
    try {
      n = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw Problem.invalid(field, "'" + field + "' must be a revision number, a whole number from 1 to " + latest + ".");
    }
    if (n < 1 || n > latest) {
      throw Problem.invalid(field, "'" + field + "' must be a revision of this document: 1 to " + latest + ", not " + n + ".");
    }
    return n;
  }

  /**
   * Saves an edit as the next revision. When the writer started from the latest revision it is simply saved (or nothing
   * happens when nothing changed). When someone saved since, the edits are merged line by line: a clean merge is saved
   * if the writer asked for it ({@code mergeIfClean}); otherwise nothing is written and the conflict is returned.
   */
  public Document.Outcome save(long accountId, long documentId, Document.Edit edit) {
    if (edit.resolvingConflict() && ThreeWayMerge.hasMarkers(edit.body())) {
      throw Problem.invalid("body", "The text still holds conflict markers (<<<<<<<, =======, >>>>>>>). Keep the lines you want "
          + "between them, then remove the marker lines.");
    }
    return db.write(h -> {
      Located at = locate(h, accountId, documentId);
      Document d = at.document();
      int latestNumber = d.latestRevision();
      if (edit.baseRevision() < 1 || edit.baseRevision() > latestNumber) {
        throw Problem.invalid("baseRevision", "'baseRevision' must be a revision of this document: 1 to " + latestNumber + ".");
      }
      Document.Revision latest = store.revision(h, documentId, latestNumber).orElseThrow();
      if (edit.baseRevision() == latestNumber) {
        String title = edit.title().orElse(latest.title());
        if (title.equals(latest.title()) && edit.body().equals(latest.body())) return new Document.Saved(d, latestNumber, false, Optional.empty());
        return write(h, d, latestNumber, title, edit.body(), edit.summary(), accountId, Optional.empty());
      }
      Document.Revision base = store.revision(h, documentId, edit.baseRevision()).orElseThrow();
      ThreeWayMerge.Result merged = ThreeWayMerge.merge(base.body(), edit.body(), latest.body(), "your edit",
          "revision " + latestNumber + " by " + latest.author().name());
      Optional<String> title = mergedTitle(base.title(), edit.title(), latest.title());
      int conflicts = merged.conflicts() + (title.isEmpty() ? 1 : 0);
      if (conflicts == 0 && edit.mergeIfClean()) {
        if (title.get().equals(latest.title()) && merged.text().equals(latest.body())) {
          return new Document.Saved(d, latestNumber, false, Optional.of(latest)); // the same edit was saved already
        }
        String summary = edit.summary().isEmpty() ? "Merged with revision " + latestNumber + " by " + latest.author().name() : edit.summary();
        return write(h, d, latestNumber, title.get(), merged.text(), summary, accountId, Optional.of(latest));
      }
      return new Document.Conflict(d, at.space(), base, latest, edit, merged.text(), conflicts, TextDiff.compare(base.body(), latest.body()));
    });
  }

  /** The title after both edits, or empty when both changed it differently. */
  private static Optional<String> mergedTitle(String base, Optional<String> mine, String theirs) {
    String ours = mine.orElse(base);
    if (ours.equals(base) || ours.equals(theirs)) return Optional.of(theirs);
    if (theirs.equals(base)) return Optional.of(ours);
    return Optional.empty();
  }

  private Document.Saved write(Handle h, Document d, int latestNumber, String title, String body, String summary, long accountId,
      Optional<Document.Revision> mergedWith) {
    int next = latestNumber + 1;
    long now = clock.millis();
    if (!store.advance(h, d.id(), next, title, accountId, now)) {
      throw Problem.conflict("baseRevision", "Someone saved this document at the same moment. Save again: your text is kept, and what they saved will be merged with it.");
    }
    store.insertRevision(h, d.id(), next, title, body, summary, accountId, now);
    outbox.append(h, d.workspaceId(), new DocumentSaved(d.id(), next));
    return new Document.Saved(store.find(h, d.id()).orElseThrow(), next, true, mergedWith);
  }

  /** A document and its space, when the person may read that space; otherwise "not found". */
  record Located(Document document, Space space) {}

  Located locate(Handle h, long accountId, long documentId) {
    Document d = store.find(h, documentId).orElseThrow(() -> Problem.notFound("document"));
    try {
      return new Located(d, workspaces.accessSpace(h, accountId, d.spaceId()).space());
    } catch (Problem p) {
      throw Problem.notFound("document");
    }
  }

  String html(String markdownText, Set<String> handles) {
    return markdown.toHtml(markdownText, handles);
  }
}
