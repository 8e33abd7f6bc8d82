package dev.longhand.brainstorm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The result of a brainstorm as Markdown, the body of the reply filed in its thread: the prompt, the ideas ranked by
 * their dots (ties by text), and a link to the brainstorm. Ideas are plain text: Markdown in them is escaped and an
 * "@" cannot make a mention or an ask, so an anonymous idea never speaks in the starter's name.
 */
final class BrainstormResult {
  /** Far below a reply's limit, so the filed reply is never refused for its length. */
  static final int MAX_BODY = 40_000;

  private BrainstormResult() {}

  /** An idea with its dots, as ranked. */
  record Ranked(long id, String text, int votes) {}

  static List<Ranked> rank(List<BrainstormStore.StoredIdea> ideas, Map<Long, Integer> tally) {
    List<Ranked> ranked = new ArrayList<>();
    for (var i : ideas) ranked.add(new Ranked(i.id(), i.body(), tally.getOrDefault(i.id(), 0)));
    ranked.sort(Comparator.comparingInt(Ranked::votes).reversed().thenComparing(Ranked::text, String.CASE_INSENSITIVE_ORDER)
        .thenComparingLong(Ranked::id));
    return ranked;
  }

  static String markdown(Brainstorm b, List<Ranked> ranked, int voters) {
    StringBuilder out = new StringBuilder();
    out.append("**Brainstorm result:** ").append(plain(b.prompt())).append("\n\n");
    if (ranked.isEmpty()) {
      out.append("No ideas were given before the idea phase ended.\n\n");
    } else {
      int dots = ranked.stream().mapToInt(Ranked::votes).sum();
      out.append(ranked.size()).append(ranked.size() == 1 ? " idea, " : " ideas, ").append(dots).append(dots == 1 ? " dot" : " dots")
          .append(" from ").append(voters).append(voters == 1 ? " person" : " people").append(" (")
          .append(b.dots()).append(" each). Ranked by dots; who wrote which idea is not recorded.\n\n");
      int shown = 0;
      for (Ranked r : ranked) {
        String line = (shown + 1) + ". " + plain(r.text()) + " — **" + r.votes() + (r.votes() == 1 ? " dot**" : " dots**") + "\n";
        if (out.length() + line.length() > MAX_BODY) break;
        out.append(line);
        shown++;
      }
      if (shown < ranked.size()) out.append("\n…and ").append(ranked.size() - shown).append(" more on the brainstorm's page.\n");
      out.append('\n');
    }
    out.append("[The brainstorm](").append(b.path()).append(")\n");
    return out.toString();
  }

  /**
   * Text shown as written: one line, Markdown's inline punctuation escaped, and a word joiner after each "@" so
   * that no handle in an idea becomes a mention (or an ask) of the starter's.
   */
  static String plain(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    StringBuilder out = new StringBuilder(line.length() + 8);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ("\\`*_[]<>!|~#&".indexOf(c) >= 0) out.append('\\');
      out.append(c);
      if (c == '@') out.append('\u2060');
    }
    return out.toString();
  }
}
