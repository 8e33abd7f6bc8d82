package dev.longhand.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A readable diff of two texts: by line, and inside a line that was edited (rather than replaced),
 * by word. Lines removed and added next to each other are paired in order when they still share
 * most of their words; those pairs become {@code change} lines whose words say what changed. Pure.
 */
public final class TextDiff {
  /** Words (letters, digits, underscore), runs of spaces, or any other single character. */
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+|\\s+|.", Pattern.DOTALL);
  /** How much of a pair's text must be kept for it to count as an edit of one line rather than a replacement. */
  private static final double SIMILAR = 0.4;

  public enum Kind {
    EQUAL("equal"), DELETE("delete"), INSERT("insert"), CHANGE("change");

    public final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  /** A piece of a changed line: kept, removed or added words. */
  public record Words(Kind kind, String text) {}

  /**
   * One line of the diff. {@code oldNumber}/{@code newNumber} count from 1 and are 0 on the side
   * where the line does not exist; {@code words} is set for {@code change} lines only.
   */
  public record Line(Kind kind, int oldNumber, int newNumber, String oldText, String newText, List<Words> words) {}

  public record Stats(int added, int removed, int changed) {}

  public record Result(List<Line> lines, Stats stats) {
    public boolean unchanged() {
      return lines.stream().allMatch(l -> l.kind() == Kind.EQUAL);
    }
  }

  private TextDiff() {}

  static List<String> lines(String text) {
    if (text.isEmpty()) return List.of();
    List<String> out = new ArrayList<>(List.of(text.replace("\r\n", "\n").split("\n", -1)));
    if (out.size() > 1 && out.getLast().isEmpty()) out.removeLast(); // a final newline ends the last line
    return out;
  }

  static Result compare(String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Myers.Edit> edits = Myers.diff(a, b);
    List<Line> out = new ArrayList<>();
    List<Integer> removed = new ArrayList<>();
    List<Integer> added = new ArrayList<>();
    for (Myers.Edit e : edits) {
      if (e.op() == Myers.Op.EQUAL) {
        flush(a, b, removed, added, out);
        out.add(new Line(Kind.EQUAL, e.aIndex() + 1, e.bIndex() + 1, a.get(e.aIndex()), b.get(e.bIndex()), List.of()));
      } else if (e.op() == Myers.Op.DELETE) {
        removed.add(e.aIndex());
      } else {
        added.add(e.bIndex());
      }
    }
    flush(a, b, removed, added, out);
    int plus = 0;
    int minus = 0;
    int changed = 0;
    for (Line l : out) {
      switch (l.kind()) {
        case INSERT -> plus++;
        case DELETE -> minus++;
        case CHANGE -> changed++;
        default -> { }
      }
    }
    return new Result(out, new Stats(plus, minus, changed));
  }

  /** One run of removed and added lines between kept ones: pairs that are edits, then what was simply removed or added. */
  private static void flush(List<String> a, List<String> b, List<Integer> removed, List<Integer> added, List<Line> out) {
    int pairs = Math.min(removed.size(), added.size());
    List<Line> gone = new ArrayList<>();
    List<Line> come = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      String oldText = a.get(removed.get(i));
      String newText = b.get(added.get(i));
      List<Words> words = words(oldText, newText);
      if (similar(words, oldText, newText)) {
        out.addAll(gone);
        out.addAll(come);
        gone.clear();
        come.clear();
        out.add(new Line(Kind.CHANGE, removed.get(i) + 1, added.get(i) + 1, oldText, newText, words));
      } else {
        gone.add(deleted(a, removed.get(i)));
        come.add(inserted(b, added.get(i)));
      }
    }
    for (int i = pairs; i < removed.size(); i++) gone.add(deleted(a, removed.get(i)));
    for (int i = pairs; i < added.size(); i++) come.add(inserted(b, added.get(i)));
    out.addAll(gone);
    out.addAll(come);
    removed.clear();
    added.clear();
  }

  private static Line deleted(List<String> a, int i) {
    return new Line(Kind.DELETE, i + 1, 0, a.get(i), null, List.of());
  }

  private static Line inserted(List<String> b, int j) {
    return new Line(Kind.INSERT, 0, j + 1, null, b.get(j), List.of());
  }

  /** The words of two versions of a line, kept, removed and added, in reading order; neighbours of one kind are joined. */
  static List<Words> words(String before, String after) {
    List<String> a = tokens(before);
    List<String> b = tokens(after);
    List<Words> out = new ArrayList<>();
    for (Myers.Edit e : Myers.diff(a, b)) {
      Kind kind = switch (e.op()) {
        case EQUAL -> Kind.EQUAL;
        case DELETE -> Kind.DELETE;
        case INSERT -> Kind.INSERT;
      };
      String text = e.op() == Myers.Op.INSERT ? b.get(e.bIndex()) : a.get(e.aIndex());
      if (!out.isEmpty() && out.getLast().kind() == kind) {
        out.set(out.size() - 1, new Words(kind, out.getLast().text() + text));
      } else {
        out.add(new Words(kind, text));
      }
    }
    return out;
  }

  static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(line);
    while (m.find()) out.add(m.group());
    return out;
  }

  private static boolean similar(List<Words> words, String before, String after) {
    int kept = 0;
    for (Words w : words) if (w.kind() == Kind.EQUAL && !w.text().isBlank()) kept += w.text().strip().length();
    int longest = Math.max(before.strip().length(), after.strip().length());
    return longest == 0 || kept >= SIMILAR * longest;
  }
}
