package dev.longhand.signal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every threshold and lexicon of the escalation signals, in one place (and pinned by {@code SignalRulesTest}).
 * Lexicons are plain lists of words and phrases, matched whole-word and case-insensitively in a post's prose (code
 * and quoted lines are skipped), so each signal can say exactly which words it found.
 */
public final class SignalRules {
  private SignalRules() {}

  // The kinds of signal, as the API names them.
  public static final String FAST = "fast-back-and-forth";
  public static final String OPEN_QUESTIONS = "open-questions";
  public static final String NO_CONVERGENCE = "no-convergence";
  public static final String HEATED = "heated-tone";
  public static final String BRAINSTORMING = "brainstorming";
  public static final String CRISIS = "crisis";

  /** The last posts the rules read: older ones no longer say how the thread is going. */
  public static final int POSTS_READ = 100;

  /** Fast back-and-forth: a run of posts within this much working time (of whoever in it worked the most)... */
  public static final Duration FAST_SPAN = Duration.ofMinutes(45);
  /** ...between at most this many people... */
  public static final int FAST_MAX_PEOPLE = 3;
  /** ...changing hands at least this often; the score is full at {@link #FAST_FULL_TURNS}. */
  public static final int FAST_MIN_TURNS = 4;
  public static final int FAST_FULL_TURNS = 6;

  /** Each question nobody else answered later adds this much, up to {@link #QUESTIONS_MAX}. */
  public static final double PER_QUESTION = 0.2;
  public static final double QUESTIONS_MAX = 0.6;
  /** Each ask past its due time adds this much; questions and asks together are at most 1. */
  public static final double PER_OVERDUE_ASK = 0.4;

  /** No convergence: unresolved, with posts on at least this many of the author's working days, and this many posts. */
  public static final int NO_CONVERGENCE_DAYS = 3;
  public static final int NO_CONVERGENCE_POSTS = 6;
  /** The score at {@link #NO_CONVERGENCE_DAYS}, and what each further day adds. */
  public static final double NO_CONVERGENCE_BASE = 0.4;
  public static final double NO_CONVERGENCE_PER_DAY = 0.2;

  /** Each heated word found adds this much (four make it full). */
  public static final double PER_HEATED_WORD = 0.25;
  /** Each brainstorming phrase adds this much (five make it full). */
  public static final double PER_BRAINSTORM_PHRASE = 0.2;
  /** Each distinct crisis word adds this much (two make it full). */
  public static final double PER_CRISIS_WORD = 0.6;

  /** The thread suggests going synchronous when the signals not heard yet add up to this. */
  public static final double SUGGEST_AT = 1.0;
  /** A signal dismissed or answered comes back only this much stronger than it was then. */
  public static final double STRONGER_BY = 0.25;

  /** At most this much evidence per signal, and at most this many characters of a post as evidence. */
  public static final int MAX_EVIDENCE = 8;
  public static final int EXCERPT = 80;

  /** Heated tone: words and phrases that sting. */
  public static final List<String> HEATED_WORDS = List.of(
      "ridiculous", "absurd", "nonsense", "stupid", "idiotic", "pathetic", "useless", "incompetent", "unacceptable",
      "outrageous", "furious", "disgusting", "shut up", "waste of time", "are you kidding", "are you serious",
      "you always", "you never", "what the hell", "wtf", "for god's sake", "i'm done", "give me a break", "seriously?");

  /** Two or more exclamation marks, and words of five or more capitals (shouting), count as heated too. */
  static final Pattern EXCLAIMS = Pattern.compile("!{2,}");
  static final Pattern SHOUT = Pattern.compile("\\b[A-Z]{5,}\\b");
  /** Capitals that are names, not shouting. */
  public static final Set<String> NOT_SHOUTING = Set.of("HTTPS", "JSON", "SQLITE", "OAUTH", "UTF-8", "ASCII", "REST", "CSRF",
      "LGTM", "ISBN", "GMAIL", "MACOS", "IPHONE", "NGINX", "GRAPHQL");

  /** Brainstorming: invitations to ideas and proposals. */
  public static final List<String> BRAINSTORM_PHRASES = List.of(
      "ideas?", "any ideas", "what if", "how might we", "how about", "what about", "brainstorm", "we could try",
      "could we", "another option", "alternatively", "proposal", "i propose", "one idea", "spitball");

  /** Crisis words; "down" only where something is down. */
  public static final List<String> CRISIS_WORDS = List.of(
      "outage", "breach", "sev1", "sev-1", "sev 1", "sev0", "incident", "data loss", "is down", "are down", "was down",
      "went down", "goes down", "still down", "down again");

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern FENCE = Pattern.compile("(?s)```.*?(```|$)");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
  private static final Pattern QUOTED = Pattern.compile("(?m)^\\s*>.*$");
  private static final Pattern LINK = Pattern.compile("https?://\\S+");

  /** A lexicon's word, lower-cased for the {@code indexOf} that comes first, and its whole-word pattern. */
  private record Term(String word, Pattern pattern) {}

  private static final List<Term> HEATED_LEXICON = compile(HEATED_WORDS);
  private static final List<Term> BRAINSTORM_LEXICON = compile(BRAINSTORM_PHRASES);
  private static final List<Term> CRISIS_LEXICON = compile(CRISIS_WORDS);

