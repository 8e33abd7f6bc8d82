package dev.longhand.brainstorm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the brainstorm API answers, one record per shape in {@code openapi/brainstorms.json}: ids as strings,
 * instants ISO-8601 UTC, fields that do not apply left out. No shape has a field for who wrote an idea.
 */
final class BrainstormJson {
  private BrainstormJson() {}

  /** {@code Brainstorm}: the brainstorm as the reader sees it in its phase. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Detail(String id, String threadId, String prompt, String phase, String ideasUntil, String votesUntil, int dots,
                Integer dotsLeft, int ideaCount, List<Idea> ideas, String replyId, String url) {
    static Detail of(Brainstorm.View v) {
      Brainstorm b = v.brainstorm();
      return new Detail(String.valueOf(b.id()), String.valueOf(b.threadId()), b.prompt(), b.phase().key(), instant(b.ideasUntil()),
          instant(b.votesUntil()), b.dots(), v.dotsLeft().orElse(null), v.ideaCount(), v.ideas().stream().map(Idea::of).toList(),
          b.replyId().map(String::valueOf).orElse(null), b.path());
    }
  }

  /** {@code BrainstormIdea}: {@code votes} once closed, {@code myDots} during voting. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Idea(String id, String text, Integer votes, boolean mine, Integer myDots) {
    static Idea of(Brainstorm.Idea i) {
      return new Idea(String.valueOf(i.id()), i.text(), i.votes().orElse(null), i.mine(), i.myDots().orElse(null));
    }
  }

  private static String instant(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
