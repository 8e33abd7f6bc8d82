package dev.longhand.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The JSON the document API answers, one record per shape in openapi.json: ids as strings, instants ISO-8601 UTC;
 * fields that do not apply are left out.
 */
final class DocumentJson {
  private DocumentJson() {}

  static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  record Person(String id, String name) {
    static Person of(Document.Person p) {
      return new Person(String.valueOf(p.id()), p.name());
    }
  }

  record Created(String id, int revision, String url) {}

  /** {@code DocumentSummary}. */
  record Summary(String id, String title, int revision, int revisionCount, Person lastEditor, String updatedAt, String url) {
    static Summary of(Document d) {
      return new Summary(String.valueOf(d.id()), d.title(), d.latestRevision(), d.latestRevision(), Person.of(d.updatedBy()),
          instant(d.updatedAt()), d.path());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Listing(List<Summary> documents, String next) {}

  /** {@code Document}: the summary's fields and the latest text. */
  record Detail(String id, String title, int revision, int revisionCount, Person lastEditor, String updatedAt, String url,
                String spaceId, String workspaceId, String createdAt, String summary, String body, String bodyHtml,
                long openComments) {
    static Detail of(Document.Detail d, UnaryOperator<String> inReaderZone) {
      Summary s = Summary.of(d.document());
      return new Detail(s.id(), s.title(), s.revision(), s.revisionCount(), s.lastEditor(), s.updatedAt(), s.url(),
          String.valueOf(d.document().spaceId()), String.valueOf(d.document().workspaceId()),
          instant(d.document().createdAt()), d.latest().summary(), d.latest().body(), inReaderZone.apply(d.bodyHtml()),
          d.openComments());
    }
  }

  /** {@code DocumentRevision}: {@code body} when one revision is asked for, {@code bodyHtml} and {@code latest} on its own page. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Revision(int number, String title, String summary, Person author, String createdAt, String body, String bodyHtml,
                  Boolean latest) {
    static Revision of(Document.Revision r, boolean withBody) {
      return new Revision(r.number(), r.title(), r.summary(), Person.of(r.author()), instant(r.createdAt()),
          withBody ? r.body() : null, null, null);
    }

    Revision shown(String html, boolean isLatest) {
      return new Revision(number, title, summary, author, createdAt, body, html, isLatest);
    }
  }

  record Revisions(List<Revision> revisions) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Saved(String id, int revision, boolean changed, boolean merged, Revision mergedWith) {
    static Saved of(Document.Saved s) {
      return new Saved(String.valueOf(s.document().id()), s.revision(), s.changed(), s.mergedWith().isPresent(),
          s.mergedWith().map(r -> Revision.of(r, false)).orElse(null));
    }
  }

  /** {@code EditConflict}: a problem+json with what the writer needs to merge. */
  record Conflict(String type, String title, int status, String detail, String field, String instance, int baseRevision,
                  int latestRevision, Revision latest, Merge merge) {}

  record Merge(boolean clean, int conflicts, String body) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Diff(String documentId, Revision from, Revision to, TitleChange titleChange, Stats stats, List<Line> lines,
              String html) {}

  record TitleChange(String from, String to) {}

  record Stats(int added, int removed, int changed) {}

  /** {@code DocumentDiffLine}: {@code text} for kept, removed and added lines; old and new text with words for changed ones. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Line(String op, Integer old, @com.fasterxml.jackson.annotation.JsonProperty("new") Integer newNumber, String text,
              String oldText, String newText, List<Word> words) {
    static Line of(TextDiff.Line l) {
      Integer old = l.oldNumber() > 0 ? l.oldNumber() : null;
      Integer now = l.newNumber() > 0 ? l.newNumber() : null;
      return switch (l.kind()) {
        case EQUAL, DELETE -> new Line(l.kind().key, old, now, l.oldText(), null, null, null);
        case INSERT -> new Line(l.kind().key, old, now, l.newText(), null, null, null);
        case CHANGE -> new Line(l.kind().key, old, now, null, l.oldText(), l.newText(),
            l.words().stream().map(w -> new Word(w.kind().key, w.text())).toList());
      };
    }
  }

  record Word(String op, String text) {}

  /** {@code DocumentComment}: replies carry {@code parentId}; threads carry whether and when they were resolved. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Comment(String id, String parentId, Person author, String body, String bodyHtml, String createdAt, int revision,
                 String quote, Boolean quoteInLatest, Boolean resolved, String resolvedAt, Person resolvedBy,
                 List<Comment> replies) {
    static Comment of(Document.Comment c, UnaryOperator<String> times) {
      boolean top = !c.isReply();
      boolean resolved = top && c.resolved();
      return new Comment(String.valueOf(c.id()), c.isReply() ? String.valueOf(c.parentId()) : null, Person.of(c.author()),
          c.body(), times.apply(c.bodyHtml()), instant(c.createdAt()), c.revision(), c.quote().orElse(null),
          c.quote().isPresent() ? c.quoteInLatest() : null, top ? c.resolved() : null,
          resolved ? instant(c.resolvedAt()) : null, resolved ? c.resolvedBy().map(Person::of).orElse(null) : null,
          top ? c.replies().stream().map(r -> of(r, times)).toList() : null);
    }
  }

  record Comments(List<Comment> comments) {}
}
