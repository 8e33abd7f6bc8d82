package dev.longhand.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Excerpts keep a post's links (an image as a link to its file, under its alt text) and only safe addresses. */
class ExcerptTest {
  @Test
  void theSameTextMadeAgainGivesTheSameExcerptAndAnotherLengthItsOwn() {
    String text = "The rollout plan for the client, week by week, with the budget and the risks we see today.";
    Excerpt first = Excerpt.of(text, 30);
    assertThat(Excerpt.of(text, 30)).isEqualTo(first);
    assertThat(Excerpt.of(text, 200).text()).isEqualTo(text);
    assertThat(Excerpt.of(text, 30).text()).isNotEqualTo(text).endsWith("…");
  }

  @Test
  void linksAndImagesStayLinksBesideTheWords() {
    Excerpt e = Excerpt.of("See **this**:\n\n![screen.png](/files/12)\n\nand [the plan](/threads/3) or [docs](https://example.test/a).");
    assertThat(e.text()).isEqualTo("See this: screen.png and the plan or docs.");
    assertThat(e.parts()).containsExactly(new Excerpt.Part("See this: ", ""), new Excerpt.Part("screen.png", "/files/12"),
        new Excerpt.Part(" and ", ""), new Excerpt.Part("the plan", "/threads/3"), new Excerpt.Part(" or ", ""),
        new Excerpt.Part("docs", "https://example.test/a"), new Excerpt.Part(".", ""));
  }

  @Test
  void anUnsafeOrProtocolRelativeAddressKeepsOnlyItsWords() {
    Excerpt e = Excerpt.of("[click](javascript:alert(1)) and [far](//evil.test/x) and ![](/files/9)");
    assertThat(e.parts()).containsExactly(new Excerpt.Part("click and far and ", ""), new Excerpt.Part("image", "/files/9"));
  }

  @Test
  void aLongExcerptIsCutAtAWordAndALinkIsKeptWholeOrLeftOut() {
    String words = "word ".repeat(40);
    Excerpt cut = Excerpt.of(words + "[a link that would not fit](/threads/1) and more", 220);
    assertThat(cut.text()).endsWith("…").hasSizeLessThanOrEqualTo(220);
    assertThat(cut.parts()).noneMatch(Excerpt.Part::isLink);
    Excerpt kept = Excerpt.of("Short [link](/threads/1) " + words, 60);
    assertThat(kept.parts().get(1)).isEqualTo(new Excerpt.Part("link", "/threads/1"));
    assertThat(kept.text()).endsWith("word…").hasSizeLessThanOrEqualTo(60);
  }

  @Test
  void tablesReadAsCellsAndEmptyTextIsEmpty() {
    assertThat(Excerpt.of("| Plan | Seats |\n|---|---|\n| Team | 50 |").text()).isEqualTo("Plan · Seats; Team · 50");
    assertThat(Excerpt.of("  ").isEmpty()).isTrue();
    assertThat(Excerpt.of("a\uE0000\uE001b").parts()).isEqualTo(List.of(new Excerpt.Part("a0b", "")));
  }
}
