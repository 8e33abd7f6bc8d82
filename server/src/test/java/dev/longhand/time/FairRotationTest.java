package dev.longhand.time;

import static dev.longhand.time.People.ana;
import static dev.longhand.time.People.at;
import static dev.longhand.time.People.bo;
import static dev.longhand.time.People.cy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.time.FairRotation.PastSession;
import dev.longhand.time.FairRotation.RankedSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A weekly sync for Ana (Lisbon 09-17, UTC), Bo (Seoul 10-19, 01-10 UTC) and Cy (Denver 08-16, 15-23 UTC) in
 * December 2026. Bo and Cy never work at the same time, so every hour-long sync stretches someone's day: 09:00 UTC
 * (02:00 in Denver) stretches Cy's by six hours, 15:00 UTC (midnight in Seoul) Bo's by six.
 */
class FairRotationTest {
  static final List<OverlapFinder.Member> TEAM = List.of(ana, bo, cy);
  static final Duration HOUR = Duration.ofHours(1);
  static final Duration HALF_HOUR = Duration.ofMinutes(30);

  @Test
  void burdenIsHowFarEachPersonsDayWasStretched() {
    List<PastSession> history = List.of(
        new PastSession(new Interval(at("2026-12-01T09:00:00Z"), at("2026-12-01T10:00:00Z")), List.of("ana", "bo", "cy")),
        new PastSession(new Interval(at("2026-12-01T16:30:00Z"), at("2026-12-01T17:30:00Z")), List.of("ana", "cy", "zed")));
    // Ana stays 30 minutes past her day; Cy's 02:00 call stretches his day by 6 hours, not just the hour it lasted.
    assertThat(FairRotation.burden(history, TEAM)).containsExactly(Map.entry("ana", 30L), Map.entry("bo", 0L), Map.entry("cy", 360L));
  }

  @Test
  void theFairestSlotSparesWhoeverHasGivenUpMost() {
    Interval early = new Interval(at("2026-12-07T09:00:00Z"), at("2026-12-07T10:00:00Z"));
    Interval late = new Interval(at("2026-12-07T15:00:00Z"), at("2026-12-07T16:00:00Z"));
    List<RankedSlot> ranked = FairRotation.rank(List.of(early, late), TEAM, Map.of("cy", 120L));
    assertThat(ranked).extracting(RankedSlot::slot).containsExactly(late, early);
    // 15:00 UTC is midnight in Seoul: Bo's day, which ends at 10:00 UTC, stretches by six hours
    assertThat(ranked.getFirst().stretchMinutes()).containsExactly(Map.entry("ana", 0L), Map.entry("bo", 360L), Map.entry("cy", 0L));
    assertThat(ranked.getFirst().totalStretchMinutes()).isEqualTo(360);
    // with nothing to go on, equal burdens: the earlier slot
    assertThat(FairRotation.rank(List.of(late, early), TEAM, Map.of())).extracting(RankedSlot::slot).containsExactly(early, late);
  }

  @Test
  void theWorstOffPersonDecidesThenTheTotal() {
    // Cy has given up 90 minutes. 14:30 UTC stretches Bo by 330 and Cy by 30 (worst: Bo, 330);
    // 15:00 stretches Bo by 360; 09:00 stretches Cy by 360 on top of his 90 (worst: Cy, 450).
    Interval shared = new Interval(at("2026-12-07T14:30:00Z"), at("2026-12-07T15:30:00Z"));
    Interval boHour = new Interval(at("2026-12-07T15:00:00Z"), at("2026-12-07T16:00:00Z"));
    Interval cyHour = new Interval(at("2026-12-07T09:00:00Z"), at("2026-12-07T10:00:00Z"));
    List<RankedSlot> ranked = FairRotation.rank(List.of(cyHour, boHour, shared), TEAM, Map.of("cy", 90L));
    assertThat(ranked).extracting(RankedSlot::slot).containsExactly(shared, boHour, cyHour);
    assertThat(ranked.getFirst().stretchMinutes()).containsEntry("bo", 330L).containsEntry("cy", 30L);
  }

  @Test
  void candidatesAreOnStepBoundariesAndOnNobodysDayOff() {
    List<Interval> slots = FairRotation.candidates(TEAM, at("2026-12-07T00:10:00Z"), at("2026-12-08T00:00:00Z"), HOUR, HALF_HOUR);
    assertThat(slots).allMatch(s -> s.start().getEpochSecond() % 1800 == 0 && s.duration().equals(HOUR));
    // Kept even when nobody works through it: 23:00 UTC is after Ana's and Cy's day and before Bo's Tuesday.
    assertThat(slots).contains(new Interval(at("2026-12-07T23:00:00Z"), at("2026-12-08T00:00:00Z")));
    // Monday 01:00-02:00 UTC is Bo's morning, but still Sunday evening for Cy
    assertThat(slots).doesNotContain(new Interval(at("2026-12-07T01:00:00Z"), at("2026-12-07T02:00:00Z")));
    assertThat(slots).contains(new Interval(at("2026-12-07T09:00:00Z"), at("2026-12-07T10:00:00Z")));
    // the first slot ends in Cy's Monday: 23:30 Sunday to 00:30 Monday in Denver
    assertThat(slots.getFirst().start()).isEqualTo(at("2026-12-07T06:30:00Z"));
    assertThat(FairRotation.candidates(TEAM, at("2026-12-05T02:00:00Z"), at("2026-12-05T23:00:00Z"), HOUR, HALF_HOUR))
        .as("a Saturday nobody works").isEmpty();
    assertThatThrownBy(() -> FairRotation.candidates(List.of(), at("2026-12-07T00:00:00Z"), at("2026-12-08T00:00:00Z"), HOUR, HALF_HOUR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FairRotation.candidates(TEAM, at("2026-12-07T00:00:00Z"), at("2026-12-08T00:00:00Z"), HOUR, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void weeklySyncsSpreadTheStretchOverTheTeam() {
    List<String> whoPaid = new ArrayList<>();
    Map<String, Long> fair = weeklySyncs(true, whoPaid);
    Map<String, Long> blind = weeklySyncs(false, new ArrayList<>());
    // Ranked afresh each week, Ana never stretches her day and Bo and Cy carry 18 h each; fed its history, the
    // rotation brings Ana in some weeks and the three end up carrying the same.
    assertThat(blind.get("ana")).isZero();
    assertThat(whoPaid).as("who stretched their day, week by week").contains("ana+bo+cy").contains("bo+cy");
    long fairest = fair.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    long worstFair = fair.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    long worstBlind = blind.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(worstFair).isLessThan(worstBlind);
    assertThat(worstFair - fairest).as("spread between the most and the least burdened").isLessThanOrEqualTo(60);
  }

  private static Map<String, Long> weeklySyncs(boolean feedHistory, List<String> whoPaid) {
    List<PastSession> history = new ArrayList<>();
    Instant monday = at("2026-11-30T00:00:00Z");
    for (int week = 0; week < 6; week++) {
      Instant from = monday.plus(Duration.ofDays(7L * week));
      List<Interval> slots = FairRotation.candidates(TEAM, from, from.plus(Duration.ofDays(5)), HOUR, HALF_HOUR);
      RankedSlot chosen = FairRotation.rank(slots, TEAM, feedHistory ? FairRotation.burden(history, TEAM) : Map.of()).getFirst();
      history.add(new PastSession(chosen.slot(), List.of("ana", "bo", "cy")));
      whoPaid.add(chosen.stretchMinutes().entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
          .reduce((a, b) -> a + "+" + b).orElse("nobody"));
    }
    return FairRotation.burden(history, TEAM);
  }
}
