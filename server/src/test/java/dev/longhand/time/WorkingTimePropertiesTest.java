package dev.longhand.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.time.Scenarios.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of working-time arithmetic over random zones, calendars and instants (see {@link Scenarios}), checked
 * against {@link Reference}, the slow computation with java.time.
 */
class WorkingTimePropertiesTest {

  /** A scenario with the reference periods over the days around its anchor, and instants in them. */
  record Case(Scenario s, List<Interval> periods, Instant a, Instant b, Instant c, Duration amount) {
    WorkCalendar calendar() {
      return s.calendar();
    }

    @Override
    public String toString() {
      return s + ", a=" + a + ", b=" + b + ", c=" + c + ", amount=" + amount;
    }
  }

  static Case newCase(Random r) {
    Scenario s = Scenarios.scenario(r);
    List<Interval> periods = Reference.periods(s.calendar(), from(s), to(s));
    Instant[] t = {Scenarios.near(r, s, periods), Scenarios.near(r, s, periods), Scenarios.near(r, s, periods)};
    java.util.Arrays.sort(t);
    return new Case(s, periods, t[0], t[1], t[2], Scenarios.amount(r));
  }

  static Instant from(Scenario s) {
    return s.anchor().minus(Duration.ofDays(3));
  }

  static Instant to(Scenario s) {
    return s.anchor().plus(Duration.ofDays(12));
  }

  @Test
  void periodsAreTheOnesJavaTimeGivesRangeByRange() {
    RandomCases.check(600, WorkingTimePropertiesTest::newCase, c -> {
      assertThat(c.calendar().periods(from(c.s()), to(c.s()))).isEqualTo(c.periods());
      assertThat(c.calendar().periods(c.a(), c.c())).isEqualTo(Reference.periods(c.calendar(), c.a(), c.c()));
    });
  }

  @Test
  void periodsAreInsideWorkingHoursDisjointAndInOrder() {
    RandomCases.check(400, WorkingTimePropertiesTest::newCase, c -> {
      List<Interval> periods = c.calendar().periods(c.a(), c.c());
      for (int i = 0; i < periods.size(); i++) {
        Interval p = periods.get(i);
        assertThat(p.start()).isBefore(p.end());
        assertThat(c.calendar().isWorking(p.start())).isTrue();
        assertThat(c.calendar().isWorking(p.end().minusNanos(1))).isTrue();
        assertThat(c.calendar().workingBetween(p.start(), p.end())).isEqualTo(p.duration());
        if (i > 0) assertThat(periods.get(i - 1).end()).isBefore(p.start());
      }
      Duration total = periods.stream().map(Interval::duration).reduce(Duration.ZERO, Duration::plus);
      assertThat(c.calendar().workingBetween(c.a(), c.c())).isEqualTo(total);
    });
  }

  @Test
  void isWorkingExactlyInsideThePeriods() {
    RandomCases.check(600, WorkingTimePropertiesTest::newCase, c -> {
      for (Instant t : List.of(c.a(), c.b(), c.c())) {
        List<Interval> around = Reference.periods(c.calendar(), t.minus(Duration.ofDays(2)), t.plus(Duration.ofDays(2)));
        assertThat(c.calendar().isWorking(t)).as("working at %s", t).isEqualTo(Reference.contains(around, t));
      }
    });
  }

  @Test
  void addingThenMeasuringGivesTheAmountBack() {
    RandomCases.check(800, WorkingTimePropertiesTest::newCase, c -> {
      WorkCalendar cal = c.calendar();
      if (cal.weeklyHours().isZero()) {
        assertThatThrownBy(() -> cal.addWorking(c.a(), c.amount())).isInstanceOf(NoWorkingTimeException.class);
        return;
      }
      Instant r = cal.addWorking(c.a(), c.amount());
      assertThat(cal.workingBetween(c.a(), r)).isEqualTo(c.amount());
      if (c.amount().isZero()) {
        assertThat(cal.isWorking(r)).as("nothing to add lands on a working instant").isTrue();
      } else {
        assertThat(cal.isWorking(r) || cal.isWorking(r.minusNanos(1))).as("inside or at the end of working hours").isTrue();
        assertThat(cal.workingBetween(c.a(), r.minusNanos(1))).as("no earlier instant will do").isLessThan(c.amount());
      }
    });
  }

