package dev.longhand.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The thresholds and lexicons of the signals, and how the computer applies them to threads made up here. */
class SignalRulesTest {
  private static final long ANA = 1;
  private static final long BO = 2;
  private static final long CY = 3;
  private static final Instant MONDAY_10_LISBON = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void heatedWordsAreFoundWholeAndAsWrittenOutsideCodeAndQuotes() {
    String prose = SignalRules.prose("""
        This is RIDICULOUS and you never listen!!
        > someone said stupid things
        `nonsense` in code, and a paragraph about the useless-ness of HTTPS""");
    assertThat(SignalRules.heated(prose)).containsExactly("RIDICULOUS", "you never", "useless", "!!");
    assertThat(SignalRules.heated("I AM DONE WAITING")).containsExactly("WAITING");
    assertThat(SignalRules.heated(SignalRules.prose("A stupidly simple fix: absurdist art."))).isEmpty();
  }

  @Test
  void crisisWordsNeedSomethingToBeDownNotJustTheWordDown() {
    assertThat(SignalRules.crisis("Checkout is down since 9, sev1, maybe a breach")).containsExactly("is down", "sev1", "breach");
    assertThat(SignalRules.crisis("Let me write down the plan and calm down")).isEmpty();
    assertThat(SignalRules.crisis("The OUTAGE report")).containsExactly("OUTAGE");
  }

  @Test
  void brainstormingPhrasesIncludeInvitationsToIdeas() {
    assertThat(SignalRules.brainstorming("Any ideas? What if we cached it, or how about a queue")).containsExactly("Any ideas", "What if", "how about");
    assertThat(SignalRules.brainstorming("Ideas? none")).containsExactly("Ideas?");
  }

  @Test
  void questionsAreTheSentencesThatEndInAQuestionMark() {
    assertThat(SignalRules.questions("We ship Friday. Who owns the rollback? And the docs?")).containsExactly("Who owns the rollback?", "And the docs?");
  }

  @Test
  void aQuickExchangeBetweenTwoPeopleIsFastBackAndForthWithEveryPostAsEvidence() {
    List<Signal.Post> posts = alternating(7, Duration.ofMinutes(2));
    Signal fast = SignalComputer.fast(posts, calendars()).orElseThrow();
    assertThat(fast.id()).isEqualTo(SignalRules.FAST);
    assertThat(fast.score()).isEqualTo(1.0); // six changes of hands: full
    assertThat(fast.evidence()).extracting(Signal.Evidence::replyId).containsExactly(100L, 101L, 102L, 103L, 104L, 105L, 106L);
    assertThat(fast.explanation()).contains("7 posts changing hands 6 times between Ana and Bo in 12 minutes");
  }

  @Test
  void theSameExchangeSpreadOverAWorkingDayIsNotFast() {
    assertThat(SignalComputer.fast(alternating(7, Duration.ofHours(1)), calendars())).isEmpty();
  }

  @Test
  void fourChangesOfHandsAreTheLeastThatCountAndTheScoreGrowsToSix() {
    assertThat(SignalComputer.fast(alternating(4, Duration.ofMinutes(1)), calendars())).isEmpty(); // three changes
    assertThat(SignalComputer.fast(alternating(5, Duration.ofMinutes(1)), calendars()).orElseThrow().score()).isEqualTo(0.67);
  }

  @Test
  void amongManyWritersTheRunOfAtMostThreeIsFound() {
    List<Signal.Post> posts = new ArrayList<>();
    long[] five = {1, 2, 3, 4, 5};
    for (int i = 0; i < 10; i++) posts.add(new Signal.Post(200 + i, five[i % 5], "P" + five[i % 5], MONDAY_10_LISBON.toEpochMilli() + i * 60_000L, "x"));
    assertThat(SignalComputer.fast(posts, Map.of())).as("five writers in turn: no run of three or fewer changes hands four times").isEmpty();
    for (int i = 0; i < 6; i++) posts.add(new Signal.Post(300 + i, i % 2 == 0 ? 1 : 2, "P", MONDAY_10_LISBON.toEpochMilli() + (10 + i) * 60_000L, "x"));
    Signal fast = SignalComputer.fast(posts, Map.of()).orElseThrow();
    // the run starts where at most three writers remain: post 208 (writer 4) is one too many, so at 209 (writer 5)
    assertThat(fast.explanation()).startsWith("7 posts changing hands 6 times");
  }

