package dev.longhand.time;

import static dev.longhand.time.People.ANA;
import static dev.longhand.time.People.BO;
import static dev.longhand.time.People.CY;
import static dev.longhand.time.People.NOOR;
import static dev.longhand.time.People.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The team's working time in the week of Monday 30 November 2026. */
class WorkCalendarTest {

  @Test
  void anaWorksNineToFiveInLisbon() {
    assertThat(ANA.isWorking(at("2026-12-01T09:00:00Z"))).isTrue();
    assertThat(ANA.isWorking(at("2026-12-01T16:59:59Z"))).isTrue();
    assertThat(ANA.isWorking(at("2026-12-01T17:00:00Z"))).isFalse();
    assertThat(ANA.isWorking(at("2026-12-01T08:59:59.999Z"))).isFalse();
    assertThat(ANA.isWorking(at("2026-12-05T12:00:00Z"))).as("Saturday").isFalse();
  }

  @Test
  void sixteenWorkingHoursFromFridayAfternoonInBosCalendar() {
    // Friday 15:00 in Seoul: 4 h on Friday, 9 h on Monday, 3 h on Tuesday from 10:00
    assertThat(BO.addWorking(at("2026-12-04T06:00:00Z"), Duration.ofHours(16))).isEqualTo(at("2026-12-08T04:00:00Z"));
  }

  @Test
  void addingADaysWorkEndsAtTheEndOfThatDayNotAtTheStartOfTheNext() {
    assertThat(ANA.addWorking(at("2026-11-30T09:00:00Z"), Duration.ofHours(8))).isEqualTo(at("2026-11-30T17:00:00Z"));
    assertThat(ANA.addWorking(at("2026-11-30T09:00:00Z"), Duration.ofHours(8).plusSeconds(1)))
        .isEqualTo(at("2026-12-01T09:00:01Z"));
  }

  @Test
  void addingNothingGivesTheFirstWorkingInstant() {
    assertThat(ANA.addWorking(at("2026-12-01T11:22:33.5Z"), Duration.ZERO)).isEqualTo(at("2026-12-01T11:22:33.5Z"));
    assertThat(ANA.addWorking(at("2026-12-01T17:00:00Z"), Duration.ZERO)).isEqualTo(at("2026-12-02T09:00:00Z"));
    assertThat(ANA.addWorking(at("2026-12-05T12:00:00Z"), Duration.ZERO)).isEqualTo(at("2026-12-07T09:00:00Z"));
  }

