package dev.longhand.document;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a quoted passage is in a revision. A reader selects text in the rendered page, so the
 * passage is looked for in the rendered text as well as in the Markdown source, with runs of
 * white space made single and case ignored (a selection across lines or list items comes back
 * with different breaks). Pure.
 */
final class Quotes {
  static final int MAX = 1000;
  private static final Pattern BLOCK = Pattern.compile("</?(p|li|h[1-6]|br|hr|tr|td|th|pre|blockquote|ul|ol|table|thead|tbody)\\b[^>]*>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private Quotes() {}

  /** The passage as stored: trimmed, white space made single. */
  static String normalize(String quote) {
    return SPACE.matcher(quote).replaceAll(" ").strip();
  }

  static boolean in(String quote, String markdown, String html) {
    String q = fold(quote);
    if (q.isEmpty()) return false;
    return fold(markdown).contains(q) || fold(text(html)).contains(q);
  }

  private static String fold(String s) {
    return normalize(s).toLowerCase(Locale.ROOT);
  }

  /** The text a reader sees in rendered HTML: inline tags dropped, block tags become spaces, entities decoded. */
  static String text(String html) {
    String plain = TAG.matcher(BLOCK.matcher(html).replaceAll(" ")).replaceAll("");
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#34;", "\"").replace("&#39;", "'")
        .replace("&#43;", "+").replace("&#61;", "=").replace("&#64;", "@").replace("&#96;", "`").replace("&amp;", "&");
  }
}
