package dev.longhand.search;

import dev.longhand.http.Problem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query as a reader types it, split into the words to find and the operators that narrow the search:
 * {@code from:ana}, {@code in:design} (or {@code in:"Product team"}), {@code before:2026-03-01},
 * {@code after:2026-01-31} and {@code is:decision}. An operator is a word that starts with one of those names and a
 * colon; anything else (a URL, "note:") stays among the words. A known operator with a bad value is bad input
 * naming {@code q}. Repeating {@code from:}, {@code in:} or {@code is:} means any of them; dates narrow together.
 *
 * @param words the rest of the query, for the query parser (may be blank when operators alone are given)
 * @param operators the operators in the order written, for echoing them and taking one away
 */
public record SearchQuery(String words, List<Operator> operators) {
  /** The kinds {@code is:} takes, each with the kinds of hit it finds. */
  static final List<String> IS_VALUES = List.of("thread", "reply", "decision", "document", "recording", "comment");
  private static final Pattern OPERATOR = Pattern.compile("(?i)(from|in|before|after|is):");

  /** One operator: its name (lower case), its value as given (without quotes), and its text in the query. */
  public record Operator(String name, String value, String text) {
    /** The chip's text: {@code from:ana}, {@code in:"Product team"}. */
    public String label() {
      return name + ":" + (value.chars().anyMatch(Character::isWhitespace) ? "\"" + value + "\"" : value);
    }
  }

  public SearchQuery {
    words = words.strip();
    operators = List.copyOf(operators);
  }

  /** Splits {@code text} (already checked for length); a bad operator value is a problem naming {@code q}. */
  public static SearchQuery parse(String text) {
    StringBuilder words = new StringBuilder();
    List<Operator> operators = new ArrayList<>();
    int i = 0;
    boolean inPhrase = false;
    while (i < text.length()) {
      char c = text.charAt(i);
      boolean tokenStart = i == 0 || Character.isWhitespace(text.charAt(i - 1));
      Matcher m = OPERATOR.matcher(text).region(i, text.length());
      if (!inPhrase && tokenStart && m.lookingAt()) {
        int start = i;
        int valueStart = m.end();
        int end;
        String value;
        if (valueStart < text.length() && text.charAt(valueStart) == '"') {
          int close = text.indexOf('"', valueStart + 1);
          end = close < 0 ? text.length() : close + 1;
          value = text.substring(valueStart + 1, close < 0 ? text.length() : close);
        } else {
          end = valueStart;
          while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
          value = text.substring(valueStart, end);
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        operators.add(check(new Operator(name, value.strip(), text.substring(start, end))));
        i = end;
        continue;
      }
      if (c == '"') inPhrase = !inPhrase;
      words.append(c);
      i++;
    }
    return new SearchQuery(words.toString().replaceAll("\\s+", " "), operators);
  }

  private static Operator check(Operator o) {
    String v = o.value();
    if (v.isEmpty()) {
      throw Problem.invalid("q", o.name() + ": needs a value, e.g. " + switch (o.name()) {
        case "from" -> "from:ana";
        case "in" -> "in:design";
        case "is" -> "is:decision";
        default -> o.name() + ":2026-03-01";
      } + ".");
    }
    if (v.length() > 100) throw Problem.invalid("q", o.name() + ": takes at most 100 characters.");
    switch (o.name()) {
      case "before", "after" -> date(o);
      case "is" -> kind(o);
      default -> { }
    }
    return o;
  }

  private static LocalDate date(Operator o) {
    try {
      if (!o.value().matches("\\d{4}-\\d{2}-\\d{2}")) throw new DateTimeParseException("not YYYY-MM-DD", o.value(), 0);
      return LocalDate.parse(o.value());
    } catch (DateTimeParseException e) {
      throw Problem.invalid("q", o.name() + ": takes a date as YYYY-MM-DD, e.g. " + o.name() + ":2026-03-01, not '" + o.value() + "'.");
    }
  }

  private static String kind(Operator o) {
    String v = o.value().toLowerCase(Locale.ROOT);
    if (v.endsWith("s") && IS_VALUES.contains(v.substring(0, v.length() - 1))) v = v.substring(0, v.length() - 1);
    if (v.equals("replie")) v = "reply";
    if (!IS_VALUES.contains(v)) {
      throw Problem.invalid("q", "is: takes " + String.join(", ", IS_VALUES.subList(0, IS_VALUES.size() - 1)) + " or "
          + IS_VALUES.getLast() + ", not '" + o.value() + "'.");
    }
    return v;
  }

  /** The values of every operator with this name, in order, without repeats. */
  public List<String> values(String name) {
    Set<String> out = new LinkedHashSet<>();
    for (Operator o : operators) if (o.name().equals(name)) out.add(o.value());
    return List.copyOf(out);
  }

  /** The kinds {@code is:} asks for (normalised: {@code decisions} is {@code decision}). */
  public List<String> kinds() {
    return operators.stream().filter(o -> o.name().equals("is")).map(SearchQuery::kind).distinct().toList();
  }

  /** The earliest {@code before:} date: every date operator narrows the search, so the strictest one counts. */
  public Optional<LocalDate> before() {
    return operators.stream().filter(o -> o.name().equals("before")).map(SearchQuery::date).min(LocalDate::compareTo);
  }

  /** The latest {@code after:} date. */
  public Optional<LocalDate> after() {
    return operators.stream().filter(o -> o.name().equals("after")).map(SearchQuery::date).max(LocalDate::compareTo);
  }

  /** True when there is nothing to search for at all. */
  public boolean isEmpty() {
    return words.isEmpty() && operators.isEmpty();
  }

  /** The query as typed, less one operator: what a chip's "remove" link searches for. */
  public String without(Operator o) {
    StringBuilder q = new StringBuilder(words);
    for (Operator other : operators) {
      if (other != o) q.append(q.isEmpty() ? "" : " ").append(other.text());
    }
    return q.toString().strip();
  }
}
