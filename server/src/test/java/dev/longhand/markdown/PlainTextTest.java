package dev.longhand.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Markdown as the words a reader sees, for search. */
class PlainTextTest {

  @Test
  void emphasisLinksAndHeadingsLoseTheirSyntax() {
    assertThat(PlainText.of("# Plan\n\nSee the **pricing page** and _this_ [guide](https://example.test \"t\"), ![chart](c.png).\n"))
        .isEqualTo("Plan\nSee the pricing page and this guide, chart.");
  }

  @Test
  void tablesBecomeRowsOfCells() {
    assertThat(PlainText.of("| Plan | Seats |\n| --- | ---: |\n| Pro | 10 |\n| Team | |\n"))
        .isEqualTo("Plan · Seats\nPro · 10\nTeam");
  }

  @Test
  void listsQuotesAndCodeKeepTheirText() {
    assertThat(PlainText.of("- one\n- two `x < y`\n\n> quoted\nline\n\n```java\nint a = 1;\n```\n"))
        .isEqualTo("one\ntwo x < y\nquoted line\nint a = 1;");
  }

  @Test
  void rawHtmlStaysAsTextAndTimesReadInUtc() {
    assertThat(PlainText.of("Paste <b>this</b> at <t:2026-12-01T15:00Z>")).isEqualTo("Paste <b>this</b> at 2026-12-01 15:00 UTC");
  }

  @Test
  void literalTextReadsAsItself() {
    String text = "5 * 3 = _15_ # not a heading [x](y) <b> \\ `c`";
    assertThat(PlainText.of(PlainText.literal(text))).isEqualTo(text);
    assertThat(PlainText.of(PlainText.literal("1. not a list\n- nor this"))).isEqualTo("1. not a list - nor this");
  }
}
