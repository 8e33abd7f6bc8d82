package dev.longhand.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bo in Seoul, Mon-Fri 10:00-19:00, with a Tuesday focus block 13:00-15:00 and digests at 09:00 and 15:00. */
class DeliveryPolicyTest {
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final WorkCalendar BO = WorkCalendar.of(SEOUL, Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
      DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).map(d -> new WorkingRange(d, LocalTime.of(10, 0), LocalTime.of(19, 0))).toList(),
      List.of(), List.of());
  static final WorkCalendar FOCUS = WorkCalendar.of(SEOUL, List.of(new WorkingRange(DayOfWeek.TUESDAY, LocalTime.of(13, 0),
      LocalTime.of(15, 0))), List.of(), List.of());
  static final List<LocalTime> DIGESTS = List.of(LocalTime.of(15, 0), LocalTime.of(9, 0));

  static Instant seoul(String local) {
    return java.time.LocalDateTime.parse(local).atZone(SEOUL).toInstant();
  }

  static DeliveryPolicy policy(Optional<Instant> focusUntil) {
    return new DeliveryPolicy(BO, FOCUS, focusUntil, DIGESTS);
  }

  @Test
  void insideHoursAndOutsideFocusIsNow() {
    Instant t = seoul("2026-12-01T11:00"); // Tuesday
    assertThat(policy(Optional.empty()).nextReachable(t)).contains(t);
    assertThat(policy(Optional.empty()).reachable(t)).isTrue();
  }

  @Test
  void nightsAndWeekendsWaitForTheNextWorkingDay() {
    assertThat(policy(Optional.empty()).nextReachable(seoul("2026-12-01T22:00"))).contains(seoul("2026-12-02T10:00"));
    assertThat(policy(Optional.empty()).nextReachable(seoul("2026-12-05T12:00"))).contains(seoul("2026-12-07T10:00")); // Saturday
  }

  @Test
  void focusBlocksAndFocusUntilHoldUntilTheyEnd() {
    assertThat(policy(Optional.empty()).nextReachable(seoul("2026-12-01T13:30"))).contains(seoul("2026-12-01T15:00"));
    assertThat(policy(Optional.of(seoul("2026-12-01T12:15"))).nextReachable(seoul("2026-12-01T11:00"))).contains(seoul("2026-12-01T12:15"));
    // Focus until 13:30 runs into the 13:00-15:00 block: 15:00.
    assertThat(policy(Optional.of(seoul("2026-12-01T13:30"))).nextReachable(seoul("2026-12-01T11:00"))).contains(seoul("2026-12-01T15:00"));
    // Focus that runs past the end of the day: the next morning.
    assertThat(policy(Optional.of(seoul("2026-12-02T20:00"))).nextReachable(seoul("2026-12-02T18:00"))).contains(seoul("2026-12-03T10:00"));
  }

  @Test
  void digestsComeAtDigestTimesInsideWorkingHours() {
    DeliveryPolicy p = policy(Optional.empty());
    // 09:00 is before Bo's day: that digest comes at 10:00.
    assertThat(p.nextDigest(seoul("2026-11-30T08:00"))).contains(seoul("2026-11-30T10:00"));
    assertThat(p.nextDigest(seoul("2026-11-30T10:00"))).contains(seoul("2026-11-30T15:00"));
    // Tuesday's 15:00 is the end of his focus block: still 15:00.
    assertThat(p.nextDigest(seoul("2026-12-01T10:00"))).contains(seoul("2026-12-01T15:00"));
    // Friday afternoon to Monday morning: no weekend digests.
    assertThat(p.nextDigest(seoul("2026-12-04T15:00"))).contains(seoul("2026-12-07T10:00"));
    assertThat(new DeliveryPolicy(BO, FOCUS, Optional.empty(), List.of()).nextDigest(seoul("2026-12-01T10:00"))).isEmpty();
  }

  @Test
  void someoneWithoutHoursIsNeverReachable() {
    WorkCalendar none = WorkCalendar.of(SEOUL, List.of(), List.of(), List.of());
    assertThat(new DeliveryPolicy(none, FOCUS, Optional.empty(), DIGESTS).nextReachable(seoul("2026-12-01T11:00"))).isEmpty();
  }
}
