package dev.longhand.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Most replies are prose: sentences and paragraphs with no Markdown in them. For those, the HTML the full path makes
 * (CommonMark, then the sanitiser) is known without parsing: each run of lines is a paragraph, its text escaped as the
 * sanitiser escapes it. Rendering them here costs a scan instead of a parse and a sanitising pass, which was an eighth of
 * a reply's CPU. Anything that could mean more than prose takes the full path: a character Markdown, autolinks,
 * mentions or times give meaning to anywhere, a line that could open a block (a list, a quote, a heading, code), a line
 * that ends in white space (a hard break). {@code ProseTest} holds the two paths to the same output.
 */
final class Prose {
  private Prose() {}

  /** Punctuation that means nothing to Markdown wherever it stands; the full path escapes some of it (see below). */
  private static final String PLAIN_PUNCTUATION = ".,;:?'\"()/%$-+=\u2014\u2013\u2026\u201c\u201d\u2018\u2019\u20ac\u00a3";

  /** Whether a text is only prose: then {@link #toHtml} and {@link #plainText} give what the full paths would. */
  static boolean is(String text) {
    int n = text.length();
    if (n > 20_000 || mayLink(text)) return false;
    for (int start = 0; start < n; ) {
      int end = text.indexOf('\n', start);
      if (end < 0) end = n;
      if (end > start && !plainLine(text, start, end)) return false;
      start = end + 1;
    }
    return true;
  }

  /** The safe HTML of a text that is only prose, or empty when it may be more (the caller then takes the full path). */
  static Optional<String> toHtml(String text) {
    if (!is(text)) return Optional.empty();
    StringBuilder html = new StringBuilder(text.length() + 32);
    for (List<String> paragraph : paragraphs(text)) {
      html.append("<p>");
      for (int i = 0; i < paragraph.size(); i++) {
        if (i > 0) html.append('\n');
        escapeOnto(html, paragraph.get(i));
      }
      html.append("</p>\n");
    }
    return Optional.of(html.toString());
  }

  /** The words of a text that is only prose, as {@link PlainText#of} reads them: a paragraph a line; else empty. */
  static Optional<String> plainText(String text) {
    if (!is(text)) return Optional.empty();
    StringBuilder plain = new StringBuilder(text.length());
    for (List<String> paragraph : paragraphs(text)) {
      if (!plain.isEmpty()) plain.append('\n');
      plain.append(String.join(" ", paragraph));
    }
    return Optional.of(plain.toString());
  }

  /** Runs of non-empty lines. */
  private static List<List<String>> paragraphs(String text) {
    List<List<String>> paragraphs = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        current.add(line);
      } else if (!current.isEmpty()) {
        paragraphs.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) paragraphs.add(current);
    return paragraphs;
  }

  /** Words the autolink extension turns into links. */
  private static boolean mayLink(String text) {
    return text.contains("://") || text.regionMatches(true, 0, "www.", 0, 4) || containsIgnoreCase(text, "www.")
        || containsIgnoreCase(text, "mailto:");
  }

  private static boolean containsIgnoreCase(String text, String word) {
    for (int i = 0; i + word.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, word, 0, word.length())) return true;
    }
    return false;
  }

  /** A line that can only be text in a paragraph: it opens no block, ends in no break, and holds only plain characters. */
  private static boolean plainLine(String text, int start, int end) {
    char first = text.charAt(start);
    if (!Character.isLetter(first) && "\"'(\u201c\u2018$\u20ac\u00a3".indexOf(first) < 0) return false;
    char last = text.charAt(end - 1);
    if (last == ' ' || last == '\t') return false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      // from U+FE70 on (presentation and half- or full-width forms) the sanitiser writes letters as references
      if (c == ' ' || c == '\t' || c < '\uFE70' && Character.isLetterOrDigit(c)) continue;
      if (PLAIN_PUNCTUATION.indexOf(c) < 0) return false;
    }
    return true;
  }

  /** Escapes as the sanitiser writes text: quotes, and the signs it encodes in case the text lands in an attribute. */
  private static void escapeOnto(StringBuilder html, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\'' -> html.append("&#39;");
        case '"' -> html.append("&#34;");
        case '+' -> html.append("&#43;");
        case '=' -> html.append("&#61;");
        default -> html.append(c);
      }
    }
  }
}
