package dev.longhand.document;

import dev.longhand.workspace.Space;
import java.util.List;
import java.util.Optional;

/**
 * A Markdown document in a space. Its text lives in its revisions, numbered from 1; the document row
 * names the newest one and who saved it when, for the space's list.
 */
public record Document(long id, long workspaceId, long spaceId, String title, int latestRevision, long createdBy, long createdAt,
    Person updatedBy, long updatedAt) {
  public static final int TITLE_MAX = 200;
  public static final int BODY_MAX = 200_000;
  public static final int SUMMARY_MAX = 300;

  public String path() {
    return "/documents/" + id;
  }

  public record Person(long id, String name) {}

  /** A space's documents, most recently edited first. */
  /** A page of a space's documents, most recently edited first; {@code next} is the cursor of the page after, if any. */
  public record Listing(Space.Access access, String workspaceName, List<Document> documents, Optional<String> next) {}

  /** One saved version: the whole text and title as they were, who saved it, when, and why. */
  public record Revision(long documentId, int number, String title, String body, String summary, Person author, long createdAt) {}

  /** The latest revision rendered for one reader, with everything the document page shows around it. */
  public record Detail(Document document, Space space, String workspaceName, Revision latest, String bodyHtml,
      List<Revision> revisions, List<Comment> comments) {
    public long openComments() {
      return comments.stream().filter(c -> !c.resolved()).count();
    }
  }

  /** Any revision rendered, for its own page. */
  public record Shown(Document document, Space space, String workspaceName, Revision revision, String bodyHtml) {}

  /**
   * A comment, or a reply when {@code parentId} is set. {@code quote} is the passage it is anchored to, written on
   * revision {@code revision}; {@code quoteInLatest} says whether the latest revision still holds it.
   */
  public record Comment(long id, long documentId, long parentId, Person author, String body, String bodyHtml, Optional<String> quote,
      int revision, boolean quoteInLatest, long createdAt, long resolvedAt, Optional<Person> resolvedBy, List<Comment> replies) {
    public boolean resolved() {
      return resolvedAt > 0;
    }

    public boolean isReply() {
      return parentId != 0;
    }
  }

  /** What a writer sends to save: their text, the revision they started from, and optionally a new title and a summary. */
  public record Edit(String body, int baseRevision, Optional<String> title, String summary, boolean mergeIfClean,
      boolean resolvingConflict) {}

  /** What a save did. */
  public sealed interface Outcome permits Saved, Conflict {}

  /**
   * Saved as {@code revision}; {@code changed} is false when the text and title were the same as the latest (nothing
   * written). {@code mergedWith} is set when the writer started from an older revision and their edit merged cleanly
   * with the revisions saved since.
   */
  public record Saved(Document document, int revision, boolean changed, Optional<Revision> mergedWith) implements Outcome {}

  /**
   * Not saved: someone saved {@code latest} after {@code base}, which the writer started from, and the edits could not be
   * merged line by line (or the writer did not ask for a merge). {@code merge} is the attempt, with conflict markers;
   * {@code space} is the document's, for the page's breadcrumb.
   */
  public record Conflict(Document document, Space space, Revision base, Revision latest, Edit edit, String mergedText, int conflicts,
      TextDiff.Result theirChange) implements Outcome {
    /** Their change (from the writer's base to the latest revision) as a readable diff. */
    public String theirChangeHtml() {
      return DiffHtml.render(theirChange);
    }

    public boolean titleConflict() {
      String mine = edit.title().orElse(base.title());
      return !mine.equals(base.title()) && !latest.title().equals(base.title()) && !mine.equals(latest.title());
    }
  }

  /** Two revisions compared. */
  public record Comparison(Document document, Space space, String workspaceName, Revision from, Revision to, TextDiff.Result diff,
      String html) {}
}
