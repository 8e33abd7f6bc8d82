package dev.longhand.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Prose rendered (or read as plain text) without parsing must be exactly what the full paths make of it, and anything else must take that path. */
class ProseTest {
  private final Markdown markdown = new Markdown();

  @Test
  void aReplyOfPlainSentencesIsRenderedWithoutParsing() {
    String reply = "Reply 12 from client 3. Looks good to me; one note on the rollout plan before we ship it to everyone.";
    assertThat(Prose.toHtml(reply)).contains("<p>" + reply + "</p>\n");
    assertThat(Prose.plainText("One\ntwo\n\n\nThree")).contains("One two\nThree");
    assertThat(Prose.toHtml("It's \"done\" (mostly): 5+5=10, 50% of $3.\n\nSecond paragraph\nsame one"))
        .contains("<p>It&#39;s &#34;done&#34; (mostly): 5&#43;5&#61;10, 50% of $3.</p>\n<p>Second paragraph\nsame one</p>\n");
  }

  @Test
  void markdownLinksMentionsTimesAndBlocksTakeTheFullPath() {
    for (String text : List.of("**bold**", "a_b", "see https://example.test", "www.example.test", "mail mailto:x", "hi @ana",
        "at <t:2026-12-01T15:00Z>", "- item", "1. first", "> quote", "# heading", "    code", "line  \nbreak", "a\\b",
        "a & b", "a | b", "~x~", "[x]", "`c`", "under\n===", "under\n---", "2024 was long", "emoji \uD83D\uDE00", "\ttab",
        "cr\r\nlf", "nul\0")) {
      assertThat(Prose.toHtml(text)).as(text).isEmpty();
    }
  }

  @Test
  void everyLetterRendersAsTheFullPathRendersIt() {
    StringBuilder words = new StringBuilder();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      if (!Character.isLetterOrDigit(c)) continue;
      words.append("A").append(c).append(' ');
      if (words.length() > 600) {
        assertSame(words.toString().strip());
        words.setLength(0);
      }
    }
    assertSame(words.toString().strip());
  }

  @Test
  void randomTextsRenderAlikeOnBothPaths() {
    String alphabet = "abcXYZ019 \n\n\t.,;:?'\"()/%$-+=—–…“”‘’€£é日*_[]<>#&~|!@\\`{}";
    Random random = new Random(42);
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(40);
      for (int k = 0; k < length; k++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String t = text.toString();
      Prose.toHtml(t).ifPresent(html -> {
        assertThat(html).as("%s", t.replace("\n", "\\n")).isEqualTo(markdown.parsed(t, Set.of()));
        assertThat(Prose.plainText(t)).as("%s", t.replace("\n", "\\n")).contains(PlainText.parsed(t));
        taken.add(t);
      });
    }
    assertThat(taken).as("texts the fast path took").hasSizeGreaterThan(500);
  }

  /** Letters below the presentation forms (U+FE70) are prose; every text the fast path takes renders as the full path. */
  private void assertSame(String text) {
    if (text.chars().allMatch(c -> c < 0xFE70)) assertThat(Prose.is(text)).as(text).isTrue();
    Prose.toHtml(text).ifPresent(html -> assertThat(html).as(text).isEqualTo(markdown.parsed(text, Set.of())));
    Prose.plainText(text).ifPresent(plain -> assertThat(plain).as(text).isEqualTo(PlainText.parsed(text)));
  }
}
