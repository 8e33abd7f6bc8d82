package dev.longhand.time;

import static dev.longhand.time.People.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Working hours on the days clocks change in 2026. Lisbon springs forward on 29 March at 01:00 UTC (01:00 to 02:00
 * local) and falls back on 25 October at 01:00 UTC (02:00 to 01:00); Denver on 8 March at 09:00 UTC (02:00 to
 * 03:00) and 1 November at 08:00 UTC (02:00 to 01:00); Adelaide falls back on 5 April at 16:30 UTC the day before
 * (03:00 to 02:00) and springs forward on 4 October at 16:30 UTC the day before (02:00 to 03:00).
 */
class DaylightSavingTest {
  static final EnumSet<DayOfWeek> SUNDAY = EnumSet.of(DayOfWeek.SUNDAY);
  static final EnumSet<DayOfWeek> SATURDAY = EnumSet.of(DayOfWeek.SATURDAY);

  @Test
  void nineToFiveIsEightHoursOnEveryClockChangeDay() {
    assertEightHours("Europe/Lisbon", "2026-03-29T08:00:00Z", "2026-03-29T16:00:00Z");
    assertEightHours("Europe/Lisbon", "2026-10-25T09:00:00Z", "2026-10-25T17:00:00Z");
    assertEightHours("America/Denver", "2026-03-08T15:00:00Z", "2026-03-08T23:00:00Z");
    assertEightHours("America/Denver", "2026-11-01T16:00:00Z", "2026-11-02T00:00:00Z");
    assertEightHours("Australia/Adelaide", "2026-04-04T23:30:00Z", "2026-04-05T07:30:00Z");
    assertEightHours("Australia/Adelaide", "2026-10-03T22:30:00Z", "2026-10-04T06:30:00Z");
  }

  private static void assertEightHours(String zone, String start, String end) {
    WorkCalendar sundays = People.on(SUNDAY, zone, "09:00", "17:00");
    assertThat(sundays.periodAt(at(start))).contains(new Interval(at(start), at(end)));
    assertThat(sundays.workingBetween(at(start).minus(Duration.ofDays(1)), at(end).plus(Duration.ofDays(1))))
        .isEqualTo(Duration.ofHours(8));
    assertThat(sundays.addWorking(at(start).minus(Duration.ofHours(3)), Duration.ofHours(8))).isEqualTo(at(end));
  }

  @Test
  void aRangeThatStartsInTheGapStartsAtTheTransition() {
    // Lisbon, Sunday 01:30-09:00: 01:30 does not exist on 29 March; work starts when the clocks jump, 01:00 UTC
    WorkCalendar lisbon = People.on(SUNDAY, "Europe/Lisbon", "01:30", "09:00");
    assertThat(lisbon.periodAt(at("2026-03-29T03:00:00Z")))
        .contains(new Interval(at("2026-03-29T01:00:00Z"), at("2026-03-29T08:00:00Z")));
    // java.time alone would shift the start by the length of the gap
    assertThat(ZonedDateTime.of(LocalDateTime.parse("2026-03-29T01:30"), ZoneId.of("Europe/Lisbon")).toInstant())
        .isEqualTo(at("2026-03-29T01:30:00Z"));
    // Denver, Sunday 02:30-10:00 on 8 March: from 09:00 UTC (03:00 MDT) to 16:00 UTC, 7 hours
    WorkCalendar denver = People.on(SUNDAY, "America/Denver", "02:30", "10:00");
    assertThat(denver.nextPeriod(at("2026-03-08T00:00:00Z")))
        .contains(new Interval(at("2026-03-08T09:00:00Z"), at("2026-03-08T16:00:00Z")));
    // Adelaide, Sunday 02:15-04:00 on 4 October: from 16:30 UTC (03:00 ACDT) to 17:30 UTC
    WorkCalendar adelaide = People.on(SUNDAY, "Australia/Adelaide", "02:15", "04:00");
    assertThat(adelaide.nextPeriod(at("2026-10-03T00:00:00Z")))
        .contains(new Interval(at("2026-10-03T16:30:00Z"), at("2026-10-03T17:30:00Z")));
  }

