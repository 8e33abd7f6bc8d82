package dev.longhand.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks candidate slots for a sync session so the inconvenience is spread across people over time, instead of always
 * falling on the same ones. Inconvenience is the stretch: how many minutes a person's working day must grow to take
 * part (see {@link MemberHours#stretchMinutes}), so a call just after someone's day costs less than one at 03:00.
 *
 * <p>The loop: {@link #burden} sums what each person has already given up, {@link #candidates} lists the slots
 * worth considering, {@link #rank} puts the fairest first; record the chosen session in the history and repeat.
 * Minutes are whole minutes, a started minute counting as one.
 */
public final class FairRotation {
  private FairRotation() {}

  /** At most this many candidates, earliest first. */
  public static final int MAX_CANDIDATES = 5000;

  /** A session that took place, and who attended it. */
  public record PastSession(Interval when, List<String> attendees) {}

  /** A candidate with how far it stretches each member's day, in minutes. */
  public record RankedSlot(Interval slot, Map<String, Long> stretchMinutes, long totalStretchMinutes) {}

  /**
   * How far past sessions stretched each attendee's day, in minutes, measured with their calendar as it is now. Every member has an entry (0 when none); attendees who are not members are ignored.
   */
  public static Map<String, Long> burden(List<PastSession> history, List<OverlapFinder.Member> members) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (OverlapFinder.Member m : members) {
      long minutes = 0;
      for (PastSession s : history) {
        if (!s.attendees().contains(m.id())) continue;
        long start = s.when().start().getEpochSecond();
        long end = s.when().end().getEpochSecond();
        minutes += new MemberHours(m, start, end).stretchMinutes(start, end);
      }
      out.put(m.id(), minutes);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Slots of {@code length} every {@code step} in {@code [from, to)} worth considering. Slots start on multiples of
   * {@code step} since the epoch (a 30-minute step gives :00 and :30 UTC) and are kept when they fall on nobody's day
   * off (see {@link OverlapFinder.Position#DAY_OFF}), even when nobody works through them: half an hour after one
   * person's day and before another's can be the fairest time. If no slot passes, those in which someone works at
   * least a little are kept. At most {@link #MAX_CANDIDATES}, earliest first.
   *
   * @throws IllegalArgumentException when there are no members, or the length or step is not positive
   */
  public static List<Interval> candidates(List<OverlapFinder.Member> members, Instant from, Instant to,
      Duration length, Duration step) {
    if (members.isEmpty()) throw new IllegalArgumentException("a session needs at least one member");
    if (!length.isPositive() || !step.isPositive()) throw new IllegalArgumentException("length and step must be positive");
    if (from.isAfter(to)) throw new IllegalArgumentException("candidates: from is after to");
    long len = Math.max(1, length.toSeconds());
    long every = Math.max(1, step.toSeconds());
    long fs = from.getNano() == 0 ? from.getEpochSecond() : from.getEpochSecond() + 1;
    long ts = to.getEpochSecond();
    long first = Math.ceilDiv(fs, every) * every;
    List<MemberHours> hours = members.stream().map(m -> new MemberHours(m, fs, ts)).toList();
    List<Interval> good = new ArrayList<>();
    List<Interval> touched = new ArrayList<>();
    for (long s = first; s + len <= ts && good.size() < MAX_CANDIDATES; s += every) {
      long e = s + len;
      boolean someoneWorks = false;
      boolean dayOff = false;
      for (MemberHours h : hours) {
        long working = h.workingSeconds(s, e);
        if (working > 0) someoneWorks = true;
        else if (h.outside(s, e, 0).position() == OverlapFinder.Position.DAY_OFF) dayOff = true;
      }
      Interval slot = new Interval(Instant.ofEpochSecond(s), Instant.ofEpochSecond(e));
      if (!dayOff) good.add(slot);
      else if (someoneWorks && touched.size() < MAX_CANDIDATES) touched.add(slot);
    }
    return List.copyOf(good.isEmpty() ? touched : good);
  }

  /**
   * Candidates best first. For each slot, every member's cumulative burden is their past minutes plus this slot's
   * stretch; the slots are compared by those burdens sorted largest first, lexicographically (leximin: first
   * make the worst-off person as well off as possible, then the next worst, and so on), then by the least total
   * stretch in this slot, then earliest. Fed back week after week, this moves the inconvenience to whoever has borne
   * the least so far.
   */
  public static List<RankedSlot> rank(List<Interval> candidates, List<OverlapFinder.Member> members,
      Map<String, Long> pastMinutesOutside) {
    if (candidates.isEmpty()) return List.of();
    int n = members.size();
    long[] past = new long[n];
    for (int m = 0; m < n; m++) past[m] = pastMinutesOutside.getOrDefault(members.get(m).id(), 0L);
    long from = candidates.stream().mapToLong(c -> c.start().getEpochSecond()).min().orElseThrow();
    long to = candidates.stream().mapToLong(c -> c.end().getEpochSecond() + 1).max().orElseThrow();
    List<MemberHours> hours = members.stream().map(m -> new MemberHours(m, from, to)).toList();
    List<Scored> scored = new ArrayList<>(candidates.size());
    for (Interval slot : candidates) {
      long s = slot.start().getEpochSecond();
      long e = slot.end().getEpochSecond();
      long[] outside = new long[n];
      long[] cumulative = new long[n];
      long total = 0;
      for (int m = 0; m < n; m++) {
        outside[m] = hours.get(m).stretchMinutes(s, e);
        cumulative[m] = -(past[m] + outside[m]);
        total += outside[m];
      }
      Arrays.sort(cumulative); // ascending negatives: the largest burden first
      scored.add(new Scored(slot, outside, cumulative, total));
    }
    scored.sort(Comparator.<Scored, long[]>comparing(x -> x.worstFirst, FairRotation::compareWorstFirst)
        .thenComparingLong(x -> x.total).thenComparing(x -> x.slot.start()));
    List<RankedSlot> out = new ArrayList<>(scored.size());
    for (Scored x : scored) {
      Map<String, Long> byMember = new LinkedHashMap<>();
      for (int m = 0; m < n; m++) byMember.put(members.get(m).id(), x.outside[m]);
      out.add(new RankedSlot(x.slot, Collections.unmodifiableMap(byMember), x.total));
    }
    return out;
  }

  /** Negated burdens sorted ascending: comparing them in reverse compares the largest burden first. */
  private static int compareWorstFirst(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) return Long.compare(b[i], a[i]);
    }
    return 0;
  }

  private record Scored(Interval slot, long[] outside, long[] worstFirst, long total) {}
}
