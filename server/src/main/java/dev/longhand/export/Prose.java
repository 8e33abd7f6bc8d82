package dev.longhand.export;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites what people wrote so that it still points where it pointed: links to exported things
 * ({@code /threads/12}, {@code /files/34}, {@code ![x](/files/34/thumbnail)} ...) take the things' new ids, and
 * {@code @handle}s of people whose handle differs here (taken by someone else, or an existing account's own) take
 * the new handle. Anything else, links elsewhere included, is left as written.
 */
final class Prose {
  private static final Pattern LINK = Pattern.compile(
      "(?<![A-Za-z0-9._~:/-])(/(?:threads|replies|files|documents|decisions|recordings|spaces|workspaces|document-comments|asks)/)([0-9]{1,19})(?![0-9])");

  private final Map<Long, Long> ids;
  private final long oldWorkspace;
  private final long newWorkspace;
  private final Map<String, String> handles;
  private final Pattern mention;

  Prose(Map<Long, Long> ids, long oldWorkspace, long newWorkspace, Map<String, String> handles) {
    this.ids = ids;
    this.oldWorkspace = oldWorkspace;
    this.newWorkspace = newWorkspace;
    this.handles = handles;
    this.mention = handles.isEmpty() ? null : Pattern.compile("(?<![A-Za-z0-9_@])@("
        + handles.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")(?![A-Za-z0-9_])");
  }

  String rewrite(String text) {
    Matcher m = LINK.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      long old = Long.parseLong(m.group(2));
      Long fresh = old == oldWorkspace ? Long.valueOf(newWorkspace) : ids.get(old);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + (fresh == null ? m.group(2) : fresh)));
    }
    m.appendTail(out);
    if (mention == null) return out.toString();
    return mention.matcher(out).replaceAll(r -> Matcher.quoteReplacement("@" + handles.get(r.group(1))));
  }
}