  /** A post's prose: code, quoted lines and links blanked out (same length, so spans stay where they were). */
  public static String prose(String markdown) {
    String s = markdown;
    if (s.indexOf('`') >= 0) s = blank(INLINE_CODE, blank(FENCE, s));
    if (s.indexOf('>') >= 0) s = blank(QUOTED, s);
    if (s.contains("http")) s = blank(LINK, s);
    return s;
  }

  /** The heated words found in a post's prose, as written: lexicon words in order, then "!!", then SHOUTING not found already. */
  public static List<String> heated(String prose) {
    return heated(prose, lower(prose));
  }

  /** The same, given the prose lower-cased ({@link #lower}) once for all the lexicons. */
  static List<String> heated(String prose, String lower) {
    List<String> found = find(HEATED_LEXICON, prose, lower);
    if (prose.contains("!!")) {
      Matcher m = EXCLAIMS.matcher(prose);
      while (m.find()) found.add(m.group());
    }
    if (!hasCapitals(prose, 5)) return found;
    Matcher caps = SHOUT.matcher(prose);
    while (caps.find()) {
      String word = caps.group();
      if (!NOT_SHOUTING.contains(word) && found.stream().noneMatch(f -> f.equalsIgnoreCase(word))) found.add(word);
    }
    return found;
  }

  /** The brainstorming phrases found in a post's prose, as written. */
  public static List<String> brainstorming(String prose) {
    return brainstorming(prose, lower(prose));
  }

  static List<String> brainstorming(String prose, String lower) {
    return find(BRAINSTORM_LEXICON, prose, lower);
  }

  /** The crisis words found in a post's prose, as written. */
  public static List<String> crisis(String prose) {
    return crisis(prose, lower(prose));
  }

  static List<String> crisis(String prose, String lower) {
    return find(CRISIS_LEXICON, prose, lower);
  }

  /** The prose lower-cased for the lexicons' {@code indexOf}; null when lower-casing changes its length (then patterns alone). */
  static String lower(String prose) {
    String lower = prose.toLowerCase(java.util.Locale.ROOT);
    return lower.length() == prose.length() ? lower : null;
  }

  /** Whether the text has a run of at least {@code n} capital letters A-Z: only then is shouting looked for. */
  private static boolean hasCapitals(String text, int n) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      run = c >= 'A' && c <= 'Z' ? run + 1 : 0;
      if (run >= n) return true;
    }
    return false;
  }

  /** The questions of a post's prose: each sentence ending in a question mark, trimmed. */
  public static List<String> questions(String prose) {
    List<String> out = new ArrayList<>();
    if (prose.indexOf('?') < 0) return out;
    int start = 0;
    for (int i = 0; i < prose.length(); i++) {
      char c = prose.charAt(i);
      if (c == '.' || c == '!' || c == '\n') {
        start = i + 1;
      } else if (c == '?') {
        String q = prose.substring(start, i + 1).strip();
        if (q.length() > 1) out.add(excerpt(q, EXCERPT * 2));
        start = i + 1;
      }
    }
    return out;
  }

  /** The start of a text on one line, cut at a word with an ellipsis when longer than {@code max}. */
  public static String excerpt(String text, int max) {
    String s = SPACES.matcher(text).replaceAll(" ").strip();
    if (s.length() <= max) return s;
    int cut = s.lastIndexOf(' ', max - 1);
    return s.substring(0, cut > max / 2 ? cut : max - 1) + "…";
  }

  /**
   * The lexicon's words in the prose, longest first so a phrase wins over a shorter one at the same place. Each word is
   * looked for with {@code indexOf} in the lower-cased prose and its match checked by its pattern only where it
   * occurs: a post mentions almost none of them, and a regular-expression scan per word was most of the cost.
   */
  private static List<String> find(List<Term> lexicon, String prose, String lower) {
    List<int[]> spans = new ArrayList<>();
    for (Term t : lexicon) {
      if (lower != null && lower.indexOf(t.word()) < 0) continue;
      Matcher m = t.pattern().matcher(prose);
      while (m.find()) {
        int s = m.start();
        int e = m.end();
        if (spans.stream().noneMatch(x -> x[0] < e && s < x[1])) spans.add(new int[] {s, e}); // "what about" once, not also "about"
      }
    }
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<String> out = new ArrayList<>();
    for (int[] x : spans) out.add(prose.substring(x[0], x[1]));
    return out;
  }

  private static List<Term> compile(List<String> words) {
    // longest first, so "are you kidding" wins over shorter phrases at the same place
    return words.stream().sorted((a, b) -> b.length() - a.length()).map(w -> {
      String core = Pattern.quote(w);
      String start = Character.isLetterOrDigit(w.charAt(0)) ? "\\b" : "";
      String end = Character.isLetterOrDigit(w.charAt(w.length() - 1)) ? "\\b" : "";
      return new Term(w.toLowerCase(java.util.Locale.ROOT), Pattern.compile(start + core + end,
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }).toList();
  }

  private static String blank(Pattern p, String s) {
    Matcher m = p.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(" ".repeat(m.group().length())));
    m.appendTail(out);
    return out.toString();
  }
}
