package dev.longhand.time;

import static dev.longhand.time.People.ANA;
import static dev.longhand.time.People.ana;
import static dev.longhand.time.People.at;
import static dev.longhand.time.People.bo;
import static dev.longhand.time.People.cy;
import static dev.longhand.time.People.ida;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.time.OverlapFinder.Outside;
import dev.longhand.time.OverlapFinder.Position;
import dev.longhand.time.OverlapFinder.Window;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the team can meet, in the week of Monday 30 November 2026. */
class OverlapFinderTest {
  static final Duration HOUR = Duration.ofHours(1);

  @Test
  void anaAndCyShareTwoHoursEveryWeekday() {
    List<Window> windows = OverlapFinder.find(List.of(ana, cy), at("2026-11-30T00:00:00Z"), at("2026-12-05T00:00:00Z"), HOUR);
    assertThat(windows).extracting(Window::interval).containsExactly(
        new Interval(at("2026-11-30T15:00:00Z"), at("2026-11-30T17:00:00Z")),
        new Interval(at("2026-12-01T15:00:00Z"), at("2026-12-01T17:00:00Z")),
        new Interval(at("2026-12-02T15:00:00Z"), at("2026-12-02T17:00:00Z")),
        new Interval(at("2026-12-03T15:00:00Z"), at("2026-12-03T17:00:00Z")),
        new Interval(at("2026-12-04T15:00:00Z"), at("2026-12-04T17:00:00Z")));
    assertThat(windows).allMatch(Window::everyone).allMatch(w -> w.inside().equals(List.of("ana", "cy")));
  }

  @Test
  void anaAndBoShareTheLastHourOfBosDay() {
    assertThat(OverlapFinder.find(List.of(ana, bo), at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z"), Duration.ofMinutes(30)))
        .containsExactly(new Window(new Interval(at("2026-12-01T09:00:00Z"), at("2026-12-01T10:00:00Z")), List.of("ana", "bo"), List.of()));
  }

  @Test
  void longerWindowsComeFirst() {
    // a Lisbon colleague working 08:00-18:00 on Tuesday only: a 2 h window with Cy, and Ana's 8 h on Tuesday
    WorkCalendar tuesdays = People.on(java.util.EnumSet.of(java.time.DayOfWeek.TUESDAY), "Europe/Lisbon", "08:00", "18:00");
    List<Window> withAna = OverlapFinder.find(List.of(ana, new OverlapFinder.Member("tue", tuesdays)),
        at("2026-11-30T00:00:00Z"), at("2026-12-07T00:00:00Z"), HOUR);
    assertThat(withAna).extracting(Window::interval)
        .containsExactly(new Interval(at("2026-12-01T09:00:00Z"), at("2026-12-01T17:00:00Z")));
  }

  @Test
  void whenAnaBoAndCyNeverMeetTheBestPairsAreOfferedWithWhoIsLeftOut() {
    List<Window> windows = OverlapFinder.find(List.of(ana, bo, cy), at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z"), HOUR);
    assertThat(windows).extracting(Window::interval).containsExactly(
        new Interval(at("2026-12-01T15:00:00Z"), at("2026-12-01T17:00:00Z")), // Ana and Cy
        new Interval(at("2026-12-01T09:00:00Z"), at("2026-12-01T10:00:00Z")), // Ana and Bo
        // only two pairs, so single people too, longest first
        new Interval(at("2026-12-01T01:00:00Z"), at("2026-12-01T09:00:00Z")), // Bo
        new Interval(at("2026-12-01T17:00:00Z"), at("2026-12-01T23:00:00Z")), // Cy
        new Interval(at("2026-12-01T10:00:00Z"), at("2026-12-01T15:00:00Z"))); // Ana
    assertThat(windows.get(0).inside()).containsExactly("ana", "cy");
    // 15:00 UTC is midnight in Seoul; Bo's Wednesday starts at 10:00 KST, 8 h after the window
    assertThat(windows.get(0).outside()).containsExactly(new Outside("bo", 120, 480, Position.BEFORE_DAY));
    // 09:00 UTC is 02:00 in Denver; Cy starts at 08:00
    assertThat(windows.get(1).outside()).containsExactly(new Outside("cy", 60, 300, Position.BEFORE_DAY));
    // 01:00-09:00 UTC is Monday 18:00 to Tuesday 02:00 in Denver: 2 h after Cy's Monday ended
    assertThat(windows.get(2).outside()).containsExactly(
        new Outside("ana", 480, 0, Position.BEFORE_DAY), new Outside("cy", 480, 120, Position.AFTER_DAY));
  }

  @Test
  void cyIsHalfAnHourBeforeHisDayWhileAnaAndIdaMeet() {
    // Ida works 08:00-15:30 in Berlin (07:00-14:30 UTC); Ana and Ida overlap 09:00-14:30 UTC, which ends at 07:30 in Denver
    List<Window> windows = OverlapFinder.find(List.of(ana, ida, cy), at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z"), HOUR);
    assertThat(windows.get(0)).isEqualTo(new Window(new Interval(at("2026-12-01T09:00:00Z"), at("2026-12-01T14:30:00Z")),
        List.of("ana", "ida"), List.of(new Outside("cy", 330, 30, Position.BEFORE_DAY))));
    assertThat(windows.get(1)).isEqualTo(new Window(new Interval(at("2026-12-01T15:00:00Z"), at("2026-12-01T17:00:00Z")),
        List.of("ana", "cy"), List.of(new Outside("ida", 120, 30, Position.AFTER_DAY))));
    assertThat(windows).hasSize(4).extracting(w -> w.inside().size()).containsExactly(2, 2, 1, 1);
  }

  @Test
  void aHolidayIsADayOff() {
    WorkCalendar anaOnHoliday = People.withAway(ANA, List.of(), List.of(LocalDate.of(2026, 12, 8)));
    List<Window> windows = OverlapFinder.find(List.of(new OverlapFinder.Member("ana", anaOnHoliday), bo),
        at("2026-12-08T00:00:00Z"), at("2026-12-09T00:00:00Z"), Duration.ofMinutes(30));
    assertThat(windows).containsExactly(new Window(new Interval(at("2026-12-08T01:00:00Z"), at("2026-12-08T10:00:00Z")),
        List.of("bo"), List.of(new Outside("ana", 540, 480, Position.DAY_OFF))));
  }

  @Test
  void nobodyWorkingGivesNoWindows() {
    assertThat(OverlapFinder.find(List.of(ana, bo), at("2026-12-05T00:00:00Z"), at("2026-12-06T00:00:00Z"), HOUR)).isEmpty();
  }

  @Test
  void anOverlapNeedsSomeone() {
    assertThatThrownBy(() -> OverlapFinder.find(List.of(), at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z"), HOUR))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
