package dev.longhand.mail;

/**
 * One email: plain text always, HTML as an alternative when given, and an iCalendar invitation ({@code calendar},
 * sent as {@code text/calendar; method=<calendarMethod>}, e.g. REQUEST or CANCEL) when given; {@code replyTo}, when
 * given, is its Reply-To (a signed reply address, see {@link ReplyAddresses}).
 */
public record Mail(String to, String subject, String text, String html, String calendar, String calendarMethod, String replyTo) {
  public Mail(String to, String subject, String text, String html) {
    this(to, subject, text, html, null, null, null);
  }

  public Mail(String to, String subject, String text, String html, String calendar, String calendarMethod) {
    this(to, subject, text, html, calendar, calendarMethod, null);
  }

  /** The same mail with this Reply-To (null for none). */
  public Mail withReplyTo(String address) {
    return new Mail(to, subject, text, html, calendar, calendarMethod, address);
  }
}
