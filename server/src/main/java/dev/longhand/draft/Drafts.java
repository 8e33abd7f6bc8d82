package dev.longhand.draft;

import dev.longhand.store.Pipeline;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Drafts as the writing features see them: a key per composer, and removing a draft once its post is sent, inside the
 * post's own transaction (so a reload after sending never brings the sent text back, and a refused post keeps it).
 * The sent draft's row stays, emptied, with the time it was sent: a save that began before (a composer's save still
 * in flight when the post went, {@code basedOn} older than that) is refused rather than bring the text back.
 *
 * <p>Keys: {@code reply:<threadId>} (a reply), {@code thread:<spaceId>} (a new thread in a space),
 * {@code comment:<documentId>} (a comment on a document). "Send later" shares its composer's key: scheduling is
 * sending. A scheduled post that is published later removes nothing, since by then its author may be writing
 * something new in the same place.
 */
public final class Drafts {
  private static final DraftStore STORE = new DraftStore();

  private Drafts() {}

  /** A post its author sent from the composer under {@code key}, in a workspace, at a time (epoch ms). */
  public record Sent(long authorId, long workspaceId, String key, long at) {}

  public static String replyKey(long threadId) {
    return "reply:" + threadId;
  }

  public static String threadKey(long spaceId) {
    return "thread:" + spaceId;
  }

  public static String commentKey(long documentId) {
    return "comment:" + documentId;
  }

  /** Empties the drafts of posts just sent, noting when, queued on the post's pipeline as one statement however many. */
  public static void sent(Pipeline p, Collection<Sent> sent) {
    STORE.sent(p, List.copyOf(sent));
  }

  /** Empties the draft of a post just sent, noting when, in the caller's transaction. */
  public static void sent(Handle h, Sent sent) {
    STORE.sent(h, sent);
  }
}
