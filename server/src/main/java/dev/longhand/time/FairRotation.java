package dev.longhand.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Ranks candidate slots for a sync session so the inconvenience (minutes outside one's working hours) is spread
 * across people over time, instead of always falling on the same ones.
 */
public final class FairRotation {
  private FairRotation() {}

  /** A session that took place, and who attended it. */
  public record PastSession(Interval when, List<String> attendees) {}

  /** A candidate with each member's minutes outside their hours in it. */
  public record RankedSlot(Interval slot, Map<String, Long> minutesOutside, long totalMinutesOutside) {}

  /** Minutes each member spent outside their hours in past sessions they attended. */
  public static Map<String, Long> burden(List<PastSession> history, List<OverlapFinder.Member> members) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Slots of {@code length} every {@code step} in {@code [from, to)} worth considering. */
  public static List<Interval> candidates(List<OverlapFinder.Member> members, Instant from, Instant to,
      Duration length, Duration step) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Candidates best first: the fairest cumulative burden (past plus this slot), then least inconvenience now. */
  public static List<RankedSlot> rank(List<Interval> candidates, List<OverlapFinder.Member> members,
      Map<String, Long> pastMinutesOutside) {
    throw new UnsupportedOperationException("skeleton");
  }
}