  /** The window of at most three writers is kept as it slides; it finds what trying every start for every end found. */
  @Test
  void theSlidingWindowFindsWhatTryingEveryStartFound() {
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 2000; round++) {
      List<Signal.Post> posts = new ArrayList<>();
      long at = MONDAY_10_LISBON.toEpochMilli();
      int writers = 1 + random.nextInt(6);
      for (int i = 0, n = random.nextInt(40); i < n; i++) {
        at += random.nextInt(15) * 60_000L;
        long author = 1 + random.nextInt(writers);
        posts.add(new Signal.Post(i, author, "P" + author, at, "x"));
      }
      int[] expected = everyStart(posts);
      var fast = SignalComputer.fast(posts, Map.of());
      if (expected == null) {
        assertThat(fast).as("round " + round).isEmpty();
      } else {
        assertThat(fast).as("round " + round).isPresent();
        assertThat(fast.get().explanation()).as("round " + round)
            .startsWith((expected[1] - expected[0] + 1) + " posts changing hands " + expected[2] + " times");
      }
    }
  }

  /** The former way (wall time: no calendars): for each end, every start tried while more than three wrote. */
  private static int[] everyStart(List<Signal.Post> posts) {
    int bestTurns = 0;
    int[] best = null;
    int from = 0;
    for (int to = 0; to < posts.size(); to++) {
      while (from < to && posts.get(to).at() - posts.get(from).at() > SignalRules.FAST_SPAN.toMillis()) from++;
      int start = from;
      while (start < to && posts.subList(start, to + 1).stream().map(Signal.Post::authorId).distinct().count() > SignalRules.FAST_MAX_PEOPLE) start++;
      int turns = 0;
      for (int k = start + 1; k <= to; k++) if (posts.get(k).authorId() != posts.get(k - 1).authorId()) turns++;
      if (turns >= bestTurns && turns >= SignalRules.FAST_MIN_TURNS) {
        bestTurns = turns;
        best = new int[] {start, to, turns};
      }
    }
    return best;
  }

  @Test
  void aQuestionNobodyElseAnsweredIsOpenAndAnAnsweredOneIsNot() {
    List<Signal.Post> posts = List.of(
        post(100, ANA, 0, "Who owns the rollback?"),
        post(101, BO, 5, "Me. Should we also tell support?"),
        post(102, BO, 6, "Also: what about the docs?"));
    List<Signal> signals = SignalComputer.compute(snapshot(posts, List.of(), false, MONDAY_10_LISBON.plusSeconds(3600)));
    Signal open = signals.stream().filter(s -> s.id().equals(SignalRules.OPEN_QUESTIONS)).findFirst().orElseThrow();
    assertThat(open.evidence()).extracting(Signal.Evidence::text).containsExactly("Should we also tell support?", "Also: what about the docs?");
    assertThat(open.score()).isEqualTo(0.4);
  }

  @Test
  void anAskPastItsDueTimeIsAnOpenQuestionNamingWhomItWaitsOn() {
    List<Signal.Post> posts = List.of(post(100, ANA, 0, "Plan"), post(101, ANA, 1, "@bo please review by 1 working day"));
    Instant now = MONDAY_10_LISBON.plus(Duration.ofDays(2));
    Signal open = SignalComputer.compute(snapshot(posts, List.of(new Signal.OpenAsk(9, 101, "Bo", MONDAY_10_LISBON.plus(Duration.ofDays(1)).toEpochMilli())),
        false, now)).getFirst();
    assertThat(open.id()).isEqualTo(SignalRules.OPEN_QUESTIONS);
    assertThat(open.explanation()).isEqualTo("1 ask past due (Bo)");
    assertThat(open.evidence()).containsExactly(new Signal.Evidence(101, "@bo please review by 1 working day"));
  }

  @Test
  void postsOnThreeWorkingDaysWithoutResolutionDoNotConvergeButAResolvedThreadDoes() {
    List<Signal.Post> posts = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      posts.add(post(100 + day * 2, day % 2 == 0 ? ANA : CY, day * 24 * 60, "Still thinking, day " + day));
      posts.add(post(101 + day * 2, BO, day * 24 * 60 + 30, "Me too"));
    }
    Instant now = MONDAY_10_LISBON.plus(Duration.ofDays(3));
    Signal slow = SignalComputer.compute(snapshot(posts, List.of(), false, now)).stream()
        .filter(s -> s.id().equals(SignalRules.NO_CONVERGENCE)).findFirst().orElseThrow();
    assertThat(slow.score()).isEqualTo(SignalRules.NO_CONVERGENCE_BASE);
    assertThat(slow.explanation()).isEqualTo("6 posts over 3 working days and no resolution yet");
    assertThat(SignalComputer.compute(snapshot(posts, List.of(), true, now))).noneMatch(s -> s.id().equals(SignalRules.NO_CONVERGENCE));
  }

  @Test
  void aCrisisSuggestsASyncSessionAndTwoCrisisWordsAreEnough() {
    List<Signal> signals = SignalComputer.compute(snapshot(List.of(post(100, ANA, 0, "Checkout outage, sev1.")), List.of(), false,
        MONDAY_10_LISBON));
    assertThat(signals).extracting(Signal::id).containsExactly(SignalRules.CRISIS);
    assertThat(signals.getFirst().score()).isEqualTo(1.0);
    assertThat(SignalComputer.suggest(signals, List.of(), false).kind()).isEqualTo("sync");
  }

  @Test
  void theSuggestionFollowsTheStrongestSignalAndStaysQuietUnderTheThreshold() {
    Signal heated = new Signal(SignalRules.HEATED, 0.75, "Heated words: “ridiculous”", List.of());
    Signal fast = new Signal(SignalRules.FAST, 0.67, "fast", List.of());
    Signal ideas = new Signal(SignalRules.BRAINSTORMING, 0.8, "ideas", List.of());
    assertThat(SignalComputer.suggest(List.of(heated, fast), List.of(), false).kind()).isEqualTo("slow-mode");
    assertThat(SignalComputer.suggest(List.of(heated, fast), List.of(), false).reasons()).containsExactly("Heated words: “ridiculous”", "fast");
    assertThat(SignalComputer.suggest(List.of(ideas, fast), List.of(), false).kind()).isEqualTo("brainstorm");
    assertThat(SignalComputer.suggest(List.of(fast), List.of(), false)).isNull();
    assertThat(SignalComputer.suggest(List.of(heated, fast), List.of(), true)).as("resolved").isNull();
  }

  @Test
  void heardSignalsDoNotSuggestAgainUnlessANewOrStrongerOneComes() {
    Signal heated = new Signal(SignalRules.HEATED, 0.5, "heated", List.of());
    Signal fast = new Signal(SignalRules.FAST, 0.67, "fast", List.of());
    List<Signal.Quiet> dismissed = List.of(new Signal.Quiet(SignalRules.HEATED, 0.5, "dismissed", "fine"),
        new Signal.Quiet(SignalRules.FAST, 0.67, "dismissed", "fine"));
    assertThat(SignalComputer.suggest(List.of(heated, fast), dismissed, false)).isNull();
    Signal hotter = new Signal(SignalRules.HEATED, 0.75, "hotter", List.of());
    assertThat(SignalComputer.suggest(List.of(hotter, fast), dismissed, false)).as("0.75 is only 0.25 stronger, alone under 1").isNull();
    Signal crisis = new Signal(SignalRules.CRISIS, 0.6, "crisis", List.of());
    Signal.Suggestion back = SignalComputer.suggest(List.of(hotter, fast, crisis), dismissed, false);
    assertThat(back.kind()).isEqualTo("sync");
    assertThat(back.reasons()).containsExactly("hotter", "crisis");
  }

  private static List<Signal.Post> alternating(int n, Duration apart) {
    List<Signal.Post> posts = new ArrayList<>();
    for (int i = 0; i < n; i++) posts.add(post(100 + i, i % 2 == 0 ? ANA : BO, (int) (apart.toMinutes() * i), "Post " + i));
    return posts;
  }

  private static Signal.Post post(long id, long author, int minutes, String body) {
    String name = author == ANA ? "Ana" : author == BO ? "Bo" : "Cy";
    return new Signal.Post(id, author, name, MONDAY_10_LISBON.plus(Duration.ofMinutes(minutes)).toEpochMilli(), body);
  }

  private static Signal.Snapshot snapshot(List<Signal.Post> posts, List<Signal.OpenAsk> asks, boolean resolved, Instant now) {
    return new Signal.Snapshot(100, ANA, posts, asks, resolved, calendars(), now);
  }

  private static Map<Long, WorkCalendar> calendars() {
    return Map.of(ANA, calendar("Europe/Lisbon", 9, 17), BO, calendar("Asia/Seoul", 10, 19), CY, calendar("America/Denver", 8, 16));
  }

  private static WorkCalendar calendar(String zone, int start, int end) {
    List<WorkingRange> week = new ArrayList<>();
    for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
      week.add(new WorkingRange(d, LocalTime.of(start, 0), LocalTime.of(end, 0)));
    }
    return WorkCalendar.of(ZoneId.of(zone), week, List.of(), List.of());
  }
}
