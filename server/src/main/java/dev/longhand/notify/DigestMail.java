package dev.longhand.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import dev.longhand.mail.ReplyAddresses;

/**
 * Writes a digest as plain text and as self-contained HTML, with absolute links (the excerpts' too: a mail client
 * knows no site to resolve {@code /files/12} against, nor the reader's session to fetch an image with), the way
 * Discourse's summary emails read: a subject that says what happened ("7 new replies in 2 threads, 1 document changed"), then each section's
 * lines (a thread, a document, a decision) with a line of context and the latest entries: who, when (in the reader's
 * zone) and an excerpt. The HTML carries inline styles for mail clients, which ignore stylesheets, and classes for the
 * in-app page, whose content security policy drops inline styles and whose stylesheet styles the classes instead.
 */
public final class DigestMail {
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  /** Subjects longer than this are cut (mail clients show about as much; the column holds 200). */
  static final int SUBJECT_MAX = 150;
  private static final String MUTED = "color:#5b6169;";
  /** What a mail with a reply address says about it. */
  public static final String REPLY_BY_EMAIL = "Reply to this email to answer in the thread: your reply is posted there as you"
      + " (quoted text and signatures are left out).";
  private final java.util.function.Supplier<String> base;
  private final ReplyAddresses replies;

  /** {@code base} gives the public address once the server knows it (its port may be chosen at start). */
  public DigestMail(java.util.function.Supplier<String> base) {
    this(base, ReplyAddresses.OFF);
  }

  /** As above; each line about a thread carries a "Reply by email" address from {@code replies} (reply by email). */
  public DigestMail(java.util.function.Supplier<String> base, ReplyAddresses replies) {
    this.base = base;
    this.replies = replies;
  }

  /** The address at which the reader's reply to the line's thread is posted, when it is about a thread and reply by email is on. */
  java.util.Optional<String> replyAddress(long accountId, DigestSource.Line line) {
    long thread = ReplyAddresses.threadOf(line.path());
    return accountId == 0 || thread == 0 ? java.util.Optional.empty() : replies.forThread(accountId, thread);
  }

  /**
   * The Reply-To of a digest: a reply address when every line about a thread is about the same one (a reply to the
   * mail can only go to one thread); else none, and each thread's line carries its own "Reply by email" address.
   */
  java.util.Optional<String> replyTo(long accountId, List<Digests.Section> sections) {
    java.util.Set<Long> threads = new java.util.HashSet<>();
    for (Digests.Section s : sections) for (var line : s.lines()) {
      long t = ReplyAddresses.threadOf(line.path());
      if (t != 0) threads.add(t);
    }
    return threads.size() == 1 ? replies.forThread(accountId, threads.iterator().next()) : java.util.Optional.empty();
  }

