package dev.longhand.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Slack's mrkdwn as Markdown, and titles from first lines (pure). */
class SlackTextTest {
  private static final Map<String, String> HANDLES = Map.of("U1", "ana", "U2", "bo");
  private static final Map<String, String> CHANNELS = Map.of("C9", "design");

  private static SlackText.Converted convert(String text) {
    return SlackText.convert(text, id -> Optional.ofNullable(HANDLES.get(id)), id -> Optional.ofNullable(CHANNELS.get(id)));
  }

  @Test
  void mentionsBecomeHandlesAndAreCollectedOnlyForKnownPeople() {
    SlackText.Converted c = convert("<@U1> and <@U2|bo> ask <@U7|zed>");
    assertThat(c.markdown()).isEqualTo("@ana and @bo ask @\u2060zed");
    assertThat(c.mentioned()).containsExactly("U1", "U2");
  }

  @Test
  void channelsLinksAndSpecialMentionsReadAsMarkdown() {
    assertThat(convert("see <#C9|design> and <#C9>").markdown()).isEqualTo("see #design and #design");
    assertThat(convert("<https://x.example/a?b=1&amp;c=2|the [draft]>").markdown())
        .isEqualTo("[the \\[draft\\]](<https://x.example/a?b=1&c=2>)");
    assertThat(convert("<https://x.example>").markdown()).isEqualTo("<https://x.example>");
    assertThat(convert("<mailto:a@b.example|a@b.example>").markdown()).isEqualTo("[a@b.example](<mailto:a@b.example>)");
    assertThat(convert("<!here> <!channel> <!subteam^S1|@ops>").markdown()).isEqualTo("@\u2060here @\u2060channel @\u2060ops");
    assertThat(convert("<!date^1392734382^{date}|Feb 18, 2014>").markdown()).isEqualTo("Feb 18, 2014");
  }

  @Test
  void boldAndStrikeChangeOutsideCodeOnlyAndEntitiesAreUnescaped() {
    assertThat(convert("*ship it* ~not yet~ a*b*c 2 * 3").markdown()).isEqualTo("**ship it** ~~not yet~~ a*b*c 2 * 3");
    assertThat(convert("`*raw*` and ```\n*block* <@U1> &lt;tag&gt;\n```").markdown())
        .isEqualTo("`*raw*` and ```\n*block* @ana <tag>\n```");
    assertThat(convert("a &lt; b &amp;&amp; c &gt; d").markdown()).isEqualTo("a < b && c > d");
  }

  @Test
  void titlesAreTheFirstLineInWordsCutAtAWord() {
    assertThat(SlackText.title("\n\n# Launch plan for **Q2**\nmore")).isEqualTo("Launch plan for Q2");
    assertThat(SlackText.title("see [the doc](<https://x.example>) now")).isEqualTo("see the doc now");
    String long_ = "word ".repeat(40);
    String t = SlackText.title(long_);
    assertThat(t).endsWith("word\u2026");
    assertThat(t.length()).isLessThanOrEqualTo(81);
    assertThat(SlackText.title("![shot.png](/files/12)")).isEqualTo("shot.png");
    assertThat(SlackText.title("   ")).isEmpty();
  }
}
