package dev.longhand.markdown;

import dev.longhand.time.WorkCalendar;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows the times written in rendered messages in one reader's zone, with the weekday, and marks
 * those that fall outside the reader's working hours ("Tue 1 Dec, 16:00 · outside your hours").
 * Works on {@link Markdown}'s own sanitized output, whose {@code <time>} elements only it can write.
 */
public final class LocalizedTimes {
  private static final Pattern TIME = Pattern.compile("<time datetime=\"([0-9T:Z-]{17,20})\" class=\"lh-time\">[^<]*</time>");
  private static final DateTimeFormatter SAME_YEAR = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

  private LocalizedTimes() {}

  public static String localize(String html, WorkCalendar reader, Instant now) {
    if (html.indexOf("<time datetime=") < 0) return html;
    Matcher m = TIME.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 64);
    int year = now.atZone(reader.zone()).getYear();
    while (m.find()) {
      Instant at;
      try {
        at = Instant.parse(m.group(1));
      } catch (RuntimeException e) {
        continue;
      }
      ZonedDateTime local = at.atZone(reader.zone());
      boolean outside = !reader.isWorking(at);
      String text = (local.getYear() == year ? SAME_YEAR : OTHER_YEAR).format(local) + (outside ? " · outside your hours" : "");
      String replacement = "<time datetime=\"" + m.group(1) + "\" class=\"lh-time" + (outside ? " outside" : "")
          + "\" title=\"" + TimeMarkerRenderer.UTC_TEXT.format(at.atOffset(java.time.ZoneOffset.UTC)) + "\">" + text + "</time>";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