  @Test
  void aRangeThatEndsInTheGapEndsAtTheTransition() {
    // Denver, Saturday 22:00-02:30: 05:00 UTC until the clocks jump at 09:00 UTC
    WorkCalendar denver = People.on(SATURDAY, "America/Denver", "22:00", "02:30");
    assertThat(denver.nextPeriod(at("2026-03-07T12:00:00Z")))
        .contains(new Interval(at("2026-03-08T05:00:00Z"), at("2026-03-08T09:00:00Z")));
  }

  @Test
  void aRangeThatStartsInTheRepeatedHourStartsTheFirstTime() {
    // Lisbon, Sunday 01:30-03:00 on 25 October: 01:30 WEST (00:30 UTC) to 03:00 WET (03:00 UTC)
    WorkCalendar lisbon = People.on(SUNDAY, "Europe/Lisbon", "01:30", "03:00");
    assertThat(lisbon.nextPeriod(at("2026-10-24T12:00:00Z")))
        .contains(new Interval(at("2026-10-25T00:30:00Z"), at("2026-10-25T03:00:00Z")));
    // Denver, Sunday 01:30-05:00 on 1 November: 01:30 MDT (07:30 UTC) to 05:00 MST (12:00 UTC)
    WorkCalendar denver = People.on(SUNDAY, "America/Denver", "01:30", "05:00");
    assertThat(denver.nextPeriod(at("2026-10-31T12:00:00Z")))
        .contains(new Interval(at("2026-11-01T07:30:00Z"), at("2026-11-01T12:00:00Z")));
    assertThat(denver.isWorking(at("2026-11-01T08:30:00Z"))).as("01:30 MST, the second time round").isTrue();
  }

  @Test
  void aNightShiftAcrossAChangeIsAsLongAsTheWallClockSays() {
    assertNightShift("Europe/Lisbon", "2026-03-28T22:00:00Z", "2026-03-29T05:00:00Z", 7);
    assertNightShift("Europe/Lisbon", "2026-10-24T21:00:00Z", "2026-10-25T06:00:00Z", 9);
    assertNightShift("America/Denver", "2026-03-08T05:00:00Z", "2026-03-08T12:00:00Z", 7);
    assertNightShift("America/Denver", "2026-11-01T04:00:00Z", "2026-11-01T13:00:00Z", 9);
    assertNightShift("Australia/Adelaide", "2026-04-04T11:30:00Z", "2026-04-04T20:30:00Z", 9);
    assertNightShift("Australia/Adelaide", "2026-10-03T12:30:00Z", "2026-10-03T19:30:00Z", 7);
    // Lord Howe Island moves its clocks by half an hour: 02:00 back to 01:30 on 5 April
    assertNightShift("Australia/Lord_Howe", "2026-04-04T11:00:00Z", "2026-04-04T19:30:00Z", 8.5);
  }

  private static void assertNightShift(String zone, String start, String end, double hours) {
    WorkCalendar nights = People.on(SATURDAY, zone, "22:00", "06:00");
    Interval shift = new Interval(at(start), at(end));
    assertThat(nights.periodAt(at(start))).contains(shift);
    assertThat(shift.duration()).isEqualTo(Duration.ofMinutes((long) (hours * 60)));
  }

  @Test
  void cyDoesTwoHoursAcrossTheWeekendTheClocksFallBack() {
    // Friday 30 October 15:00 MDT (21:00 UTC): one hour on Friday, one on Monday from 08:00 MST (15:00 UTC)
    assertThat(People.CY.addWorking(at("2026-10-30T21:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-11-02T16:00:00Z"));
    assertThat(People.CY.workingBetween(at("2026-10-26T06:00:00Z"), at("2026-11-02T07:00:00Z"))).isEqualTo(Duration.ofHours(40));
  }

  @Test
  void halfAndQuarterHourZonesWork() {
    // Kathmandu is UTC+5:45, Kolkata UTC+5:30
    WorkCalendar kathmandu = People.weekdays("Asia/Kathmandu", "09:00", "17:00");
    assertThat(kathmandu.periodAt(at("2026-12-01T05:00:00Z")))
        .contains(new Interval(at("2026-12-01T03:15:00Z"), at("2026-12-01T11:15:00Z")));
    assertThat(People.NOOR.addWorking(at("2026-12-04T23:00:00Z"), Duration.ofHours(2)))
        .as("Saturday 04:30 IST, 1.5 h left of Friday's shift, then Monday 22:00 IST")
        .isEqualTo(at("2026-12-07T17:00:00Z"));
  }
}
