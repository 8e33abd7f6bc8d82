package dev.longhand.calendar;

import dev.longhand.markdown.LocalizedTimes;
import dev.longhand.time.PersonTime;
import dev.longhand.time.WorkCalendar;
import java.time.Instant;
import java.util.Map;

/** The times a page shows for one reader: each named person's local time, and written times in the reader's zone. */
public record PageTimes(Map<Long, PersonTime> people, WorkCalendar reader, Instant now) {
  /** The local time of a person on the page, or null when unknown. */
  public PersonTime of(long accountId) {
    return people.get(accountId);
  }

  /** Rendered Markdown with its written times shown in the reader's zone. */
  public String localize(String html) {
    return LocalizedTimes.localize(html, reader, now);
  }
}
