package dev.longhand.thread;

import dev.longhand.http.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The small set of reactions Longhand offers, by name and glyph; either form is accepted. */
public final class Reactions {
  /** Name to glyph, in the order the page shows them. */
  public static final Map<String, String> ALLOWED = allowed();

  private Reactions() {}

  private static Map<String, String> allowed() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("thumbsup", "\uD83D\uDC4D");
    m.put("tada", "\uD83C\uDF89");
    m.put("heart", "\u2764\uFE0F");
    m.put("eyes", "\uD83D\uDC40");
    m.put("check", "\u2705");
    m.put("smile", "\uD83D\uDE04");
    m.put("pray", "\uD83D\uDE4F");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The glyph for a name or glyph from the allowed set, or a 400 naming the field. */
  public static String glyph(String nameOrGlyph) {
    if (nameOrGlyph == null || nameOrGlyph.isBlank()) throw Problem.invalid("emoji", "'emoji' is required.");
    String v = nameOrGlyph.strip();
    String byName = ALLOWED.get(v.toLowerCase(java.util.Locale.ROOT));
    if (byName != null) return byName;
    if (ALLOWED.containsValue(v)) return v;
    if (v.equals("\u2764")) return ALLOWED.get("heart"); // a heart typed without the emoji selector
    throw Problem.invalid("emoji", "'emoji' must be one of " + String.join(", ", ALLOWED.keySet()) + " (or their emoji).");
  }

  public static String name(String glyph) {
    return nameOf(glyph).orElse(glyph);
  }

  private static Optional<String> nameOf(String glyph) {
    return ALLOWED.entrySet().stream().filter(e -> e.getValue().equals(glyph)).map(Map.Entry::getKey).findFirst();
  }
}
