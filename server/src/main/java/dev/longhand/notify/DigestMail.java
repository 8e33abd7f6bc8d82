package dev.longhand.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Writes a digest as plain text and as self-contained HTML (mail clients ignore stylesheets), with absolute links. */
public final class DigestMail {
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
  private final java.util.function.Supplier<String> base;

  /** {@code base} gives the public address once the server knows it (its port may be chosen at start). */
  public DigestMail(java.util.function.Supplier<String> base) {
    this.base = base;
  }

  private String baseUrl() {
    return base.get().replaceAll("/+$", "");
  }

  String when(Instant t, ZoneId zone, Instant now) {
    if (Duration.between(t, now).toHours() < 20 && t.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate())) {
      return DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).format(t.atZone(zone));
    }
    return WHEN.format(t.atZone(zone));
  }

  String text(String subject, List<Digests.Section> sections) {
    StringBuilder out = new StringBuilder(subject).append("\n");
    for (Digests.Section s : sections) {
      out.append("\n").append(s.heading()).append("\n");
      for (var line : s.lines()) out.append("- ").append(line.text()).append("\n  ").append(baseUrl()).append(line.path()).append("\n");
    }
    out.append("\n--\nLonghand sends digests at your digest times, inside your working hours. Change them at ")
        .append(baseUrl()).append("/me/notifications\n");
    return out.toString();
  }

  String html(String subject, List<Digests.Section> sections) {
    StringBuilder out = new StringBuilder("<!doctype html><html><body style=\"font-family:system-ui,sans-serif;"
        + "line-height:1.5;color:#1f2328;max-width:40rem\">");
    out.append("<h1 style=\"font-size:1.2rem\">").append(escape(subject)).append("</h1>");
    for (Digests.Section s : sections) {
      out.append("<h2 style=\"font-size:1rem;margin-top:1.2rem\">").append(escape(s.heading())).append("</h2><ul>");
      for (var line : s.lines()) {
        out.append("<li><a href=\"").append(escape(baseUrl() + line.path())).append("\">").append(escape(line.text())).append("</a></li>");
      }
      out.append("</ul>");
    }
    out.append("<p style=\"color:#5b6169;font-size:.85rem\">Longhand sends digests at your digest times, inside your working hours. "
        + "<a href=\"").append(escape(baseUrl())).append("/me/notifications\">Change them</a>.</p></body></html>");
    return out.toString();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
