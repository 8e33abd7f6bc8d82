package dev.longhand.signal;

import static dev.longhand.signal.SignalRules.*;

import dev.longhand.time.WorkCalendar;
import dev.longhand.time.WorkingRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a thread's signals from a {@link Signal.Snapshot} by {@link SignalRules}, and what the signals not yet
 * heard suggest. Pure: no clock, no I/O, so the {@code signals} consumer, the tests and the benchmark run the same code.
 */
public final class SignalComputer {
  private SignalComputer() {}

  /** A local day is at least 23 hours long (the day clocks go forward). */
  private static final long SHORTEST_DAY_MILLIS = Duration.ofHours(23).toMillis();

  /** The thread's signals with a score above zero, strongest first. */
  public static List<Signal> compute(Signal.Snapshot s) {
    List<Signal.Post> posts = s.posts().size() > POSTS_READ ? s.posts().subList(s.posts().size() - POSTS_READ, s.posts().size()) : s.posts();
    List<PostReading> read = posts.stream().map(PostReading::of).toList();
    List<Signal> out = new ArrayList<>();
    fast(posts, s.calendars()).ifPresent(out::add);
    add(out, openQuestions(posts, read, s));
    add(out, noConvergence(posts, s));
    add(out, lexicon(HEATED, posts, read, PostReading::heated, PER_HEATED_WORD, "Heated words"));
    add(out, lexicon(BRAINSTORMING, posts, read, PostReading::brainstorming, PER_BRAINSTORM_PHRASE, "Looking for ideas"));
    add(out, crisis(posts, read));
    out.sort(Comparator.comparingDouble(Signal::score).reversed().thenComparing(Signal::id));
    return out;
  }

  /**
   * What the signals suggest, given those heard before (dismissed or answered), or null: the signals that are new,
   * or stronger by {@link SignalRules#STRONGER_BY} than when they were heard, must add up to {@link SignalRules#SUGGEST_AT}.
   * A crisis asks for a sync session; brainstorming, when strongest, for a brainstorm; heated tone, when no signal is
   * stronger, for slow mode; anything else for a sync session.
   */
  public static Signal.Suggestion suggest(List<Signal> signals, List<Signal.Quiet> quiets, boolean resolved) {
    if (resolved) return null;
    Map<String, Double> heard = new HashMap<>();
    quiets.forEach(q -> heard.put(q.signalId(), q.score()));
    List<Signal> fresh = signals.stream()
        .filter(x -> !heard.containsKey(x.id()) || x.score() >= heard.get(x.id()) + STRONGER_BY - 1e-9)
        .sorted(Comparator.comparingDouble(Signal::score).reversed()).toList();
    double total = fresh.stream().mapToDouble(Signal::score).sum();
    if (fresh.isEmpty() || total < SUGGEST_AT - 1e-9) return null;
    double strongest = fresh.getFirst().score();
    boolean heatedLeads = fresh.stream().anyMatch(x -> x.id().equals(HEATED) && x.score() >= strongest - 1e-9);
    String kind = fresh.stream().anyMatch(x -> x.id().equals(CRISIS)) ? "sync"
        : fresh.getFirst().id().equals(BRAINSTORMING) ? "brainstorm"
        : heatedLeads ? "slow-mode"
        : "sync";
    return new Signal.Suggestion(kind, fresh.stream().map(Signal::explanation).toList());
  }

  private static void add(List<Signal> out, Signal s) {
    if (s != null && s.score() > 0) out.add(s);
  }

