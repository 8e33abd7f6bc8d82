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

  public record Reply(long id, long threadId, Person author, String body, String bodyHtml, long createdAt,
                      List<ReactionCount> reactions) {}

  /** How many people reacted to a post with one emoji, and whether the reader is among them. */
  public record ReactionCount(String emoji, String name, int count, boolean mine) {}

  public record Acknowledgement(Person person, long at) {}

  /** What a new post answers with. */
  public record Posted(long id, long threadId, long spaceId, long createdAt) {}

  /** A thread as one reader sees it, with everything its page shows. */
  public record Detail(Thread thread, Space space, String workspaceName, Person author, String bodyHtml,
                       List<ReactionCount> reactions, List<Reply> replies, List<Acknowledgement> acknowledgements) {
    public boolean acknowledgedBy(long accountId) {
      return acknowledgements.stream().anyMatch(a -> a.person().id() == accountId);
    }
  }

  /** A space's page: its threads, its members and who could still be added. */
  public record SpaceOverview(Space.Access access, String workspaceName, Page threads,
                              List<Workspace.Member> members, List<Workspace.Member> addable) {}
}
