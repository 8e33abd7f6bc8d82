package dev.longhand.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Finds when a set of people are all (or most) inside their working hours. */
public final class OverlapFinder {
  private OverlapFinder() {}

  public record Member(String id, WorkCalendar calendar) {}

  /** Where a window falls for someone outside their hours in it. */
  public enum Position { BEFORE_DAY, AFTER_DAY, DAY_OFF }

  /**
   * @param minutesOutside how much of the window is outside their hours
   * @param minutesFromDay distance between the window and their nearest working period
   */
  public record Outside(String member, long minutesOutside, long minutesFromDay, Position position) {}

  public record Window(Interval interval, List<String> inside, List<Outside> outside) {
    public boolean everyone() {
      return outside.isEmpty();
    }
  }

  /**
   * Windows in {@code [from, to)} at least {@code minLength} long in which every member works, ranked longest
   * first; when there are none, the windows where the largest subsets work, with who is outside and by how much.
   */
  public static List<Window> find(List<Member> members, Instant from, Instant to, Duration minLength) {
    throw new UnsupportedOperationException("skeleton");
  }
}
