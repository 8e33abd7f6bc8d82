package dev.longhand.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.time.OverlapFinder.Member;
import dev.longhand.time.OverlapFinder.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Overlap windows for random teams (see {@link Scenarios}), checked against the reference periods. */
class OverlapPropertiesTest {

  record Team(List<Member> members, Instant from, Instant to, Duration minLength) {
    @Override
    public String toString() {
      return from + ".." + to + " min " + minLength + " " + members.stream()
          .map(m -> m.id() + ": " + new Scenarios.Scenario(m.calendar(), from)).toList();
    }
  }

  static Team team(Random r) {
    ZoneId first = ZoneId.of(Scenarios.ZONES.get(r.nextInt(Scenarios.ZONES.size())));
    Instant anchor = Scenarios.anchor(r, first, 2022, 2030).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    List<Member> members = new ArrayList<>();
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      ZoneId zone = r.nextInt(3) == 0 ? first : ZoneId.of(Scenarios.ZONES.get(r.nextInt(Scenarios.ZONES.size())));
      members.add(new Member("m" + i, Scenarios.scenario(r, zone, anchor).calendar()));
    }
    Duration min = Duration.ofMinutes(List.of(0, 15, 30, 60, 120).get(r.nextInt(5)));
    return new Team(members, anchor, anchor.plus(Duration.ofDays(1 + r.nextInt(8))), min);
  }

  /** Where every member works, by intersecting the reference periods. */
  static List<Interval> everyoneWorks(Team t) {
    List<Interval> common = null;
    for (Member m : t.members()) {
      List<Interval> mine = Reference.periods(m.calendar(), t.from(), t.to());
      if (common == null) {
        common = mine;
        continue;
      }
      List<Interval> next = new ArrayList<>();
      for (Interval a : common) {
        for (Interval b : mine) {
          Instant s = a.start().isAfter(b.start()) ? a.start() : b.start();
          Instant e = a.end().isBefore(b.end()) ? a.end() : b.end();
          if (s.isBefore(e)) next.add(new Interval(s, e));
        }
      }
      common = next;
    }
    return common;
  }

  static Set<String> workingThroughout(Team t, Interval w) {
    return t.members().stream().filter(m -> m.calendar().workingBetween(w.start(), w.end()).equals(w.duration()))
        .map(Member::id).collect(Collectors.toSet());
  }

  static Set<String> workingAt(Team t, Instant i) {
    return t.members().stream().filter(m -> m.calendar().isWorking(i)).map(Member::id).collect(Collectors.toSet());
  }

  @Test
  void windowsForEveryoneAreExactlyWhereAllWorkLongestFirst() {
    RandomCases.check(500, OverlapPropertiesTest::team, t -> {
      List<Window> windows = OverlapFinder.find(t.members(), t.from(), t.to(), t.minLength());
      List<Interval> expected = everyoneWorks(t).stream()
          .filter(i -> i.duration().compareTo(t.minLength()) >= 0)
          .sorted(Comparator.comparing(Interval::duration).reversed().thenComparing(Interval::start)).toList();
      if (!expected.isEmpty()) {
        assertThat(windows).extracting(Window::interval).isEqualTo(expected);
        assertThat(windows).allMatch(Window::everyone);
      } else {
        assertThat(windows).noneMatch(Window::everyone);
      }
    });
  }

  @Test
  void otherwiseTheLargestGroupsThatWorkTogetherAreOffered() {
    RandomCases.check(500, OverlapPropertiesTest::team, t -> {
      List<Window> windows = OverlapFinder.find(t.members(), t.from(), t.to(), t.minLength());
      if (windows.isEmpty() || windows.getFirst().everyone()) return;
      int best = windows.getFirst().inside().size();
      long bestCount = windows.stream().filter(w -> w.inside().size() == best).count();
      for (int i = 0; i < windows.size(); i++) {
        Window w = windows.get(i);
        Interval in = w.interval();
        assertThat(in.duration()).isGreaterThanOrEqualTo(t.minLength()).isPositive();
        assertThat(w.inside().size()).isIn(best, bestCount < 3 ? best - 1 : best);
        // the inside people work all of it, the others none of it, and the group changes at both ends
        assertThat(workingThroughout(t, in)).isEqualTo(Set.copyOf(w.inside()));
        assertThat(workingAt(t, in.start())).isEqualTo(Set.copyOf(w.inside()));
        for (OverlapFinder.Outside o : w.outside()) {
          Member m = t.members().stream().filter(x -> x.id().equals(o.member())).findFirst().orElseThrow();
          assertThat(m.calendar().workingBetween(in.start(), in.end())).isZero();
          assertThat(o.minutesOutside()).isEqualTo((in.duration().toSeconds() + 59) / 60);
          assertThat(o.minutesFromDay()).isNotNegative();
        }
        if (in.start().isAfter(t.from())) assertThat(workingAt(t, in.start().minusSeconds(1))).isNotEqualTo(Set.copyOf(w.inside()));
        if (in.end().isBefore(t.to())) assertThat(workingAt(t, in.end())).isNotEqualTo(Set.copyOf(w.inside()));
        if (i > 0) {
          Window p = windows.get(i - 1);
          Comparator<Window> order = Comparator.<Window>comparingInt(x -> -x.inside().size())
              .thenComparing(x -> x.interval().duration(), Comparator.reverseOrder())
              .thenComparing(x -> x.interval().start());
          assertThat(order.compare(p, w)).isNegative();
        }
      }
    });
  }
}
