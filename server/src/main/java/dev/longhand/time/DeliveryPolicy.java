package dev.longhand.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When a person may be reached: inside their working hours, outside their focus (weekly focus blocks, or "focus
 * until" a moment), and at their local digest times. Pure: every answer is computed from the calendar and an instant.
 *
 * @param calendar their working calendar (hours, away days, holidays)
 * @param focus their weekly focus blocks, as a calendar of the same zone (empty when none)
 * @param focusUntil a one-off focus ("focus for the next 2 hours"), if set
 * @param digestTimes local times of day at which digests are made, sorted
 */
public record DeliveryPolicy(WorkCalendar calendar, WorkCalendar focus, Optional<Instant> focusUntil,
    List<LocalTime> digestTimes) {
  /** How far ahead to look for a deliverable moment before giving up. */
  static final Duration LOOKAHEAD = Duration.ofDays(400);
  static final int MAX_STEPS = 2000;

  public DeliveryPolicy {
    digestTimes = digestTimes.stream().sorted().distinct().toList();
  }

  /** True when {@code t} is inside working hours and outside focus. */
  public boolean reachable(Instant t) {
    return calendar.isWorking(t) && !inFocus(t);
  }

  public boolean inFocus(Instant t) {
    return focusUntil.map(t::isBefore).orElse(false) || focus.isWorking(t);
  }

  /**
   * The first moment at or after {@code now} when a direct notification may reach this person: now when reachable,
   * else the start of their next working time outside focus; empty when there is none within about a year.
   */
  public Optional<Instant> nextReachable(Instant now) {
    Instant t = now;
    Instant limit = now.plus(LOOKAHEAD);
    for (int step = 0; step < MAX_STEPS && t.isBefore(limit); step++) {
      if (!calendar.isWorking(t)) {
        Optional<Interval> next = calendar.nextPeriod(t);
        if (next.isEmpty()) return Optional.empty();
        t = next.get().start();
        continue;
      }
      if (focusUntil.isPresent() && t.isBefore(focusUntil.get())) {
        t = focusUntil.get();
        continue;
      }
      Optional<Interval> block = focus.periodAt(t);
      if (block.isPresent()) {
        t = block.get().end();
        continue;
      }
      return Optional.of(t);
    }
    return Optional.empty();
  }

  /**
   * When the next digest after {@code after} is made: the next local digest time, moved to the next reachable moment
   * when it falls outside working hours or in focus (a 09:00 digest for someone who starts at 10:00 comes at 10:00).
   * Empty without digest times or working hours.
   */
  public Optional<Instant> nextDigest(Instant after) {
    if (digestTimes.isEmpty()) return Optional.empty();
    ZonedDateTime local = after.atZone(calendar.zone());
    LocalDate day = local.toLocalDate();
    for (int d = 0; d < 8; d++, day = day.plusDays(1)) {
      for (LocalTime time : digestTimes) {
        Instant candidate = ZonedDateTime.of(day, time, calendar.zone()).toInstant();
        if (!candidate.isAfter(after)) continue;
        Optional<Instant> at = nextReachable(candidate);
        if (at.isPresent() && at.get().isAfter(after)) return at;
      }
    }
    // No digest time within a week is reachable (a long absence): the first reachable moment after it.
    return nextReachable(after.plusSeconds(1));
  }
}