  @Test
  void measuringThenAddingComesBackToTheSameInstantOrTheSameWorkingTime() {
    RandomCases.check(600, WorkingTimePropertiesTest::newCase, c -> {
      WorkCalendar cal = c.calendar();
      Duration d = cal.workingBetween(c.a(), c.c());
      if (d.isZero()) return;
      Instant back = cal.addWorking(c.a(), d);
      if (cal.isWorking(c.c()) && cal.isWorking(c.c().minusNanos(1))) {
        assertThat(back).isEqualTo(c.c());
      } else {
        // c starts a period or is outside hours: the same working time was already reached at an earlier period's end
        assertThat(back).isBeforeOrEqualTo(c.c());
        assertThat(cal.workingBetween(back, c.c())).isZero();
        assertThat(cal.isWorking(back)).isFalse();
      }
    });
  }

  @Test
  void workingTimeAddsUp() {
    RandomCases.check(600, WorkingTimePropertiesTest::newCase, c -> {
      WorkCalendar cal = c.calendar();
      assertThat(cal.workingBetween(c.a(), c.b()).plus(cal.workingBetween(c.b(), c.c())))
          .isEqualTo(cal.workingBetween(c.a(), c.c()));
      assertThat(cal.workingBetween(c.b(), c.b())).isZero();
    });
  }

  @Test
  void periodAtNextAndPreviousAgreeWithThePeriods() {
    RandomCases.check(600, WorkingTimePropertiesTest::newCase, c -> {
      WorkCalendar cal = c.calendar();
      Instant t = c.b();
      List<Interval> around = Reference.periods(cal, t.minus(Duration.ofDays(40)), t.plus(Duration.ofDays(40)));
      Interval at = around.stream().filter(p -> p.contains(t)).findFirst().orElse(null);
      Interval next = around.stream().filter(p -> p.start().isAfter(t) && (at == null || !p.equals(at))).findFirst().orElse(null);
      Interval previous = around.stream().filter(p -> !p.end().isAfter(t)).reduce((x, y) -> y).orElse(null);
      assertThat(cal.periodAt(t).orElse(null)).isEqualTo(at);
      if (next != null && next != around.getLast()) assertThat(cal.nextPeriod(t).orElse(null)).isEqualTo(next);
      if (previous != null && previous != around.getFirst()) assertThat(cal.previousPeriod(t).orElse(null)).isEqualTo(previous);
      var status = cal.statusAt(t);
      assertThat(status.working()).isEqualTo(at != null);
      if (at != null) assertThat(status.changesAt()).contains(at.end());
      else if (next != null && next != around.getLast()) assertThat(status.changesAt()).contains(next.start());
      assertThat(status.localNow().toInstant()).isEqualTo(t);
    });
  }

  @Test
  void farPastAndFutureInstantsFollowTheSameRules() {
    RandomCases.check(150, r -> {
      ZoneId zone = ZoneId.of(Scenarios.ZONES.get(r.nextInt(Scenarios.ZONES.size())));
      Scenario s = Scenarios.scenario(r, zone, r.nextBoolean() ? Scenarios.anchor(r, zone, 1850, 1905)
          : Scenarios.anchor(r, zone, 2195, 2400));
      List<Interval> periods = Reference.periods(s.calendar(), from(s), to(s));
      return new Case(s, periods, Scenarios.near(r, s, periods), null, null, Scenarios.amount(r));
    }, c -> {
      WorkCalendar cal = c.calendar();
      assertThat(cal.periods(from(c.s()), to(c.s()))).isEqualTo(c.periods());
      List<Interval> around = Reference.periods(cal, c.a().minus(Duration.ofDays(2)), c.a().plus(Duration.ofDays(2)));
      assertThat(cal.isWorking(c.a())).isEqualTo(Reference.contains(around, c.a()));
      if (!cal.weeklyHours().isZero()) {
        assertThat(cal.workingBetween(c.a(), cal.addWorking(c.a(), c.amount()))).isEqualTo(c.amount());
      }
    });
  }
}
