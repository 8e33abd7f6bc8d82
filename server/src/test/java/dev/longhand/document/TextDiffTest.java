package dev.longhand.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The diff and the merge on their own: scripts that rebuild the text, lines paired into word changes, clean and conflicting merges. */
class TextDiffTest {
  @Test
  void theScriptIsShortestAndRebuildsTheNewTextForRandomSequences() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      List<Integer> a = randomList(random);
      List<Integer> b = randomList(random);
      List<Myers.Edit> edits = Myers.diff(a, b);
      List<Integer> rebuilt = new ArrayList<>();
      int kept = 0;
      for (Myers.Edit e : edits) {
        if (e.op() == Myers.Op.EQUAL) {
          assertThat(a.get(e.aIndex())).isEqualTo(b.get(e.bIndex()));
          rebuilt.add(a.get(e.aIndex()));
          kept++;
        } else if (e.op() == Myers.Op.INSERT) {
          rebuilt.add(b.get(e.bIndex()));
        }
      }
      assertThat(rebuilt).as("round " + round).isEqualTo(b);
      assertThat(kept).as("kept lines are a longest common subsequence, round " + round).isEqualTo(lcs(a, b));
    }
  }

  @Test
  void textsTooDifferentToTraceAreStillACorrectScript() {
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      a.add(i);
      b.add(i + 100_000);
    }
    a.set(0, -1);
    b.set(0, -1);
    List<Myers.Edit> edits = Myers.diff(a, b);
    assertThat(edits).filteredOn(e -> e.op() == Myers.Op.EQUAL).hasSize(1);
    assertThat(edits).filteredOn(e -> e.op() == Myers.Op.DELETE).hasSize(2999);
    assertThat(edits).filteredOn(e -> e.op() == Myers.Op.INSERT).extracting(e -> b.get(e.bIndex())).isEqualTo(b.subList(1, 3000));
  }

  @Test
  void anEditedLineShowsItsChangedWordsAndNewLinesAreAdded() {
    String before = "# Launch plan\n\nWe ship on Friday after the review.\nSupport is told.\nOld closing line.\n";
    String after = "# Launch plan\n\nWe ship on Monday after the security review.\nSupport is told.\nA new last line.\nAnd another.\n";
    TextDiff.Result diff = TextDiff.compare(before, after);

    TextDiff.Line edited = diff.lines().stream().filter(l -> l.kind() == TextDiff.Kind.CHANGE).findFirst().orElseThrow();
    assertThat(edited.oldNumber()).isEqualTo(3);
    assertThat(edited.newNumber()).isEqualTo(3);
    assertThat(edited.words()).contains(new TextDiff.Words(TextDiff.Kind.DELETE, "Friday"), new TextDiff.Words(TextDiff.Kind.INSERT, "Monday"),
        new TextDiff.Words(TextDiff.Kind.INSERT, " security"));
    assertThat(diff.lines()).filteredOn(l -> l.kind() == TextDiff.Kind.DELETE).extracting(TextDiff.Line::oldText).containsExactly("Old closing line.");
    assertThat(diff.lines()).filteredOn(l -> l.kind() == TextDiff.Kind.INSERT).extracting(TextDiff.Line::newText)
        .containsExactly("A new last line.", "And another.");
    assertThat(diff.stats()).isEqualTo(new TextDiff.Stats(2, 1, 1));

    String html = DiffHtml.render(diff);
    assertThat(html).contains("<del>Friday</del>").contains("<ins>Monday</ins>").contains("<ins> security</ins>");
    assertThat(html).contains("Old closing line.").contains("A new last line.");
  }

  @Test
  void textIsEscapedAndLongUnchangedStretchesFold() {
    StringBuilder before = new StringBuilder();
    for (int i = 1; i <= 40; i++) before.append("Line ").append(i).append('\n');
    String after = before.toString().replace("Line 20\n", "Line 20 <script>alert(1)</script>\n");
    String html = DiffHtml.render(TextDiff.compare(before.toString(), after));
    assertThat(html).contains("&lt;script&gt;").doesNotContain("<script>");
    assertThat(html).contains("16 unchanged lines").contains("17 unchanged lines");
    assertThat(html).doesNotContain(">Line 5<").contains(">Line 17<");
    assertThat(DiffHtml.render(TextDiff.compare("same\n", "same\n"))).contains("No changes to the text.");
  }

  @Test
  void editsOfDifferentLinesMergeCleanly() {
    String base = "intro\nalpha\nbeta\ngamma\ndelta\nend\n";
    String mine = "intro\nalpha changed by me\nbeta\ngamma\ndelta\nend\n";
    String theirs = "intro\nalpha\nbeta\ngamma\ndelta rewritten by them\nend\nan appendix\n";
    ThreeWayMerge.Result merged = ThreeWayMerge.merge(base, mine, theirs, "your edit", "revision 2 by Bo");
    assertThat(merged.clean()).isTrue();
    assertThat(merged.text()).isEqualTo("intro\nalpha changed by me\nbeta\ngamma\ndelta rewritten by them\nend\nan appendix\n");
  }

  @Test
  void editsOfTheSameLineConflictWithBothVersionsMarked() {
    String base = "one\ntwo\nthree\n";
    ThreeWayMerge.Result merged = ThreeWayMerge.merge(base, "one\nTWO mine\nthree\n", "one\ntwo theirs\nthree\n", "your edit", "revision 3 by Bo");
    assertThat(merged.conflicts()).isEqualTo(1);
    assertThat(merged.text()).isEqualTo("one\n<<<<<<< your edit\nTWO mine\n=======\ntwo theirs\n>>>>>>> revision 3 by Bo\nthree\n");
    assertThat(ThreeWayMerge.hasMarkers(merged.text())).isTrue();
    assertThat(ThreeWayMerge.hasMarkers("one\n=======\nthree\n")).isFalse();

    assertThat(ThreeWayMerge.merge(base, "one\nsame\nthree\n", "one\nsame\nthree\n", "a", "b").text()).isEqualTo("one\nsame\nthree\n");
    assertThat(ThreeWayMerge.merge(base, base + "mine\n", base + "theirs\n", "a", "b").conflicts())
        .as("both adding at the same place is a conflict").isEqualTo(1);
  }

  @Test
  void quotesAreFoundInTheRenderedTextAsWellAsTheSource() {
    String md = "We **ship** on Friday,\nafter the review.";
    String html = "<p>We <strong>ship</strong> on Friday,\nafter the review.</p>";
    assertThat(Quotes.in("ship on friday, after", md, html)).isTrue();
    assertThat(Quotes.in("on Monday", md, html)).isFalse();
  }

  private static List<Integer> randomList(Random random) {
    int n = random.nextInt(30);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(random.nextInt(4));
    return out;
  }

  private static int lcs(List<Integer> a, List<Integer> b) {
    int[][] t = new int[a.size() + 1][b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        t[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
      }
    }
    return t[a.size()][b.size()];
  }
}