  private String baseUrl() {
    String url = base.get();
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '/') end--;
    return url.substring(0, end);
  }

  /** A time as the reader reads it: "09:12" when it is today and recent, else "Mon 2 Mar, 09:12". */
  String when(Instant t, ZoneId zone, Instant now) {
    if (Duration.between(t, now).toHours() < 20 && t.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate())) {
      return HOUR.format(t.atZone(zone));
    }
    return WHEN.format(t.atZone(zone));
  }

  /** "Your Longhand digest: 7 new replies in 2 threads, 1 new thread, 1 document changed". */
  String subject(List<Digests.Section> sections) {
    String s = "Your Longhand digest: " + sections.stream().map(Digests.Section::summary).collect(Collectors.joining(", "));
    return s.length() <= SUBJECT_MAX ? s : s.substring(0, SUBJECT_MAX - 1) + "…";
  }

  private String covering(Instant since, Instant now, ZoneId zone) {
    return "What happened in your spaces since " + when(since, zone, now) + " (your time, " + zone.getId() + ").";
  }

  private static String entryLine(DigestSource.Entry e, String when) {
    return e.who() + (e.what().isEmpty() ? "" : " " + e.what()) + " · " + when;
  }

  private static String more(DigestSource.Line line) {
    return line.more() == 1 ? "1 more" : line.more() + " more";
  }

  String text(String subject, List<Digests.Section> sections, Instant since, Instant now, ZoneId zone) {
    return text(subject, sections, since, now, zone, 0);
  }

  /** The digest as plain text for {@code accountId} (0: without reply addresses). */
  String text(String subject, List<Digests.Section> sections, Instant since, Instant now, ZoneId zone, long accountId) {
    StringBuilder out = new StringBuilder(subject).append("\n").append(covering(since, now, zone)).append("\n");
    for (Digests.Section s : sections) {
      out.append("\n").append(s.heading()).append("\n").append("=".repeat(s.heading().length())).append("\n");
      for (var line : s.lines()) {
        out.append("\n* ").append(line.text()).append("\n");
        if (!line.meta().isEmpty()) out.append("  ").append(line.meta()).append("\n");
        for (var e : line.entries()) {
          out.append("  - ").append(entryLine(e, when(Instant.ofEpochMilli(e.at()), zone, now))).append("\n");
          if (!e.excerpt().isEmpty()) out.append("    ").append(text(e.excerpt())).append("\n");
        }
        if (line.more() > 0) out.append("  (").append(more(line)).append(")\n");
        out.append("  ").append(baseUrl()).append(line.path()).append("\n");
        replyAddress(accountId, line).ifPresent(a -> out.append("  Reply by email: ").append(a).append("\n"));
      }
    }
    out.append("\n--\nLonghand sends digests at your digest times, inside your working hours. Change them at ")
        .append(baseUrl()).append("/me/notifications\n");
    return out.toString();
  }

  String html(String subject, List<Digests.Section> sections, Instant since, Instant now, ZoneId zone) {
    return html(subject, sections, since, now, zone, 0);
  }

  /** The digest as HTML for {@code accountId} (0: without reply addresses). */
  String html(String subject, List<Digests.Section> sections, Instant since, Instant now, ZoneId zone, long accountId) {
    StringBuilder out = new StringBuilder("<!doctype html><html><body style=\"font-family:system-ui,sans-serif;"
        + "line-height:1.5;color:#1f2328;max-width:40rem\">");
    out.append("<h1 class=\"digest-subject\" style=\"font-size:1.2rem;margin:0 0 .25rem\">").append(escape(subject)).append("</h1>");
    out.append("<p class=\"digest-covers\" style=\"").append(MUTED).append("margin:0 0 1rem\">")
        .append(escape(covering(since, now, zone))).append("</p>");
    for (Digests.Section s : sections) {
      out.append("<h2 class=\"digest-heading\" style=\"font-size:1rem;margin:1.4rem 0 .4rem;padding-bottom:.2rem;"
          + "border-bottom:1px solid #d0d7de\">").append(escape(s.heading())).append("</h2>");
      for (var line : s.lines()) {
        String link = escape(baseUrl() + line.path());
        out.append("<div class=\"digest-item\" style=\"margin:0 0 1rem\">");
        out.append("<p class=\"digest-title\" style=\"margin:0;font-weight:600\"><a href=\"").append(link).append("\">")
            .append(escape(line.text())).append("</a></p>");
        if (!line.meta().isEmpty()) {
          out.append("<p class=\"digest-meta\" style=\"").append(MUTED).append("font-size:.9rem;margin:0\">")
              .append(escape(line.meta())).append("</p>");
        }
        if (!line.entries().isEmpty()) {
          out.append("<ul class=\"digest-entries\" style=\"list-style:none;margin:.4rem 0 0;padding:0 0 0 .8rem;"
              + "border-left:3px solid #d0d7de\">");
          for (var e : line.entries()) {
            Instant at = Instant.ofEpochMilli(e.at());
            out.append("<li style=\"margin:0 0 .5rem\"><span class=\"digest-who\"><strong>").append(escape(e.who())).append("</strong>");
            if (!e.what().isEmpty()) out.append(" ").append(escape(e.what()));
            out.append("</span> <time class=\"digest-when\" datetime=\"").append(at).append("\" style=\"").append(MUTED)
                .append("font-size:.85rem\">").append(escape(when(at, zone, now))).append("</time>");
            if (!e.excerpt().isEmpty()) {
              out.append("<br><span class=\"digest-excerpt\">").append(html(e.excerpt())).append("</span>");
            }
            out.append("</li>");
          }
          out.append("</ul>");
        }
        if (line.more() > 0) {
          out.append("<p class=\"digest-more\" style=\"margin:.2rem 0 0;font-size:.9rem\"><a href=\"").append(link).append("\">")
              .append(escape(more(line))).append(" in ").append(escape(line.text())).append("</a></p>");
        }
        replyAddress(accountId, line).ifPresent(a -> out.append("<p class=\"digest-reply\" style=\"margin:.2rem 0 0;font-size:.85rem\">")
            .append("<a href=\"mailto:").append(escape(a)).append("\">Reply by email</a></p>"));
        out.append("</div>");
      }
    }
    out.append("<p class=\"digest-footer\" style=\"").append(MUTED).append("font-size:.85rem;margin-top:1.5rem\">")
        .append("Longhand sends digests at your digest times, inside your working hours. <a href=\"")
        .append(escape(baseUrl())).append("/me/notifications\">Change them</a>.</p></body></html>");
    return out.toString();
  }

  /** A link's address as mail needs it: this site's paths ({@code /files/12}) made absolute, other addresses as they are. */
  String absolute(String href) {
    return href.startsWith("/") ? baseUrl() + href : href;
  }

  /** An excerpt as plain text: each link's words followed by its absolute address, as "shot.png (https://…/files/12)". */
  String text(Excerpt excerpt) {
    StringBuilder out = new StringBuilder();
    for (Excerpt.Part p : excerpt.parts()) {
      out.append(p.text());
      if (p.isLink() && !absolute(p.href()).equals(p.text())) out.append(" (").append(absolute(p.href())).append(")");
    }
    return out.toString();
  }

  /** An excerpt as HTML: words escaped, links (an image's too: its alt text) as anchors to absolute addresses. */
  String html(Excerpt excerpt) {
    StringBuilder out = new StringBuilder();
    for (Excerpt.Part p : excerpt.parts()) {
      if (p.isLink()) out.append("<a href=\"").append(escape(absolute(p.href()))).append("\">").append(escape(p.text())).append("</a>");
      else out.append(escape(p.text()));
    }
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