  /** The run of posts within {@link SignalRules#FAST_SPAN} of working time that changes hands most often between few people. */
  static java.util.Optional<Signal> fast(List<Signal.Post> posts, Map<Long, WorkCalendar> calendars) {
    Spans spans = new Spans(posts, calendars);
    int bestTurns = 0;
    int bestFrom = 0;
    int bestTo = -1;
    int from = 0;
    // the longest window ending at `to` with at most FAST_MAX_PEOPLE writers starts at `fewest`, which only moves on as
    // `to` does: kept with a count per writer, so a thread of many writers costs a pass, not a pass per post per post
    Map<Long, Integer> writers = new HashMap<>();
    int fewest = 0;
    for (int to = 0; to < posts.size(); to++) {
      writers.merge(posts.get(to).authorId(), 1, Integer::sum);
      while (writers.size() > FAST_MAX_PEOPLE) {
        long gone = posts.get(fewest++).authorId();
        if (writers.merge(gone, -1, Integer::sum) == 0) writers.remove(gone);
      }
      // working time never exceeds wall time: within the span by the clock, it is within it by anyone's hours
      while (from < to && posts.get(to).at() - posts.get(from).at() > FAST_SPAN.toMillis()
          && spans.between(from, to) > FAST_SPAN.toMillis()) from++;
      int start = Math.max(from, fewest);
      int turns = 0;
      for (int k = start + 1; k <= to; k++) if (posts.get(k).authorId() != posts.get(k - 1).authorId()) turns++;
      if (turns >= bestTurns && turns >= FAST_MIN_TURNS) {
        bestTurns = turns;
        bestFrom = start;
        bestTo = to;
      }
    }
    if (bestTo < 0) return java.util.Optional.empty();
    List<Signal.Post> run = posts.subList(bestFrom, bestTo + 1);
    long minutes = Math.max(1, Duration.ofMillis(run.getLast().at() - run.getFirst().at()).toMinutes());
    List<String> names = new ArrayList<>(new LinkedHashSet<>(run.stream().map(Signal.Post::authorName).toList()));
    String explanation = run.size() + " posts changing hands " + bestTurns + " times between " + and(names) + " in " + minutes
        + (minutes == 1 ? " minute" : " minutes") + ": a conversation this quick may go better live";
    List<Signal.Evidence> evidence = run.stream().skip(Math.max(0, run.size() - MAX_EVIDENCE))
        .map(p -> new Signal.Evidence(p.id(), excerpt(p.body(), EXCERPT))).toList();
    return java.util.Optional.of(new Signal(FAST, round(Math.min(1.0, (double) bestTurns / FAST_FULL_TURNS)), explanation, evidence));
  }

  /**
   * The working time between two posts, as the person of the run between them who worked the most of it counts it
   * (wall time when nobody there has hours). Each writer's working time since the first post is computed once per
   * post, so a span is a subtraction; and only when first asked for, since a run within the span by the clock needs
   * no calendar at all (nor are the calendars read then).
   */
  private static final class Spans {
    private final List<Signal.Post> posts;
    private final Map<Long, WorkCalendar> calendars;
    private Map<Long, long[]> worked;

    Spans(List<Signal.Post> posts, Map<Long, WorkCalendar> calendars) {
      this.posts = posts;
      this.calendars = calendars;
    }

    private Map<Long, long[]> worked() {
      if (worked != null) return worked;
      worked = new HashMap<>();
      for (Signal.Post p : posts) {
        WorkCalendar c = calendars.get(p.authorId());
        if (c == null || c.weeklyHours().isZero() || worked.containsKey(p.authorId())) continue;
        long[] since = new long[posts.size()];
        for (int k = 1; k < posts.size(); k++) { // post to post: short spans are cheap to count
          long a = posts.get(k - 1).at();
          long b = posts.get(k).at();
          since[k] = since[k - 1] + (b > a ? c.workingBetween(Instant.ofEpochMilli(a), Instant.ofEpochMilli(b)).toMillis() : 0);
        }
        worked.put(p.authorId(), since);
      }
      return worked;
    }

    long between(int from, int to) {
      Map<Long, long[]> worked = worked();
      long most = -1;
      for (int k = from; k <= to; k++) {
        long[] since = worked.get(posts.get(k).authorId());
        if (since != null) most = Math.max(most, since[to] - since[from]);
      }
      return most >= 0 ? most : posts.get(to).at() - posts.get(from).at();
    }
  }

  /** Questions nobody else answered in a later post, and asks past their due time. */
  private static Signal openQuestions(List<Signal.Post> posts, List<PostReading> read, Signal.Snapshot s) {
    List<Signal.Evidence> evidence = new ArrayList<>();
    int questions = 0;
    for (int i = 0; i < posts.size(); i++) {
      long author = posts.get(i).authorId();
      boolean answered = false;
      for (int k = i + 1; k < posts.size() && !answered; k++) answered = posts.get(k).authorId() != author;
      if (answered) continue;
      for (String q : read.get(i).questions()) {
        questions++;
        evidence.add(new Signal.Evidence(posts.get(i).id(), q));
      }
    }
    List<Signal.OpenAsk> overdue = s.openAsks().stream().filter(a -> a.dueAt() < s.now().toEpochMilli()).toList();
    Map<Long, String> bodies = new HashMap<>();
    posts.forEach(p -> bodies.put(p.id(), p.body()));
    for (Signal.OpenAsk a : overdue) {
      evidence.add(new Signal.Evidence(a.postId(), excerpt(bodies.getOrDefault(a.postId(), "ask to " + a.assigneeName()), EXCERPT)));
    }
    if (questions == 0 && overdue.isEmpty()) return null;
    double score = Math.min(1.0, Math.min(QUESTIONS_MAX, questions * PER_QUESTION) + overdue.size() * PER_OVERDUE_ASK);
    List<String> parts = new ArrayList<>();
    if (questions > 0) parts.add(questions + (questions == 1 ? " question nobody else has answered" : " questions nobody else has answered"));
    if (!overdue.isEmpty()) parts.add(overdue.size() + (overdue.size() == 1 ? " ask past due (" : " asks past due (")
        + and(overdue.stream().map(Signal.OpenAsk::assigneeName).distinct().toList()) + ")");
    return new Signal(OPEN_QUESTIONS, round(score), String.join("; ", parts), cap(evidence));
  }

