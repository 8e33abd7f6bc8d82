package dev.longhand.ask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Finds asks written in a post: a paragraph that mentions someone and says "by N working day(s)" or "by N working
 * hour(s)" (any case, anywhere in the paragraph) asks each person it mentions. Pure: no I/O, no clock; the handles
 * are not checked here (the service keeps only people who can read the space).
 *
 * <p>Text in code spans, code blocks and links is not read, as for mentions. When a paragraph holds several
 * phrases, a mention takes the first phrase after it, else the last one before it: "@bo by 2 working days,
 * @cy by 4 working hours" asks Bo for 2 days and Cy for 4 hours.
 */
public final class AskPhrases {
  /** The same rule as {@code Markdown}'s mentions: an @handle not inside a word or an email address. */
  private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_@.+-])@([A-Za-z0-9]{1,40})(?![A-Za-z0-9_])");
  private static final Pattern PHRASE = Pattern.compile("\\bby\\s+(\\d{1,3})\\s+working\\s+(days?|hours?)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Parser PARSER = Parser.builder().build();

  private AskPhrases() {}

  /** One ask found in a text: who (a lower-cased handle) and how long. */
  public record Found(String handle, Within within) {}

  /**
   * Cheap test for the write path: false means the text certainly holds no ask phrase, so it need not be parsed.
   * Looks for "working" in any case without allocating.
   */
  public static boolean mayContain(String text) {
    int n = text.length() - 7;
    for (int i = 0; i <= n; i++) {
      char c = text.charAt(i);
      if ((c == 'w' || c == 'W') && text.regionMatches(true, i, "working", 0, 7)) return true;
    }
    return false;
  }

  /** The asks a Markdown text makes, one per handle (the first one wins), in the order written. */
  public static List<Found> find(String markdown) {
    if (!mayContain(markdown) || markdown.indexOf('@') < 0) return List.of();
    Map<String, Within> out = new LinkedHashMap<>();
    PARSER.parse(markdown).accept(new AbstractVisitor() {
      @Override
      public void visit(Paragraph paragraph) {
        StringBuilder text = new StringBuilder();
        collect(paragraph, text);
        read(text.toString(), out);
      }
    });
    List<Found> found = new ArrayList<>();
    out.forEach((handle, within) -> found.add(new Found(handle, within)));
    return found;
  }

  /** The paragraph's readable text: Text nodes outside links and code, line breaks as spaces. */
  private static void collect(Node node, StringBuilder out) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof Text t) {
        out.append(t.getLiteral());
      } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
        out.append(' ');
      } else if (child instanceof Code || child instanceof Link) {
        out.append(' '); // neither a mention nor a phrase, and it separates the words around it
      } else {
        collect(child, out);
      }
    }
  }

  private static void read(String paragraph, Map<String, Within> out) {
    List<int[]> phrases = new ArrayList<>(); // start, amount, 1 for days / 0 for hours
    Matcher p = PHRASE.matcher(paragraph);
    while (p.find()) {
      int amount = Integer.parseInt(p.group(1));
      boolean days = p.group(2).toLowerCase(Locale.ROOT).startsWith("day");
      phrases.add(new int[] {p.start(), amount, days ? 1 : 0});
    }
    if (phrases.isEmpty()) return;
    Matcher m = MENTION.matcher(paragraph);
    while (m.find()) {
      int[] chosen = phrases.getLast();
      for (int[] phrase : phrases) {
        if (phrase[0] > m.start()) {
          chosen = phrase;
          break;
        }
      }
      if (chosen[1] == 0) continue; // "by 0 working days" asks nothing
      Within within = chosen[2] == 1 ? Within.days(chosen[1]) : Within.hours(chosen[1]);
      out.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), within);
    }
  }
}
