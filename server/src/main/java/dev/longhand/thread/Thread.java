package dev.longhand.thread;

import dev.longhand.workspace.Space;
import dev.longhand.workspace.Workspace;
import java.util.List;
import java.util.Optional;

/** A conversation in a space: a titled opening post, then replies, reactions and acknowledgements. */
public record Thread(long id, long workspaceId, long spaceId, long authorId, String title, String body,
                     long createdAt, long lastActivityAt, int replyCount) {

  /** Who wrote something, as shown beside it. */
  public record Person(long id, String name, String handle) {}

  /**
   * A thread in a space's list; {@code outcome} is how it was resolved ({@code decision}, {@code answer},
   * {@code dropped}), empty while it is open.
   */
  public record Summary(long id, String title, Person author, long createdAt, long lastActivityAt, int replyCount, String outcome) {
    /** The badge the list shows beside a resolved thread: "Decided", "Answered", "Dropped"; empty while open. */
    public String outcomeLabel() {
      return switch (outcome) {
        case "decision" -> "Decided";
        case "answer" -> "Answered";
        case "dropped" -> "Dropped";
        default -> "";
      };
    }
  }

  /** One page of a space's threads, newest activity first; {@code next} continues the list. */
  public record Page(List<Summary> threads, Optional<String> next) {}

  /** A reply; {@code editedAt} is its latest edit, 0 when it was never edited. */
  public record Reply(long id, long threadId, Person author, String body, String bodyHtml, long createdAt,
                      List<ReactionCount> reactions, long editedAt) {
    public boolean edited() {
      return editedAt > 0;
    }
  }

  /**
   * A page of a thread's replies, oldest first; {@code previous} and {@code next} are the cursors of the pages
   * before and after it (sent back as {@code before} and {@code after}), empty at either end.
   */
  public record ReplyPage(List<Reply> replies, Optional<String> previous, Optional<String> next) {}

  /** One version of an edited post: who wrote it and when, its title (the opening post's only) and text. */
  public record Revision(int number, Person editor, long at, String title, String body) {}

  /** A version as a post's history page shows it: what it changed from the one before (safe HTML; null for the first). */
  public record Change(Revision revision, String titleBefore, String diffHtml) {}

  /** A post's versions, oldest first, and the thread it belongs to. */
  public record History(Thread thread, long postId, boolean opening, List<Revision> revisions) {}

  /** How many people reacted to a post with one emoji, and whether the reader is among them. */
  public record ReactionCount(String emoji, String name, int count, boolean mine) {}

  public record Acknowledgement(Person person, long at) {}

  /** What a new post answers with. */
  public record Posted(long id, long threadId, long spaceId, long createdAt) {}

  /** A thread as one reader sees it, with everything its page shows. */
  /**
   * {@code replies} is one page of them ({@code previous}/{@code next} the cursors around it); {@code editedAt} the
   * opening post's latest edit (0: never); {@code firstUnread} the reply the reader had not seen yet when the page
   * opened (0: none, or nothing read before).
   */
  public record Detail(Thread thread, Space space, String workspaceName, Person author, String bodyHtml,
                       List<ReactionCount> reactions, List<Reply> replies, List<Acknowledgement> acknowledgements,
                       long editedAt, Optional<String> previous, Optional<String> next, long firstUnread) {
    public boolean edited() {
      return editedAt > 0;
    }

    public boolean acknowledgedBy(long accountId) {
      return acknowledgements.stream().anyMatch(a -> a.person().id() == accountId);
    }
  }

  /** A space's page: its threads, its members and who could still be added. */
  public record SpaceOverview(Space.Access access, String workspaceName, Page threads,
                              List<Workspace.Member> members, List<Workspace.Member> addable) {}
}
