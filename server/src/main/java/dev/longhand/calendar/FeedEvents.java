package dev.longhand.calendar;

import java.time.Instant;
import java.util.List;

/**
 * Events another feature puts in a person's calendar feed (sync sessions), without the calendar package depending on
 * it: {@code Longhand} hands the sources to {@link CalendarService}.
 */
public interface FeedEvents {
  /** One event, in UTC; {@code uid} is stable for the thing's whole life and {@code sequence} rises with each change. */
  record Event(String uid, Instant start, Instant end, String summary, String description, String url, int sequence) {}

  /** The person's events that overlap {@code [from, to)}. */
  List<Event> events(long accountId, Instant from, Instant to);

  FeedEvents NONE = (accountId, from, to) -> List.of();
}
