package dev.longhand.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the highlighter's passages into a snippet of HTML: every character of the post escaped,
 * the matched words wrapped in {@code <mark>}, and an ellipsis wherever text was left out. The
 * marks are the only markup in the result, so a page may insert it as it is. The text is the plain
 * text of the post's Markdown, one block a line; on one line of a snippet a line break reads as a
 * space after a sentence and as a middle dot after a heading, list item or table row.
 */
final class SnippetFormatter extends PassageFormatter {
  private static final String ELLIPSIS = "…";

  @Override
  public String format(Passage[] passages, String content) {
    StringBuilder html = new StringBuilder();
    int pos = 0;
    for (Passage passage : passages) {
      int start = passage.getStartOffset();
      if (start > pos) html.append(ELLIPSIS);
      pos = Math.max(pos, start);
      for (int i = 0; i < passage.getNumMatches(); i++) {
        int matchStart = Math.max(pos, passage.getMatchStarts()[i]);
        int matchEnd = passage.getMatchEnds()[i];
        if (matchEnd <= pos) continue;
        escape(html, content, pos, matchStart);
        html.append("<mark>");
        escape(html, content, matchStart, matchEnd);
        html.append("</mark>");
        pos = matchEnd;
      }
      escape(html, content, pos, Math.max(pos, passage.getEndOffset()));
      pos = Math.max(pos, passage.getEndOffset());
    }
    if (passages.length > 0 && pos < content.length()) html.append(ELLIPSIS);
    return html.toString().strip();
  }

  /** Escapes text for an HTML element or a quoted attribute. */
  static void escape(StringBuilder out, String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\n' -> out.append(i > 0 && ".!?:;,…".indexOf(text.charAt(i - 1)) >= 0 ? " " : " · ");
        default -> out.append(c);
      }
    }
  }
}
