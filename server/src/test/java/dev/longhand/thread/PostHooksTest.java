package dev.longhand.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/** Several features hook posts: each is asked in order, and what they say is put together. */
class PostHooksTest {
  private final List<String> calls = new ArrayList<>();

  @Test
  void aPostConcernsTheHooksWhenItConcernsAny() {
    PostHooks both = PostHooks.all(List.of(hook("asks", "by 2 working days"), hook("polls", "poll:")));

    assertThat(both.concerns("answer by 2 working days", Optional.empty())).isTrue();
    assertThat(both.concerns("poll: lunch?", Optional.empty())).isTrue();
    assertThat(both.concerns("just a reply", Optional.empty())).isFalse();
  }

  @Test
  void everyHookRunsAfterThePostAndTheirAnswersAndNotesAreJoined() {
    PostHooks both = PostHooks.all(List.of(hook("asks", "x"), hook("polls", "y")));

    both.afterPost(null, null);
    Map<String, Object> answer = both.answer(null, 1, 2);
    List<PostHooks.Note> notes = both.notes(null, 1, null);
    Set<PostHooks.Replier> owing = both.owingAnswers(null, List.of(new PostHooks.Replier(1, 2), new PostHooks.Replier(1, 3)));

    assertThat(calls).containsExactly("asks afterPost", "polls afterPost");
    assertThat(answer).containsOnlyKeys("asks", "polls");
    assertThat(notes).extracting(PostHooks.Note::kind).containsExactly("asks", "polls");
    assertThat(owing).containsExactlyInAnyOrder(new PostHooks.Replier(1, 2), new PostHooks.Replier(1, 3));
  }

  @Test
  void oneHookIsCalledAsIfAlone() {
    PostHooks asks = hook("asks", "x");

    assertThat(PostHooks.all(List.of(asks))).isSameAs(asks);
  }

  /** A hook concerned by posts containing {@code marker}; it owes answers for repliers whose account id is its name's length parity. */
  private PostHooks hook(String name, String marker) {
    return new PostHooks() {
      @Override
      public boolean concerns(String body, Optional<Request> request) {
        return body.contains(marker);
      }

      @Override
      public Set<Replier> owingAnswers(Handle h, Collection<Replier> repliers) {
        return Set.copyOf(repliers.stream().filter(r -> r.authorId() % 2 == name.length() % 2).toList());
      }

      @Override
      public void afterPost(Handle h, Written post) {
        calls.add(name + " afterPost");
      }

      @Override
      public Map<String, Object> answer(Handle h, long viewerId, long postId) {
        return Map.of(name, List.of());
      }

      @Override
      public List<Note> notes(Handle h, long viewerId, Thread thread) {
        return List.of(new Note(2, name, name + " note", Optional.empty(), ""));
      }
    };
  }
}
