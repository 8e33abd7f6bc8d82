package dev.longhand.slack;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's message text ("mrkdwn") as Markdown: {@code <@U123>} becomes {@code @handle} (a Longhand mention when the
 * person is a member), {@code <#C1|name>} {@code #name}, {@code <http://x|label>} {@code [label](http://x)},
 * {@code <!here>} an "@here" that mentions nobody, {@code *bold*} {@code **bold**}, {@code ~gone~} {@code ~~gone~~};
 * the entities Slack escapes ({@code &amp; &lt; &gt;}) are unescaped. Code spans and blocks keep their text.
 */
final class SlackText {
  /** After an "@" that must not mention anyone: the word joiner keeps "@here" from reading as a handle. */
  private static final String NO_MENTION = "@\u2060";
  private static final Pattern CODE = Pattern.compile("```[\\s\\S]*?```|`[^`\\n]+`");
  private static final Pattern ANGLE = Pattern.compile("<([^<>\\n]{1,2000})>");
  private static final Pattern BOLD = Pattern.compile("(?<![*\\w])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![*\\w])");
  private static final Pattern STRIKE = Pattern.compile("(?<![~\\w])~(?=\\S)([^~\\n]+?)(?<=\\S)~(?![~\\w])");
  private static final Pattern URL = Pattern.compile("(?i)(https?|mailto):.*");
  private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(<?[^)>]*>?\\)");
  private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>]*)>");
  private static final Pattern LINE_MARK = Pattern.compile("^(#{1,6}\\s+|>\\s*|[-*+]\\s+|\\d+[.)]\\s+)");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern TRAILING = Pattern.compile("[\\s,.;:!?-]+$");

  /** The Markdown and the Slack user ids it mentions (in order). */
  record Converted(String markdown, Set<String> mentioned) {}

  private SlackText() {}

  /**
   * {@code handleOf} answers a Slack user's Longhand handle; {@code channelName} a channel's name, for links written
   * without one.
   */
  static Converted convert(String text, Function<String, Optional<String>> handleOf, Function<String, Optional<String>> channelName) {
    Set<String> mentioned = new LinkedHashSet<>();
    StringBuilder out = new StringBuilder();
    Matcher code = CODE.matcher(text);
    int at = 0;
    while (code.find()) {
      out.append(prose(text.substring(at, code.start()), handleOf, channelName, mentioned));
      out.append(unescape(angles(code.group(), handleOf, channelName, mentioned, false)));
      at = code.end();
    }
    out.append(prose(text.substring(at), handleOf, channelName, mentioned));
    return new Converted(out.toString().strip(), mentioned);
  }

  private static String prose(String s, Function<String, Optional<String>> handleOf, Function<String, Optional<String>> channelName,
      Set<String> mentioned) {
    if (s.isEmpty()) return s;
    String t = BOLD.matcher(s).replaceAll("**$1**");
    t = STRIKE.matcher(t).replaceAll("~~$1~~");
    return unescape(angles(t, handleOf, channelName, mentioned, true));
  }

  /** The {@code <...>} forms; in code ({@code markdown} false) links stay plain text. */
  private static String angles(String s, Function<String, Optional<String>> handleOf, Function<String, Optional<String>> channelName,
      Set<String> mentioned, boolean markdown) {
    Matcher m = ANGLE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String inner = m.group(1);
      int bar = inner.indexOf('|');
      String target = bar < 0 ? inner : inner.substring(0, bar);
      String label = bar < 0 ? null : inner.substring(bar + 1);
      String replaced;
      if (target.startsWith("@")) {
        String id = target.substring(1);
        Optional<String> handle = handleOf.apply(id);
        if (handle.isPresent()) {
          mentioned.add(id);
          replaced = "@" + handle.get();
        } else {
          replaced = NO_MENTION + (label != null ? (label.startsWith("@") ? label.substring(1) : label) : id);
        }
      } else if (target.startsWith("#")) {
        String name = label != null ? label : channelName.apply(target.substring(1)).orElse(target.substring(1));
        replaced = "#" + name;
      } else if (target.startsWith("!")) {
        replaced = special(target.substring(1), label);
      } else if (URL.matcher(target).matches()) {
        String url = unescape(target);
        if (!markdown) replaced = label == null ? url : label + " (" + url + ")";
        else if (label == null || label.equals(target)) replaced = "<" + url.replace(" ", "%20") + ">";
        else replaced = "[" + escapeLabel(unescape(label)) + "](<" + url.replace(" ", "%20").replace(">", "%3E") + ">)";
      } else {
        replaced = label != null ? label : inner;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replaced));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code <!here>}, {@code <!channel>}, {@code <!subteam^S1|@team>}, {@code <!date^...|fallback>}: said, never a mention. */
  private static String special(String what, String label) {
    if (what.equals("here") || what.equals("channel") || what.equals("everyone")) return NO_MENTION + what;
    if (what.startsWith("subteam^")) return NO_MENTION + (label != null ? (label.startsWith("@") ? label.substring(1) : label) : "team");
    return label != null ? label : what;
  }

  private static String escapeLabel(String label) {
    return label.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  /**
   * A title from the first line of a post: Markdown marks and links reduced to their words, cut at a word near 80
   * characters with an ellipsis; empty when the line has no words.
   */
  static String title(String markdown) {
    String line = markdown.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    line = LINE_MARK.matcher(AUTOLINK.matcher(LINK.matcher(line).replaceAll("$1")).replaceAll("$1")).replaceAll("");
    line = SPACES.matcher(line.replace("**", "").replace("~~", "").replace("`", "").replace("\u2060", "")).replaceAll(" ").strip();
    if (line.codePointCount(0, line.length()) <= 80) return line;
    String cut = line.substring(0, line.offsetByCodePoints(0, 80));
    int space = cut.lastIndexOf(' ');
    if (space >= 40) cut = cut.substring(0, space);
    return TRAILING.matcher(cut).replaceAll("") + "\u2026";
  }
}
