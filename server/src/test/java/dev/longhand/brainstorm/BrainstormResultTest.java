package dev.longhand.brainstorm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.markdown.Markdown;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The filed result's Markdown: ranked by dots, ties by text, and an idea's text never acts as Markdown or a mention. */
class BrainstormResultTest {
  final Markdown markdown = new Markdown();
  final Brainstorm b = new Brainstorm(7, 1, 2, 3, "Names *for* the room?", 3, 0, 1, Brainstorm.Phase.CLOSED, Optional.empty(), 0);

  @Test
  void ideasAreRankedByDotsAndTiesByText() {
    var ideas = List.of(new BrainstormStore.StoredIdea(1, null, "beta"), new BrainstormStore.StoredIdea(2, null, "Alpha"),
        new BrainstormStore.StoredIdea(3, null, "gamma"));
    var ranked = BrainstormResult.rank(ideas, Map.of(3L, 2));
    assertThat(ranked).extracting(BrainstormResult.Ranked::text).containsExactly("gamma", "Alpha", "beta");
    String body = BrainstormResult.markdown(b, ranked, 1);
    assertThat(body).contains("3 ideas, 2 dots from 1 person (3 each)", "1. gamma — **2 dots**", "3. beta — **0 dots**", "(/brainstorms/7)");
  }

  @Test
  void anIdeasTextIsShownAsWrittenAndMentionsNoOne() {
    String idea = "@bo ships <b>it</b> by 2 working days, see [this](/spaces/1) `now` *please*";
    String line = BrainstormResult.plain(idea);
    assertThat(markdown.mentionedHandles(line)).isEmpty();
    String html = markdown.toHtml(line, Set.of("bo"));
    assertThat(html).doesNotContain("<a ", "<b>", "<code>", "<em>", "class=\"mention\"");
    assertThat(html.replace("\u2060", "").replace("&#64;", "@").replace("&#96;", "`")).contains("@bo ships &lt;b&gt;it&lt;/b&gt; by 2 working days, see [this](/spaces/1) `now` *please*");
  }
}