  /** An unresolved thread with posts on several of its author's working days. */
  private static Signal noConvergence(List<Signal.Post> posts, Signal.Snapshot s) {
    if (s.resolved() || posts.size() < NO_CONVERGENCE_POSTS) return null;
    // posts less than (days - 2) short days apart fall on fewer than `days` dates in any zone: no calendar needed
    if (posts.getLast().at() - posts.getFirst().at() < (NO_CONVERGENCE_DAYS - 2) * SHORTEST_DAY_MILLIS) return null;
    WorkCalendar c = s.calendars().get(s.authorId());
    ZoneId zone = c != null ? c.zone() : ZoneId.of("UTC");
    Set<java.time.DayOfWeek> workdays = new java.util.HashSet<>();
    if (c != null) for (WorkingRange r : c.week()) workdays.add(r.day());
    Map<LocalDate, Signal.Post> firstOfDay = new LinkedHashMap<>();
    for (Signal.Post p : posts) {
      LocalDate day = Instant.ofEpochMilli(p.at()).atZone(zone).toLocalDate();
      if (workdays.isEmpty() || workdays.contains(day.getDayOfWeek())) firstOfDay.putIfAbsent(day, p);
    }
    int days = firstOfDay.size();
    if (days < NO_CONVERGENCE_DAYS) return null;
    double score = Math.min(1.0, NO_CONVERGENCE_BASE + NO_CONVERGENCE_PER_DAY * (days - NO_CONVERGENCE_DAYS));
    List<Signal.Evidence> evidence = firstOfDay.values().stream().map(p -> new Signal.Evidence(p.id(), excerpt(p.body(), EXCERPT))).toList();
    return new Signal(NO_CONVERGENCE, round(score), posts.size() + " posts over " + days + " working days and no resolution yet",
        cap(evidence));
  }

  private static Signal lexicon(String id, List<Signal.Post> posts, List<PostReading> read,
                                java.util.function.Function<PostReading, List<String>> finder, double per, String what) {
    List<Signal.Evidence> evidence = new ArrayList<>();
    Set<String> words = new LinkedHashSet<>();
    for (int i = 0; i < posts.size(); i++) {
      for (String found : finder.apply(read.get(i))) {
        evidence.add(new Signal.Evidence(posts.get(i).id(), found));
        words.add("“" + found.toLowerCase(java.util.Locale.ROOT) + "”");
      }
    }
    if (evidence.isEmpty()) return null;
    return new Signal(id, round(Math.min(1.0, evidence.size() * per)), what + ": " + String.join(", ", words), cap(evidence));
  }

  /** Crisis words count once each, however often they are repeated. */
  private static Signal crisis(List<Signal.Post> posts, List<PostReading> read) {
    List<Signal.Evidence> evidence = new ArrayList<>();
    Set<String> words = new LinkedHashSet<>();
    for (int i = 0; i < posts.size(); i++) {
      for (String found : read.get(i).crisis()) {
        evidence.add(new Signal.Evidence(posts.get(i).id(), found));
        words.add(found.toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (evidence.isEmpty()) return null;
    return new Signal(CRISIS, round(Math.min(1.0, words.size() * PER_CRISIS_WORD)),
        "Crisis words: " + String.join(", ", words.stream().map(w -> "“" + w + "”").toList()), cap(evidence));
  }

  private static List<Signal.Evidence> cap(List<Signal.Evidence> evidence) {
    return evidence.size() <= MAX_EVIDENCE ? evidence : List.copyOf(evidence.subList(0, MAX_EVIDENCE));
  }

  private static double round(double score) {
    return Math.round(score * 100) / 100.0;
  }

  private static String and(List<String> names) {
    if (names.size() <= 1) return String.join("", names);
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
  }
}
