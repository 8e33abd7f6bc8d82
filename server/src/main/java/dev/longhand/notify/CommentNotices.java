package dev.longhand.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who hears of a comment on something people write together (a document, a recording), as a
 * {@code direct} notice: those it mentions; for a reply, everyone who wrote earlier in that
 * conversation; for a new comment, the one whose document or recording it is. Only people who may
 * read it, never its writer, each once. Rules shared by the features' {@link NoticeSource}s.
 */
public final class CommentNotices {
  private CommentNotices() {}

  /**
   * A comment, with what its notices need.
   *
   * @param what the product's word for what it is on: "document", "recording"
   * @param ownerId whoever made what it is on (the document's creator, the recording's uploader)
   * @param earlier who wrote earlier in its conversation (the comment a reply answers, and that comment's replies)
   * @param mentioned the readers it mentions
   * @param readers who may read what it is on
   * @param link the page that shows the comment, e.g. "/documents/12#comment-34"
   */
  public record Commented(long workspaceId, String what, String title, long ownerId, long authorId, String authorName,
                          boolean reply, Collection<Long> earlier, Collection<Long> mentioned, Collection<Long> readers,
                          String link) {}

  public static List<Notice> notices(Commented c) {
    Set<Long> mayRead = new HashSet<>(c.readers());
    Set<Long> told = new HashSet<>();
    told.add(c.authorId());
    List<Notice> out = new ArrayList<>();
    for (long person : c.mentioned()) {
      if (mayRead.contains(person) && told.add(person)) {
        out.add(notice(c, person, "mention", c.authorName() + " mentioned you in a comment on “" + c.title() + "”"));
      }
    }
    if (c.reply()) {
      for (long person : c.earlier()) {
        if (mayRead.contains(person) && told.add(person)) {
          out.add(notice(c, person, "comment", c.authorName() + " replied to a comment on “" + c.title() + "”"));
        }
      }
    } else if (mayRead.contains(c.ownerId()) && told.add(c.ownerId())) {
      out.add(notice(c, c.ownerId(), "comment", c.authorName() + " commented on your " + c.what() + " “" + c.title() + "”"));
    }
    return out;
  }

  private static Notice notice(Commented c, long recipient, String kind, String text) {
    return new Notice(recipient, c.workspaceId(), Level.DIRECT, kind, 0, c.authorId(), text, "", c.link());
  }
}
