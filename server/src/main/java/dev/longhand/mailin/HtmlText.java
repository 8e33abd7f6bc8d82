package dev.longhand.mailin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.owasp.html.HtmlSanitizer;

/**
 * The text of an HTML-only mail, for a reply: paragraphs and line breaks kept, links as Markdown links, and what mail
 * programs mark as quoted or as signature left out: Gmail's {@code gmail_quote} and {@code gmail_signature}, Apple
 * Mail's and Thunderbird's {@code <blockquote>}, Thunderbird's {@code moz-cite-prefix} and {@code moz-signature},
 * Yahoo's {@code yahoo_quoted}, Proton's {@code protonmail_quote}; Outlook's {@code divRplyFwdMsg} and
 * {@code appendonsend} end the reply (the quoted mail follows them, outside them). The OWASP sanitizer's HTML lexer
 * reads the markup (balanced, entities decoded); the text then goes through {@link ReplyText} like any other.
 */
final class HtmlText {
  private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title", "template", "blockquote");
  private static final Set<String> QUOTE_CLASSES = Set.of("gmail_quote", "gmail_signature", "gmail_extra", "yahoo_quoted",
      "moz-cite-prefix", "moz-signature", "protonmail_quote", "ms-outlook-mobile-signature");
  private static final Set<String> END_IDS = Set.of("divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container");
  private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table",
      "ul", "ol", "section", "article", "header", "footer", "hr", "dl", "dt", "dd");
  private static final Set<String> VOID = Set.of("br", "hr", "img", "meta", "link", "input", "col", "wbr", "area", "base", "source");

  private HtmlText() {}

  static String text(String html) {
    Converter c = new Converter();
    HtmlSanitizer.sanitize(html, c);
    return c.out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }

  private static final class Converter implements HtmlSanitizer.Policy {
    final StringBuilder out = new StringBuilder();
    /** Open elements, each marked whether its content is left out. */
    private final Deque<Boolean> skipping = new ArrayDeque<>();
    private final Deque<String> hrefs = new ArrayDeque<>();
    private final StringBuilder linkText = new StringBuilder();
    private boolean ended;
    private int pre;

    private boolean skipped() {
      return ended || skipping.contains(Boolean.TRUE);
    }

    @Override
    public void openDocument() {}

    @Override
    public void closeDocument() {}

    @Override
    public void openTag(String name, List<String> attrs) {
      String el = name.toLowerCase(Locale.ROOT);
      String cls = "";
      String id = "";
      String href = null;
      for (int i = 0; i + 1 < attrs.size(); i += 2) {
        switch (attrs.get(i).toLowerCase(Locale.ROOT)) {
          case "class" -> cls = attrs.get(i + 1);
          case "id" -> id = attrs.get(i + 1).toLowerCase(Locale.ROOT);
          case "href" -> href = attrs.get(i + 1);
          default -> { }
        }
      }
      if (END_IDS.contains(id)) ended = true;
      boolean skip = SKIPPED.contains(el) || java.util.Arrays.stream(cls.split("\\s+")).anyMatch(QUOTE_CLASSES::contains);
      if (!skipped()) {
        if (el.equals("br")) out.append('\n');
        else if (BLOCKS.contains(el)) newline(el.equals("p") || el.equals("table") || el.equals("pre"));
        if (el.equals("li")) out.append("- ");
        if (el.equals("pre")) pre++;
        if (el.equals("a") && href != null && href.matches("(?i)(https?|mailto):.*")) {
          hrefs.push(href);
          linkText.setLength(0);
        }
      }
      if (!VOID.contains(el)) skipping.push(skip);
    }

    @Override
    public void closeTag(String name) {
      String el = name.toLowerCase(Locale.ROOT);
      if (VOID.contains(el)) return;
      if (!skipping.isEmpty()) skipping.pop();
      if (skipped()) return;
      if (el.equals("a") && !hrefs.isEmpty()) {
        String href = hrefs.pop();
        String words = linkText.toString().strip();
        String bare = href.replaceFirst("(?i)^mailto:", "");
        boolean intact = out.length() >= linkText.length() && out.substring(out.length() - linkText.length()).contentEquals(linkText);
        if (intact && !words.isEmpty() && !words.equals(href) && !words.equals(bare)) {
          out.setLength(out.length() - linkText.length());
          out.append('[').append(words).append("](").append(href).append(')');
        }
      }
      if (el.equals("pre")) pre = Math.max(0, pre - 1);
      if (BLOCKS.contains(el)) newline(el.equals("p") || el.equals("table") || el.equals("pre"));
    }

    @Override
    public void text(String text) {
      if (skipped()) return;
      String t = pre > 0 ? text : text.replaceAll("\\s+", " ");
      if (pre == 0 && (out.isEmpty() || out.charAt(out.length() - 1) == '\n')) t = t.stripLeading();
      out.append(t);
      if (!hrefs.isEmpty()) linkText.append(t);
    }

    private void newline(boolean paragraph) {
      if (out.isEmpty()) return;
      if (out.charAt(out.length() - 1) != '\n') out.append('\n');
      if (paragraph && (out.length() < 2 || out.charAt(out.length() - 2) != '\n')) out.append('\n');
    }
  }
}
