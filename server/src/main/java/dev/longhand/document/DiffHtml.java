package dev.longhand.document;

import java.util.List;

/**
 * A diff as HTML: a unified table of lines with their old and new numbers, removed lines marked
 * {@code -} and added ones {@code +}; inside an edited line the removed words are {@code <del>} and
 * the added ones {@code <ins>}. Long unchanged stretches fold to a few lines of context. Every
 * text is escaped here; the result is safe to show as is.
 */
public final class DiffHtml {
  static final int CONTEXT = 3;

  private DiffHtml() {}

  /** What changed from one text to another, as safe HTML (for other features' histories: edited posts). */
  public static String between(String before, String after) {
    return render(TextDiff.compare(before, after));
  }

  static String render(TextDiff.Result diff) {
    if (diff.unchanged()) return "<p class=\"diff-none\">No changes to the text.</p>";
    List<TextDiff.Line> lines = diff.lines();
    boolean[] shown = new boolean[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).kind() == TextDiff.Kind.EQUAL) continue;
      for (int k = Math.max(0, i - CONTEXT); k <= Math.min(lines.size() - 1, i + CONTEXT); k++) shown[k] = true;
    }
    StringBuilder out = new StringBuilder(4096);
    out.append("<table class=\"diff\"><caption class=\"visually-hidden\">Changes, line by line</caption>")
        .append("<thead><tr><th scope=\"col\">Old</th><th scope=\"col\">New</th><th scope=\"col\"><span class=\"visually-hidden\">Change</span></th>")
        .append("<th scope=\"col\">Text</th></tr></thead><tbody>");
    int i = 0;
    while (i < lines.size()) {
      if (!shown[i]) {
        int from = i;
        while (i < lines.size() && !shown[i]) i++;
        int n = i - from;
        out.append("<tr class=\"diff-fold\"><td colspan=\"4\">").append(n == 1 ? "1 unchanged line" : n + " unchanged lines")
            .append("</td></tr>");
        continue;
      }
      row(out, lines.get(i));
      i++;
    }
    return out.append("</tbody></table>").toString();
  }

  private static void row(StringBuilder out, TextDiff.Line l) {
    switch (l.kind()) {
      case EQUAL -> tr(out, "diff-same", l.oldNumber(), l.newNumber(), " ", escape(l.oldText()), "");
      case DELETE -> tr(out, "diff-del", l.oldNumber(), 0, "-", escape(l.oldText()), "removed: ");
      case INSERT -> tr(out, "diff-ins", 0, l.newNumber(), "+", escape(l.newText()), "added: ");
      case CHANGE -> {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (TextDiff.Words w : l.words()) {
          String text = escape(w.text());
          switch (w.kind()) {
            case DELETE -> before.append("<del>").append(text).append("</del>");
            case INSERT -> after.append("<ins>").append(text).append("</ins>");
            default -> {
              before.append(text);
              after.append(text);
            }
          }
        }
        tr(out, "diff-del diff-edited", l.oldNumber(), 0, "-", before.toString(), "before: ");
        tr(out, "diff-ins diff-edited", 0, l.newNumber(), "+", after.toString(), "after: ");
      }
    }
  }

  private static void tr(StringBuilder out, String css, int oldNo, int newNo, String mark, String html, String spoken) {
    out.append("<tr class=\"").append(css).append("\"><td class=\"diff-no\">").append(oldNo == 0 ? "" : oldNo)
        .append("</td><td class=\"diff-no\">").append(newNo == 0 ? "" : newNo)
        .append("</td><td class=\"diff-mark\" aria-hidden=\"true\">").append(mark).append("</td><td class=\"diff-text\">");
    if (!spoken.isEmpty()) out.append("<span class=\"visually-hidden\">").append(spoken).append("</span>");
    out.append(html).append("</td></tr>");
  }

  static String escape(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
