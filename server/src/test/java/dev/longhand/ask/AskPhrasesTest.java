package dev.longhand.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How a post's words become asks, and what a working day is. Pure: no server, no database. */
class AskPhrasesTest {

  @Test
  void aMentionAndAWorkingTimePhraseInOneParagraphAskThatPerson() {
    assertThat(AskPhrases.find("@bo please review by 2 working days"))
        .containsExactly(new AskPhrases.Found("bo", Within.days(2)));
    assertThat(AskPhrases.find("Could @Bo look at this By 4 Working Hours?"))
        .containsExactly(new AskPhrases.Found("bo", Within.hours(4)));
    assertThat(AskPhrases.find("@cy sign-off by 1 working day please"))
        .containsExactly(new AskPhrases.Found("cy", Within.days(1)));
    assertThat(AskPhrases.find("@cy by 1 working hour")).containsExactly(new AskPhrases.Found("cy", Within.hours(1)));
  }

  @Test
  void thePhraseMayStandAnywhereInTheParagraphAndAskEveryoneItMentions() {
    assertThat(AskPhrases.find("By 3 working days, could **@cy** and\n@bo sign the plan?"))
        .containsExactly(new AskPhrases.Found("cy", Within.days(3)), new AskPhrases.Found("bo", Within.days(3)));
  }

  @Test
  void eachMentionTakesTheNextPhraseAfterIt() {
    assertThat(AskPhrases.find("@bo by 2 working days, and @cy by 4 working hours"))
        .containsExactly(new AskPhrases.Found("bo", Within.days(2)), new AskPhrases.Found("cy", Within.hours(4)));
  }

  @Test
  void anotherParagraphCodeAndLinksAskNothing() {
    assertThat(AskPhrases.find("@bo hello\n\nThe rest is due by 2 working days.")).isEmpty();
    assertThat(AskPhrases.find("`@bo please review by 2 working days`")).isEmpty();
    assertThat(AskPhrases.find("@bo see `by 2 working days`")).isEmpty();
    assertThat(AskPhrases.find("```\n@bo please review by 2 working days\n```")).isEmpty();
    assertThat(AskPhrases.find("[@bo](https://example.test) by 2 working days")).isEmpty();
    assertThat(AskPhrases.find("mail bo@example.test by 2 working days")).isEmpty();
    assertThat(AskPhrases.find("@bo by two working days, or by 0 working days")).isEmpty();
    assertThat(AskPhrases.find("@bo please review soon")).isEmpty();
  }

  @Test
  void theCheapTestOnlyLooksForTheWordWorking() {
    assertThat(AskPhrases.mayContain("Nothing here")).isFalse();
    assertThat(AskPhrases.mayContain("WORKING")).isTrue();
    assertThat(AskPhrases.mayContain("workin")).isFalse();
  }

  @Test
  void withinIsWrittenInWorkingDaysAndHours() {
    assertThat(Within.parse("P2D")).contains(Within.days(2));
    assertThat(Within.parse("pt16h")).contains(Within.hours(16));
    assertThat(Within.parse("P1DT4H30M")).contains(new Within(1, 270));
    assertThat(Within.parse("2 working days")).contains(Within.days(2));
    assertThat(Within.parse("4 Working Hours")).contains(Within.hours(4));
    assertThat(Stream.of("soon", "", "P", "PT", "P0D", "P31D", "PT241H", "-P1D", "P1W", "2 days"))
        .allSatisfy(bad -> assertThat(Within.parse(bad)).as(bad).isEmpty());
    assertThat(new Within(1, 270).iso()).isEqualTo("P1DT4H30M");
    assertThat(new Within(1, 270).words()).isEqualTo("1 working day and 4 working hours and 30 working minutes");
    assertThat(Within.days(2).words()).isEqualTo("2 working days");
  }

  @Test
  void aWorkingDayIsThePersonsAverageDay() {
    WorkCalendar bo = calendar("Asia/Seoul", List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY), "10:00", "19:00");
    assertThat(Within.days(2).in(bo)).isEqualTo(Duration.ofHours(18));
    WorkCalendar sixShortDays = calendar("Europe/Lisbon", List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), "09:00", "13:00");
    assertThat(Within.days(1).in(sixShortDays)).isEqualTo(Duration.ofHours(4));
    assertThat(new Within(1, 30).in(sixShortDays)).isEqualTo(Duration.ofMinutes(270));
    assertThat(Within.days(1).in(calendar("UTC", List.of(), "09:00", "17:00"))).isZero();
  }

  static WorkCalendar calendar(String zone, List<DayOfWeek> days, String start, String end) {
    return WorkCalendar.of(ZoneId.of(zone), days.stream().map(d -> new WorkingRange(d, LocalTime.parse(start), LocalTime.parse(end))).toList(),
        List.of(), List.of());
  }
}
