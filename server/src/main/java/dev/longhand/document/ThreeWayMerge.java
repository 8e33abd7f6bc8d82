package dev.longhand.document;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges two edits of the same base text, line by line, as diff3 does: where only one side changed
 * a stretch of the base, its change is taken; where both changed it the same way, once; where both
 * changed it differently (or both added lines at the same place) the stretch is a conflict, written
 * with both versions between the usual markers so the writer can settle it in the editor. Pure.
 */
final class ThreeWayMerge {
  static final String OURS = "<<<<<<< ";
  static final String SEPARATOR = "=======";
  static final String THEIRS = ">>>>>>> ";

  /** The merged text; {@code conflicts} counts the stretches written with markers (0 when it merged cleanly). */
  record Result(String text, int conflicts) {
    boolean clean() {
      return conflicts == 0;
    }
  }

  /** A stretch of the base, [start, end), that one side replaced with {@code lines}. */
  private record Hunk(int start, int end, List<String> lines) {}

  private ThreeWayMerge() {}

  static Result merge(String base, String ours, String theirs, String oursLabel, String theirsLabel) {
    List<String> b = TextDiff.lines(base);
    List<String> o = TextDiff.lines(ours);
    List<String> t = TextDiff.lines(theirs);
    List<Hunk> mine = hunks(b, o);
    List<Hunk> other = hunks(b, t);
    List<String> out = new ArrayList<>();
    int conflicts = 0;
    int pos = 0;
    int i = 0;
    int j = 0;
    while (i < mine.size() || j < other.size()) {
      boolean takeMine = j >= other.size() || (i < mine.size() && mine.get(i).start() <= other.get(j).start());
      Hunk first = takeMine ? mine.get(i++) : other.get(j++);
      int start = first.start();
      int end = first.end();
      List<Hunk> groupMine = new ArrayList<>();
      List<Hunk> groupOther = new ArrayList<>();
      (takeMine ? groupMine : groupOther).add(first);
      boolean grew = true;
      while (grew) {
        grew = false;
        if (i < mine.size() && touches(mine.get(i), start, end)) {
          end = Math.max(end, mine.get(i).end());
          groupMine.add(mine.get(i++));
          grew = true;
        }
        if (j < other.size() && touches(other.get(j), start, end)) {
          end = Math.max(end, other.get(j).end());
          groupOther.add(other.get(j++));
          grew = true;
        }
      }
      out.addAll(b.subList(pos, start));
      List<String> oursText = apply(b, start, end, groupMine);
      List<String> theirsText = apply(b, start, end, groupOther);
      if (groupOther.isEmpty()) {
        out.addAll(oursText);
      } else if (groupMine.isEmpty() || oursText.equals(theirsText)) {
        out.addAll(theirsText);
      } else {
        conflicts++;
        out.add(OURS + oursLabel);
        out.addAll(oursText);
        out.add(SEPARATOR);
        out.addAll(theirsText);
        out.add(THEIRS + theirsLabel);
      }
      pos = end;
    }
    out.addAll(b.subList(pos, b.size()));
    boolean finalNewline = (ours.endsWith("\n") || theirs.endsWith("\n")) && !out.isEmpty();
    return new Result(String.join("\n", out) + (finalNewline ? "\n" : ""), conflicts);
  }

  /** Whether a hunk overlaps the stretch [start, end) or both add lines at the same place. */
  private static boolean touches(Hunk h, int start, int end) {
    if (h.start() < end) return true;
    return h.start() == end && (h.start() == h.end() || start == end);
  }

  /** The stretch [start, end) of the base as one side left it. */
  private static List<String> apply(List<String> base, int start, int end, List<Hunk> hunks) {
    List<String> out = new ArrayList<>();
    int pos = start;
    for (Hunk h : hunks) {
      out.addAll(base.subList(pos, h.start()));
      out.addAll(h.lines());
      pos = h.end();
    }
    out.addAll(base.subList(pos, end));
    return out;
  }

  /** The stretches of the base that {@code edited} replaced, in order. */
  private static List<Hunk> hunks(List<String> base, List<String> edited) {
    List<Hunk> out = new ArrayList<>();
    int start = -1;
    int end = -1;
    List<String> lines = new ArrayList<>();
    for (Myers.Edit e : Myers.diff(base, edited)) {
      if (e.op() == Myers.Op.EQUAL) {
        if (start >= 0) out.add(new Hunk(start, end, List.copyOf(lines)));
        start = -1;
        lines.clear();
        continue;
      }
      if (start < 0) {
        start = e.aIndex();
        end = e.aIndex();
      }
      if (e.op() == Myers.Op.DELETE) {
        end = e.aIndex() + 1;
      } else {
        lines.add(edited.get(e.bIndex()));
      }
    }
    if (start >= 0) out.add(new Hunk(start, end, List.copyOf(lines)));
    return out;
  }

  /** Whether a text still holds conflict markers this merge wrote (a line starting each of the three). */
  static boolean hasMarkers(String text) {
    boolean ours = false;
    boolean separator = false;
    for (String line : TextDiff.lines(text)) {
      if (line.startsWith(OURS)) ours = true;
      else if (ours && line.equals(SEPARATOR)) separator = true;
      else if (separator && line.startsWith(THEIRS)) return true;
    }
    return false;
  }
}
