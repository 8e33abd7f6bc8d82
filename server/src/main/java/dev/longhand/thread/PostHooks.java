package dev.longhand.thread;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What other features do when a post is written (asks), inside the post's own transaction, and what they show
 * beside posts. The thread package calls it and knows nothing of the features behind it, so there is no package
 * cycle. Posts are the hot path: {@link #concerns} must be cheap, {@link #owingAnswers} one short indexed read made
 * beside the posts' other reads, and {@link #afterPost} costs nothing when both are false.
 */
public interface PostHooks {

  /** A request the composer's ask control or the API's {@code ask} field attached to a post, as given; checked by the hooks. */
  record Request(String assignee, String within) {}

  /**
   * A post just written, inside its transaction: the thread, the post's id, its readers, any explicit request, and
   * whether {@link #owingAnswers} found something for the reply to answer.
   */
  record Written(Thread thread, long postId, boolean opening, long authorId, String body, long at, List<Long> readers,
                 Optional<Request> request, boolean owesAnswer) {}

  /** A line under a post (an ask and its deadline), with an optional button that posts to {@code actionPath}. */
  record Note(long postId, String kind, String text, Optional<String> actionPath, String actionLabel) {}

  /** True when the post may need more than the cheap path: the body names a working-time deadline, or a request is given. */
  boolean concerns(String body, Optional<Request> request);

  /** Someone replying in a thread. */
  record Replier(long threadId, long authorId) {}

  /**
   * Read before replies' transaction, beside their audience: those of the repliers who have something open in their
   * thread that a reply answers (an ask of them). Something opened between this read and the write stays open, as if
   * it came just after the reply, which was written without seeing it.
   */
  Set<Replier> owingAnswers(Handle h, Collection<Replier> repliers);

  /** Runs in the post's transaction, once its rows and its event are written; throwing a {@code Problem} rolls the post back. */
  void afterPost(Handle h, Written post);

  /**
   * Runs in the transaction that deletes posts: a reply ({@code postIds} is that reply), or a whole thread
   * ({@code wholeThread}; {@code postIds} are the thread and its replies). Whatever hangs off them ends there (an
   * open ask is withdrawn), so nobody is nudged about a post nobody can read any more.
   */
  default void postsDeleted(Handle h, Thread thread, boolean wholeThread, Collection<Long> postIds, long at) {}

  /** Extra fields for the writer's API answer, e.g. {@code asks}; empty when the post made nothing. */
  Map<String, Object> answer(Handle h, long viewerId, long postId);

  /** The notes under a thread's posts for a reader who may read the thread. */
  List<Note> notes(Handle h, long viewerId, Thread thread);

  /**
   * Several features' hooks as one, in order: a post concerns them when it concerns any, each is asked only about
   * the posts that concern it where that is known, answers and notes are put together. One hook is called exactly
   * as if it were alone, so the reply path costs what it did.
   */
  static PostHooks all(List<PostHooks> hooks) {
    List<PostHooks> list = List.copyOf(hooks);
    if (list.size() == 1) return list.getFirst();
    return new PostHooks() {
      @Override
      public boolean concerns(String body, Optional<Request> request) {
        for (PostHooks p : list) if (p.concerns(body, request)) return true;
        return false;
      }

      @Override
      public Set<Replier> owingAnswers(Handle h, Collection<Replier> repliers) {
        Set<Replier> owing = new HashSet<>();
        for (PostHooks p : list) owing.addAll(p.owingAnswers(h, repliers));
        return owing;
      }

      @Override
      public void afterPost(Handle h, Written post) {
        for (PostHooks p : list) p.afterPost(h, post);
      }

      @Override
      public void postsDeleted(Handle h, Thread thread, boolean wholeThread, Collection<Long> postIds, long at) {
        for (PostHooks p : list) p.postsDeleted(h, thread, wholeThread, postIds, at);
      }

      @Override
      public Map<String, Object> answer(Handle h, long viewerId, long postId) {
        Map<String, Object> answer = new LinkedHashMap<>();
        for (PostHooks p : list) answer.putAll(p.answer(h, viewerId, postId));
        return answer;
      }

      @Override
      public List<Note> notes(Handle h, long viewerId, Thread thread) {
        List<Note> notes = new ArrayList<>();
        for (PostHooks p : list) notes.addAll(p.notes(h, viewerId, thread));
        return notes;
      }
    };
  }
}