  @Test
  void workingTimeSkipsTheWeekend() {
    assertThat(ANA.addWorking(at("2026-12-04T16:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-12-07T10:00:00Z"));
    assertThat(CY.workingBetween(at("2026-11-30T00:00:00Z"), at("2026-12-07T00:00:00Z"))).isEqualTo(Duration.ofHours(40));
    assertThat(ANA.workingBetween(at("2026-12-04T16:00:00Z"), at("2026-12-07T10:00:00Z"))).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void measuringBackwardsIsAMistake() {
    assertThatThrownBy(() -> ANA.workingBetween(at("2026-12-02T00:00:00Z"), at("2026-12-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ANA.addWorking(at("2026-12-02T00:00:00Z"), Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noorsNightShiftRunsPastMidnightInKolkata() {
    // Monday 22:00 IST is 16:30 UTC; the shift ends Tuesday 06:00 IST, 00:30 UTC
    assertThat(NOOR.periodAt(at("2026-11-30T20:00:00Z")))
        .contains(new Interval(at("2026-11-30T16:30:00Z"), at("2026-12-01T00:30:00Z")));
    assertThat(NOOR.isWorking(at("2026-12-05T00:00:00Z"))).as("Saturday 05:30, end of Friday's shift").isTrue();
    assertThat(NOOR.isWorking(at("2026-12-06T20:00:00Z"))).as("Monday 01:30: no shift on Sunday").isFalse();
    assertThat(NOOR.nextPeriod(at("2026-12-06T20:00:00Z")))
        .contains(new Interval(at("2026-12-07T16:30:00Z"), at("2026-12-08T00:30:00Z")));
  }

  @Test
  void rangesThatTouchMakeOnePeriod() {
    ZoneId lisbon = ZoneId.of("Europe/Lisbon");
    WorkCalendar split = WorkCalendar.of(lisbon, List.of(
        range(DayOfWeek.TUESDAY, "09:00", "12:00"), range(DayOfWeek.TUESDAY, "12:00", "17:00"),
        range(DayOfWeek.MONDAY, "22:00", "00:00"), range(DayOfWeek.TUESDAY, "00:00", "06:00")), List.of(), List.of());
    assertThat(split.periodAt(at("2026-12-01T12:00:00Z")))
        .contains(new Interval(at("2026-12-01T09:00:00Z"), at("2026-12-01T17:00:00Z")));
    assertThat(split.periodAt(at("2026-11-30T23:00:00Z")))
        .contains(new Interval(at("2026-11-30T22:00:00Z"), at("2026-12-01T06:00:00Z")));
    assertThat(split.periods(at("2026-11-30T00:00:00Z"), at("2026-12-02T00:00:00Z"))).containsExactly(
        new Interval(at("2026-11-30T22:00:00Z"), at("2026-12-01T06:00:00Z")),
        new Interval(at("2026-12-01T09:00:00Z"), at("2026-12-01T17:00:00Z")));
  }

  @Test
  void aSundayNightShiftWrapsIntoMondayOfTheNextWeek() {
    WorkCalendar sundayNight = WorkCalendar.of(ZoneId.of("UTC"), List.of(range(DayOfWeek.SUNDAY, "20:00", "04:00")),
        List.of(), List.of());
    assertThat(sundayNight.periodAt(at("2026-12-07T01:00:00Z")))
        .contains(new Interval(at("2026-12-06T20:00:00Z"), at("2026-12-07T04:00:00Z")));
    assertThat(sundayNight.weeklyHours()).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void nextPeriodIsTheOneAfterTheCurrentOne() {
    assertThat(ANA.nextPeriod(at("2026-12-01T10:00:00Z")))
        .contains(new Interval(at("2026-12-02T09:00:00Z"), at("2026-12-02T17:00:00Z")));
    assertThat(ANA.nextPeriod(at("2026-12-01T08:00:00Z")))
        .contains(new Interval(at("2026-12-01T09:00:00Z"), at("2026-12-01T17:00:00Z")));
    assertThat(ANA.previousPeriod(at("2026-12-07T08:00:00Z")))
        .contains(new Interval(at("2026-12-04T09:00:00Z"), at("2026-12-04T17:00:00Z")));
    assertThat(ANA.periodAt(at("2026-12-01T08:00:00Z"))).isEmpty();
  }

  @Test
  void periodsAreClippedToTheRangeAsked() {
    assertThat(BO.periods(at("2026-12-01T05:00:00Z"), at("2026-12-02T03:00:00Z"))).containsExactly(
        new Interval(at("2026-12-01T05:00:00Z"), at("2026-12-01T10:00:00Z")),
        new Interval(at("2026-12-02T01:00:00Z"), at("2026-12-02T03:00:00Z")));
  }

  @Test
  void awayDaysAndHolidaysAreSkipped() {
    // Ana is away the week of 14 December (back Monday 21st); 25 December is a holiday
    WorkCalendar ana = People.withAway(ANA, List.of(new AwayPeriod(LocalDate.of(2026, 12, 14), LocalDate.of(2026, 12, 21), "Porto")),
        List.of(LocalDate.of(2026, 12, 25)));
    assertThat(ana.isWorking(at("2026-12-15T10:00:00Z"))).isFalse();
    assertThat(ana.addWorking(at("2026-12-11T16:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-12-21T10:00:00Z"));
    assertThat(ana.workingBetween(at("2026-12-21T00:00:00Z"), at("2026-12-28T00:00:00Z"))).isEqualTo(Duration.ofHours(32));
    var status = ana.statusAt(at("2026-12-15T10:00:00Z"));
    assertThat(status.working()).isFalse();
    assertThat(status.away()).map(AwayPeriod::note).contains("Porto");
    assertThat(status.changesAt()).contains(at("2026-12-21T09:00:00Z"));
  }

  @Test
  void aNightShiftIntoAHolidayStopsAtMidnight() {
    // Tuesday 1 December is a holiday for Noor: Monday's shift ends at 00:00 IST (18:30 UTC); Tuesday's shift only
    // works its Wednesday part, from 00:00 IST (Tuesday 18:30 UTC)
    WorkCalendar noor = People.withAway(NOOR, List.of(), List.of(LocalDate.of(2026, 12, 1)));
    assertThat(noor.periods(at("2026-11-30T12:00:00Z"), at("2026-12-02T12:00:00Z"))).containsExactly(
        new Interval(at("2026-11-30T16:30:00Z"), at("2026-11-30T18:30:00Z")),
        new Interval(at("2026-12-01T18:30:00Z"), at("2026-12-02T00:30:00Z")));
  }

  @Test
  void statusSaysLocalTimeAndWhenItChanges() {
    var working = CY.statusAt(at("2026-12-01T16:00:00Z"));
    assertThat(working.localNow().toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 12, 1, 9, 0));
    assertThat(working.working()).isTrue();
    assertThat(working.changesAt()).contains(at("2026-12-01T23:00:00Z"));
    assertThat(working.away()).isEmpty();
    var evening = CY.statusAt(at("2026-12-04T23:30:00Z"));
    assertThat(evening.working()).isFalse();
    assertThat(evening.changesAt()).as("Monday 08:00 MST").contains(at("2026-12-07T15:00:00Z"));
  }

  @Test
  void aCalendarWithoutHoursHasNoWorkingTime() {
    WorkCalendar none = WorkCalendar.of(ZoneId.of("Europe/Lisbon"), List.of(), List.of(), List.of());
    assertThat(none.isWorking(at("2026-12-01T10:00:00Z"))).isFalse();
    assertThat(none.nextPeriod(at("2026-12-01T10:00:00Z"))).isEmpty();
    assertThat(none.statusAt(at("2026-12-01T10:00:00Z")).changesAt()).isEmpty();
    assertThat(none.workingBetween(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))).isZero();
    assertThatThrownBy(() -> none.addWorking(at("2026-12-01T10:00:00Z"), Duration.ofHours(1)))
        .isInstanceOf(NoWorkingTimeException.class);
  }

  @Test
  void awayForMoreThanTenYearsHasNoWorkingTimeButNineYearsIsFine() {
    WorkCalendar gone = People.withAway(ANA, List.of(new AwayPeriod(LocalDate.of(2026, 12, 1), LocalDate.of(2037, 12, 1), "")), List.of());
    assertThatThrownBy(() -> gone.addWorking(at("2026-12-01T10:00:00Z"), Duration.ZERO))
        .isInstanceOf(NoWorkingTimeException.class);
    WorkCalendar sabbatical = People.withAway(ANA, List.of(new AwayPeriod(LocalDate.of(2026, 12, 1), LocalDate.of(2035, 12, 3), "")), List.of());
    assertThat(sabbatical.addWorking(at("2026-12-01T10:00:00Z"), Duration.ofHours(1))).isEqualTo(at("2035-12-03T10:00:00Z"));
    assertThat(sabbatical.nextPeriod(at("2026-12-01T10:00:00Z")))
        .contains(new Interval(at("2035-12-03T09:00:00Z"), at("2035-12-03T17:00:00Z")));
  }

  @Test
  void theNextWorkingDayIsTodayUntilTodaysHoursBegin() {
    // Tuesday 1 December 2026 in Lisbon (UTC): before 09:00 it is today's start, from 09:00 on Wednesday's.
    assertThat(ANA.nextDayStart(at("2026-12-01T06:00:00Z"))).contains(at("2026-12-01T09:00:00Z"));
    assertThat(ANA.nextDayStart(at("2026-12-01T00:00:00Z"))).contains(at("2026-12-01T09:00:00Z"));
    assertThat(ANA.nextDayStart(at("2026-12-01T09:00:00Z"))).contains(at("2026-12-02T09:00:00Z"));
    assertThat(ANA.nextDayStart(at("2026-12-01T20:00:00Z"))).contains(at("2026-12-02T09:00:00Z"));
    assertThat(ANA.nextDayStart(at("2026-12-05T08:00:00Z"))).as("Saturday").contains(at("2026-12-07T09:00:00Z"));
    // Bo in Seoul: 06:00 UTC on Monday is 15:00 there, his day began; 23:00 UTC Monday is 08:00 Tuesday, before it.
    assertThat(BO.nextDayStart(at("2026-11-30T06:00:00Z"))).contains(at("2026-12-01T01:00:00Z"));
    assertThat(BO.nextDayStart(at("2026-11-30T23:00:00Z"))).contains(at("2026-12-01T01:00:00Z"));
    // A split day: at 13:00, between 09:00-12:00 and 14:00-18:00, the day has begun: tomorrow 09:00, not 14:00.
    WorkCalendar split = WorkCalendar.of(ZoneId.of("Europe/Lisbon"),
        List.of(range(DayOfWeek.TUESDAY, "09:00", "12:00"), range(DayOfWeek.TUESDAY, "14:00", "18:00"),
            range(DayOfWeek.WEDNESDAY, "09:00", "12:00")), List.of(), List.of());
    assertThat(split.nextDayStart(at("2026-12-01T13:00:00Z"))).contains(at("2026-12-02T09:00:00Z"));
    assertThat(WorkCalendar.of(ZoneId.of("UTC"), List.of(), List.of(), List.of()).nextDayStart(at("2026-12-01T13:00:00Z"))).isEmpty();
  }

  @Test
  void workingEveryHourOfTheWeekIsOnePeriodUpToTheHorizon() {
    List<WorkingRange> week = new java.util.ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      week.add(range(d, "00:00", "12:00"));
      week.add(range(d, "12:00", "00:00"));
    }
    WorkCalendar roundTheClock = WorkCalendar.of(ZoneId.of("America/Denver"), week, List.of(), List.of());
    assertThat(roundTheClock.weeklyHours()).isEqualTo(Duration.ofHours(7 * 24));
    var status = roundTheClock.statusAt(at("2026-12-01T10:00:00Z"));
    assertThat(status.working()).isTrue();
    assertThat(status.changesAt()).as("never").isEmpty();
    assertThat(roundTheClock.addWorking(at("2026-12-01T10:00:00Z"), Duration.ofDays(400)))
        .isEqualTo(at("2026-12-01T10:00:00Z").plus(Duration.ofDays(400)));
    Interval period = roundTheClock.periodAt(at("2026-12-01T10:00:00Z")).orElseThrow();
    assertThat(period.contains(at("2026-12-01T10:00:00Z"))).isTrue();
    assertThat(period.duration()).isGreaterThan(WorkCalendar.HORIZON);
  }

  @Test
  void sameCalendarGivesTheSameAnswersFromManyThreads() throws Exception {
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.ConcurrentLinkedQueue<Object> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int i = 0; i < 4; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        for (int k = 0; k < 1000; k++) answers.add(BO.addWorking(at("2026-12-04T06:00:00Z"), Duration.ofHours(16)));
      }));
    }
    for (Thread t : threads) t.join();
    assertThat(answers).hasSize(4000).containsOnly(at("2026-12-08T04:00:00Z"));
  }

  static WorkingRange range(DayOfWeek day, String start, String end) {
    return new WorkingRange(day, LocalTime.parse(start), LocalTime.parse(end));
  }
}
