package dev.longhand.mail;

/**
 * One email: plain text always, HTML as an alternative when given, and an iCalendar invitation ({@code calendar},
 * sent as {@code text/calendar; method=<calendarMethod>}, e.g. REQUEST or CANCEL) when given.
 */
public record Mail(String to, String subject, String text, String html, String calendar, String calendarMethod) {
  public Mail(String to, String subject, String text, String html) {
    this(to, subject, text, html, null, null);
  }
}
